/**
 * The learned half of the crisis guard: a multinomial logistic regression over hashed word unigrams, word bigrams and
 * character 3- and 4-grams of the normalised text. It scores three labels: `none`, `self` (the writer is at risk) and
 * `third` (the writer is worried about someone else). The rules in crisis.ts catch the phrasings they were written
 * for; the model catches plain wording the rules never saw ("fucking done with all of it, got the gun out").
 *
 * The weights come from scripts/train-guards.mjs (its header names the public data sets and how to fetch them) and
 * are committed in crisis-model-weights.ts, quantised to one signed byte per weight (about 262 KB of base64 for
 * 2^16 buckets × 3 labels since model round 4; 2^17 before) so the browser can bundle them. Featurising and scoring are one linear pass over at most
 * MAX_CHARS characters: no regex backtracking, no allocation per feature beyond one small string.
 */
import { CRISIS_MODEL } from './crisis-model-weights.js';

export const LABELS = ['none', 'self', 'third'] as const;
export type ModelLabel = (typeof LABELS)[number];
/**
 * The classes a model may score beyond the three labels (model round 5): kinds of not-risk talk as their own classes
 * (recovery, negation, grief, hyperbole) instead of one `none`. A linear model with one `none` must put "100 days
 * clean" and "my sister's wedding" on the same side of one boundary; with a class each, each gets its own. Their
 * probabilities are added to `none`, so the guard still reads none/self/third.
 */
export const CONTEXT_CLASSES = ['recovery', 'negation', 'grief', 'hyperbole'] as const;

/** Longer messages are scored on their first MAX_CHARS characters (the rules still read the whole text). */
export const MAX_CHARS = 4000;

export interface ModelShape {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Real weight = byte × scale. */
  scale: number;
  bias: readonly number[];
  /**
   * Number of classes per bucket: 3 (none/self/third, the default) or 3 + a prefix of CONTEXT_CLASSES, which count
   * as `none` when scored.
   */
  classes?: number;
  /** base64 of Int8 weights, bucket-major: weights[bucket * classes + class]. */
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
const LONGEST_MARKER = Math.max(
  ...[...NEGATORS, ...OTHER_SUBJECTS, ...SELF_SUBJECTS, ...PAST_MARKERS].map((w) => w.length),
);

/** Reused between calls: the buckets of the message being scored (grown as needed, never shrunk past MAX_CHARS). */
let scratch = new Int32Array(4096);

/** Makes room for `needed` buckets in `scratch`. */
function reserve(needed: number): void {
  if (needed <= scratch.length) return;
  let size = scratch.length * 2;
  while (size < needed) size *= 2;
  const bigger = new Int32Array(size);
  bigger.set(scratch);
  scratch = bigger;
}

const isTokenCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39; // a-z 0-9 '
/** . ! ? , ; : and newline end a clause. */
const isClauseCode = (c: number) =>
  c === 46 || c === 33 || c === 63 || c === 44 || c === 59 || c === 58 || c === 10;

const NEGATOR = 1;
const OTHER_SUBJECT = 2;
const SELF_SUBJECT = 4;
const PAST_MARKER = 8;
/** The four word sets above as one look-up per token: which of them hold the word (bits). */
const MARKS = new Map<string, number>();
for (const [set, bit] of [
  [NEGATORS, NEGATOR],
  [OTHER_SUBJECTS, OTHER_SUBJECT],
  [SELF_SUBJECTS, SELF_SUBJECT],
  [PAST_MARKERS, PAST_MARKER],
] as const)
  for (const w of set) MARKS.set(w, (MARKS.get(w) ?? 0) | bit);

/**
 * Every run of digits is read as one "0" (model round 14): a number's value says nothing about risk, but each
 * distinct run of digits hashed to its own character n-grams, buckets other features had trained, so a code or a
 * timestamp moved p(self) at random ("m t1733580000123 c4n7 quick note from the bench…" from 0.0 to 0.86 with the
 * digits alone). "took 30 tablets" and "took 12 tablets" are now the same text to the model, and "t0 c0n0" is one.
 */
const DIGIT = /[0-9]/;
const DIGITS = /[0-9]+/g;

/**
 * Fills `scratch` with the feature buckets of `text` and returns how many there are. One pass over the characters:
 * tokens are hashed from the text itself (no string per n-gram, one small string per token for the word sets).
 */
function fillBuckets(normalised: string, bits: number): number {
  const mask = (1 << bits) - 1;
  const cut = normalised.length > MAX_CHARS ? normalised.slice(0, MAX_CHARS) : normalised;
  const text = DIGIT.test(cut) ? cut.replace(DIGITS, '0') : cut;
  let n = 0;
  /** FNV of "b:" + previous token + " ": the bigram's prefix, computed once per token. */
  let bigramPrefix = step(more(BI, '<s>'), SPACE);
  let negation = 0;
  let other = false;
  /** The current clause's tokens, as [start, end) offsets into `text`. */
  const clause: number[] = [];
  let pastClause = false;
  const endClause = () => {
    if (pastClause) {
      reserve(n + clause.length / 2);
      for (let k = 0; k < clause.length; k += 2)
        scratch[n++] = (more(P, text, clause[k], clause[k + 1]) >>> 0) & mask;
    }
    clause.length = 0;
    pastClause = false;
    negation = 0;
    other = false;
  };
  let i = 0;
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (!isTokenCode(c)) {
      if (isClauseCode(c)) endClause();
      i++;
      continue;
    }
    const start = i;
    while (i < length && isTokenCode(text.charCodeAt(i))) i++;
    const end = i;
    const size = end - start;
    // At most 4 word features and 2 × size + 1 character n-grams.
    reserve(n + 2 * size + 8);
    scratch[n++] = (more(W, text, start, end) >>> 0) & mask;
    clause.push(start, end);
    scratch[n++] = (more(bigramPrefix, text, start, end) >>> 0) & mask;
    bigramPrefix = step(more(BI, text, start, end), SPACE);
    if (negation > 0) {
      scratch[n++] = (more(N, text, start, end) >>> 0) & mask;
      negation--;
    }
    if (other) scratch[n++] = (more(O, text, start, end) >>> 0) & mask;
    // The word sets need the token itself; no word in them is longer than LONGEST_MARKER.
    if (size <= LONGEST_MARKER) {
      const marks = MARKS.get(text.slice(start, end));
      if (marks !== undefined) {
        if (marks & NEGATOR) negation = NEGATION_SPAN;
        if (marks & OTHER_SUBJECT) other = true;
        else if (marks & SELF_SUBJECT) other = false;
        if (marks & PAST_MARKER) pastClause = true;
      }
    }
    // Character 3- and 4-grams of " " + tok + " " (size + 2 characters): the 4-gram at p continues the 3-gram at p,
    // so each is one more FNV step. The 3-grams are written first, then the 4-grams, as featureBuckets lists them.
    const grams3 = size; // (size + 2) - 3 + 1
    const grams4 = size - 1;
    const at = (j: number) => (j === 0 || j === size + 1 ? SPACE : text.charCodeAt(start + j - 1));
    for (let p = 0; p < grams3; p++) {
      const h3 = step(step(step(C, at(p)), at(p + 1)), at(p + 2));
      scratch[n + p] = (h3 >>> 0) & mask;
      if (p < grams4) scratch[n + grams3 + p] = (step(h3, at(p + 3)) >>> 0) & mask;
    }
    n += grams3 + Math.max(0, grams4);
  }
  endClause();
  reserve(n + 1);
  scratch[n++] = (more(bigramPrefix, '</s>') >>> 0) & mask;
  return n;
}

/**
 * The hashed feature buckets of an already normalised text (normaliseForCrisis), with repeats: the FNV-1a hashes of
 * "w:" + token, "b:" + previous token + " " + token, "c:" + each 3- and 4-character slice of " " + token + " ", and
 * three context features a bag of words misses: "n:" + token for the few words after a negation ("not suicidal",
 * "never hurt myself"), "o:" + token for words after a third-person subject in the same clause ("she has a plan"),
 * and "p:" + token for words of a clause in the past or in recovery ("a year ago", "100 days clean"); every run of
 * digits read as "0" (DIGITS). The training script calls this very function, so training and serving can never
 * featurise differently.
 */
export function featureBuckets(normalised: string, bits: number): number[] {
  const n = fillBuckets(normalised, bits);
  return Array.from(scratch.subarray(0, n));
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

/** Decoded weights per model (the shipped one, and the fold models of the training script's cross-validation). */
const decoded = new WeakMap<ModelShape, Int8Array>();

function weightsOf(model: ModelShape): Int8Array {
  let w = decoded.get(model);
  if (w === undefined) {
    w = decodeInt8(model.weights);
    decoded.set(model, w);
  }
  return w;
}

/** Label probabilities for an already normalised text. */
export function scoreNormalised(
  normalised: string,
  model: ModelShape = CRISIS_MODEL,
): Record<ModelLabel, number> {
  const w = weightsOf(model);
  const count = fillBuckets(normalised, model.bits);
  // Features are L2-normalised counts: each occurrence adds 1/sqrt(n), so long posts do not saturate. The weights
  // are summed as integers and scaled once.
  const v = count > 0 ? model.scale / Math.sqrt(count) : 0;
  const k = model.classes ?? 3;
  if (k !== 3) return scoreClasses(w, count, v, model.bias, k);
  let sumNone = 0;
  let sumSelf = 0;
  let sumThird = 0;
  for (let k = 0; k < count; k++) {
    const base = (scratch[k] as number) * 3;
    sumNone += w[base] as number;
    sumSelf += w[base + 1] as number;
    sumThird += w[base + 2] as number;
  }
  const none = (model.bias[0] ?? 0) + sumNone * v;
  const self = (model.bias[1] ?? 0) + sumSelf * v;
  const third = (model.bias[2] ?? 0) + sumThird * v;
  const max = Math.max(none, self, third);
  const eNone = Math.exp(none - max);
  const eSelf = Math.exp(self - max);
  const eThird = Math.exp(third - max);
  const sum = eNone + eSelf + eThird;
  return { none: eNone / sum, self: eSelf / sum, third: eThird / sum };
}

/** Per-class sums of the model being scored (at most 3 + CONTEXT_CLASSES.length classes). */
const sums = new Float64Array(3 + CONTEXT_CLASSES.length);

/** scoreNormalised for a model with context classes: their probabilities are added to `none`. */
function scoreClasses(
  w: Int8Array,
  count: number,
  v: number,
  bias: readonly number[],
  k: number,
): Record<ModelLabel, number> {
  sums.fill(0);
  for (let q = 0; q < count; q++) {
    const base = (scratch[q] as number) * k;
    for (let c = 0; c < k; c++) sums[c] = (sums[c] as number) + (w[base + c] as number);
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    sums[c] = (bias[c] ?? 0) + (sums[c] as number) * v;
    max = Math.max(max, sums[c] as number);
  }
  let sum = 0;
  for (let c = 0; c < k; c++) sum += sums[c] = Math.exp((sums[c] as number) - max);
  const self = (sums[1] as number) / sum;
  const third = (sums[2] as number) / sum;
  return { none: 1 - self - third, self, third };
}
