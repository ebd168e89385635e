/**
 * The learned half of the crisis guard: a multinomial logistic regression over hashed word unigrams, word bigrams and
 * character 3- and 4-grams of the normalised text. It scores three labels: `none`, `self` (the writer is at risk) and
 * `third` (the writer is worried about someone else). The rules in crisis.ts catch the phrasings they were written
 * for; the model catches plain wording the rules never saw ("fucking done with all of it, got the gun out").
 *
 * The weights come from scripts/train-guards.mjs (its header names the public data sets and how to fetch them) and
 * are committed in crisis-model-weights.ts, quantised to one signed byte per weight (about 130 KB of base64 for
 * 2^15 buckets × 3 labels) so the browser can bundle them. Featurising and scoring are one linear pass over at most
 * MAX_CHARS characters: no regex backtracking, no allocation per feature beyond one small string.
 */
import { CRISIS_MODEL } from './crisis-model-weights.js';

export const LABELS = ['none', 'self', 'third'] as const;
export type ModelLabel = (typeof LABELS)[number];

/** Longer messages are scored on their first MAX_CHARS characters (the rules still read the whole text). */
export const MAX_CHARS = 4000;

export interface ModelShape {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Real weight = byte × scale. */
  scale: number;
  bias: readonly number[];
  /** base64 of Int8 weights, bucket-major: weights[bucket * labels + label]. */
  weights: string;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, continued from `h` over `s`: fnv(a + b) === more(fnv(a), b), so no concatenated string is built. */
function more(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

const SPACE = 32;
const step = (h: number, code: number) => Math.imul(h ^ code, FNV_PRIME);
const W = more(FNV_OFFSET, 'w:');
const BI = more(FNV_OFFSET, 'b:');
const C = more(FNV_OFFSET, 'c:');
const N = more(FNV_OFFSET, 'n:');
const O = more(FNV_OFFSET, 'o:');
const P = more(FNV_OFFSET, 'p:');

/** Words that open a negation scope: the next few words are also hashed as "n:" + word. */
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "don't",
  "didn't",
  "won't",
  "wouldn't",
  "isn't",
  "doesn't",
  "wasn't",
  "haven't",
  "hasn't",
  "aren't",
  'nothing',
  'nobody',
]);
/** Subjects that make the clause about someone else: its later words are also hashed as "o:" + word. */
const OTHER_SUBJECTS = new Set([
  'he',
  'she',
  'they',
  "he's",
  "she's",
  "they're",
  "he'd",
  "she'd",
  "they'd",
  "he'll",
  "she'll",
  "they'll",
  "they've",
  'his',
  'her',
  'their',
  'him',
  'them',
]);
const SELF_SUBJECTS = new Set(['i', "i'm", "i've", "i'd", "i'll", 'myself']);
/** Words that put the clause in the past or in recovery: its words are also hashed as "p:" + word. */
const PAST_MARKERS = new Set([
  'ago',
  'used',
  'clean',
  'sober',
  'recovery',
  'recovered',
  'survivor',
  'survived',
  'anniversary',
  'since',
  'former',
  'late',
]);
const NEGATION_SPAN = 4;

/**
 * The hashed feature buckets of an already normalised text (normaliseForCrisis), with repeats: the FNV-1a hashes of
 * "w:" + token, "b:" + previous token + " " + token, "c:" + each 3- and 4-character slice of " " + token + " ", and
 * three context features a bag of words misses: "n:" + token for the few words after a negation ("not suicidal",
 * "never hurt myself"), "o:" + token for words after a third-person subject in the same clause ("she has a plan"),
 * and "p:" + token for words of a clause in the past or in recovery ("a year ago", "100 days clean").
 * The training script calls this very function, so training and serving can never featurise differently.
 */
export function featureBuckets(normalised: string, bits: number): number[] {
  const mask = (1 << bits) - 1;
  const text = normalised.length > MAX_CHARS ? normalised.slice(0, MAX_CHARS) : normalised;
  const out: number[] = [];
  let prev = '<s>';
  let negation = 0;
  let other = false;
  let clause: string[] = [];
  let pastClause = false;
  const endClause = () => {
    if (pastClause) for (const w of clause) out.push((more(P, w) >>> 0) & mask);
    clause = [];
    pastClause = false;
    negation = 0;
    other = false;
  };
  for (const m of text.matchAll(/[a-z0-9']+|[.!?,;:\n]/g)) {
    const tok = m[0];
    if (!/^[a-z0-9']/.test(tok)) {
      endClause();
      continue;
    }
    out.push((more(W, tok) >>> 0) & mask);
    clause.push(tok);
    out.push((more(step(more(BI, prev), SPACE), tok) >>> 0) & mask);
    prev = tok;
    if (negation > 0) {
      out.push((more(N, tok) >>> 0) & mask);
      negation--;
    }
    if (other) out.push((more(O, tok) >>> 0) & mask);
    if (NEGATORS.has(tok)) negation = NEGATION_SPAN;
    if (OTHER_SUBJECTS.has(tok)) other = true;
    else if (SELF_SUBJECTS.has(tok)) other = false;
    if (PAST_MARKERS.has(tok)) pastClause = true;
    // Character n-grams of " " + tok + " ", positions 0..len+1 of that virtual string.
    const len = tok.length + 2;
    const at = (i: number) => (i === 0 || i === len - 1 ? SPACE : tok.charCodeAt(i - 1));
    for (let n = 3; n <= 4; n++) {
      for (let i = 0; i + n <= len; i++) {
        let h = C;
        for (let j = i; j < i + n; j++) h = step(h, at(j));
        out.push((h >>> 0) & mask);
      }
    }
  }
  endClause();
  out.push((more(step(more(BI, prev), SPACE), '</s>') >>> 0) & mask);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64 → signed bytes, without atob/Buffer (the shared package targets plain ES2023, browser and Node). */
export function decodeInt8(b64: string): Int8Array {
  const clean = b64.replace(/=+$/, '');
  const out = new Int8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bitsHeld = 0;
  let j = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | B64.indexOf(clean[i] ?? 'A');
    bitsHeld += 6;
    if (bitsHeld >= 8) {
      bitsHeld -= 8;
      const byte = (acc >> bitsHeld) & 0xff;
      out[j++] = byte > 127 ? byte - 256 : byte;
    }
  }
  return out;
}

export function encodeInt8(bytes: Int8Array): string {
  const digit = (n: number) => B64.charAt(n & 63);
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = (bytes[i] ?? 0) & 0xff;
    const b = (bytes[i + 1] ?? 0) & 0xff;
    const c = (bytes[i + 2] ?? 0) & 0xff;
    const n = (a << 16) | (b << 8) | c;
    s += digit(n >> 18) + digit(n >> 12);
    s += i + 1 < bytes.length ? digit(n >> 6) : '=';
    s += i + 2 < bytes.length ? digit(n) : '=';
  }
  return s;
}

let decoded: Int8Array | null = null;

function weightsOf(model: ModelShape): Int8Array {
  if (model !== CRISIS_MODEL) return decodeInt8(model.weights);
  decoded ??= decodeInt8(model.weights);
  return decoded;
}

/** Label probabilities for an already normalised text. */
export function scoreNormalised(
  normalised: string,
  model: ModelShape = CRISIS_MODEL,
): Record<ModelLabel, number> {
  const w = weightsOf(model);
  const buckets = featureBuckets(normalised, model.bits);
  // Features are L2-normalised counts: each occurrence adds 1/sqrt(n), so long posts do not saturate.
  const v = buckets.length > 0 ? model.scale / Math.sqrt(buckets.length) : 0;
  let none = model.bias[0] ?? 0;
  let self = model.bias[1] ?? 0;
  let third = model.bias[2] ?? 0;
  for (const b of buckets) {
    const base = b * 3;
    none += (w[base] ?? 0) * v;
    self += (w[base + 1] ?? 0) * v;
    third += (w[base + 2] ?? 0) * v;
  }
  const max = Math.max(none, self, third);
  const eNone = Math.exp(none - max);
  const eSelf = Math.exp(self - max);
  const eThird = Math.exp(third - max);
  const sum = eNone + eSelf + eThird;
  return { none: eNone / sum, self: eSelf / sum, third: eThird / sum };
}
