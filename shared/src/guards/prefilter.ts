/**
 * Word prefilters for the guards' regexes: which literal words must a text contain for a pattern to match at all?
 *
 * `requiredWords(re)` reads the pattern's source once (at module load) and derives a conjunction of clauses, each a
 * set of words of which at least one must be a whole word of any text the pattern matches. A text's words are its
 * maximal runs of `[a-z0-9_]` (the characters `\b` treats as word characters), computed once per message by
 * `wordsOf`; `mayMatch` then costs a few set look-ups per pattern instead of a scan of the whole text per pattern.
 *
 * The derivation is conservative: a word enters a clause only when the pattern pins both of its edges (a non-word
 * character, `\b`, `^` or `$` on each side), so the text's word there is exactly that word. Anything the analysis
 * does not understand (a case-insensitive or unicode flag, a backreference, an unbounded repetition) gives no clause
 * for that part, and a pattern with no clause is always run. The property tests (prefilter.test.ts,
 * crisis.test.ts) check on every fixture line and on generated text that a pattern never matches a text its
 * prefilter rejects.
 */

/**
 * Alternatives (the pattern's top-level branches), each a conjunction of clauses; a clause holds when one of its
 * words is a word of the text. The pattern may match when one alternative's clauses all hold.
 */
export type Prefilter = readonly (readonly (readonly string[])[])[];

/** The marker of a word boundary inside a derived string (`\b`, `^`, `$`): a non-word character. */
const EDGE = '\u0000';
/** The marker of an unknown stretch (`\w*`, `[^.!?]{0,40}`, a filler): it pins no word edge next to it. */
const UNKNOWN = '\u0001';
/** Sets of exact strings larger than this are turned into clauses rather than crossed further. */
const CAP = 3000;

interface Info {
  /** Every string the node can match, when that set is small and known; `null` otherwise. */
  exact: Set<string> | null;
  /** Clauses that hold whenever the node matches. */
  clauses: Set<string>[];
}

const isWordCode = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);

/** Length of the word prefixes `wordsOf` records (as "abcd*"), for words the pattern pins only on the left. */
const PREFIX = 4;

/**
 * The items `s` guarantees in a text's words: each word of `s` whose two edges are pinned inside `s` (a non-word
 * character on each side), and, for a last word pinned only on its left ("annotat" of `annotat\w*`), its first
 * PREFIX characters as a prefix item "anno*".
 */
function pinnedItems(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (!isWordCode(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && isWordCode(s.charCodeAt(i))) i++;
    if (start === 0 || s.charCodeAt(start - 1) === 1) continue;
    if (i < s.length && s.charCodeAt(i) !== 1) out.push(s.slice(start, i));
    else if (i - start >= PREFIX) out.push(`${s.slice(start, start + PREFIX)}*`);
  }
  return out;
}

/** Words too common to make a sharp test: a clause names them only for a string that has no other item. */
const COMMON = new Set(
  'a about again all an and are at be but can do for from get got have he how i if in is it just me my no not of off on one or our out she so some that the they this time to up was we were what will with you your'.split(
    ' ',
  ),
);

const rank = (x: string) => (COMMON.has(x) ? 0 : x.endsWith('*') ? x.length - 1.5 : x.length);

/**
 * A clause that names the pattern's shared words: each string's item found in the most strings ("end" and "ending"
 * across every "want to … end it" spelling), common words only for a string that has nothing else, so the clause is
 * small and its words rare. One count over all items, then one pick per string.
 */
function shared(items: readonly string[][]): Set<string> {
  const count = new Map<string, number>();
  for (const list of items) for (const w of list) count.set(w, (count.get(w) ?? 0) + 1);
  const key = (w: string) => (COMMON.has(w) ? 0 : 1e9) + (count.get(w) ?? 0) * 100 + rank(w);
  const out = new Set<string>();
  for (const list of items) {
    let best = list[0] as string;
    for (const w of list) if (key(w) > key(best)) best = w;
    out.add(best);
  }
  return out;
}

/**
 * Clauses from a set of exact strings: every string's items are all in any text it matches, so picking one item
 * per string (the most shared, its longest, its first, its last) gives a clause each. None if one string has no item.
 */
function clausesOf(exact: Set<string>): Set<string>[] {
  const longest = new Set<string>();
  const first = new Set<string>();
  const last = new Set<string>();
  const all: string[][] = [];
  for (const s of exact) {
    const items = pinnedItems(s);
    if (items.length === 0) return [];
    all.push(items);
    let best = items[0] as string;
    // A whole word is a sharper test than a prefix of the same length.
    for (const w of items) if (rank(w) > rank(best)) best = w;
    longest.add(best);
    first.add(items[0] as string);
    last.add(items[items.length - 1] as string);
  }
  const out = [shared(all)];
  for (const c of [longest, first, last]) if (!out.some((o) => sameSet(o, c))) out.push(c);
  return out;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

const any = (): Info => ({ exact: new Set([UNKNOWN]), clauses: [] });
const literal = (...chars: string[]): Info => ({ exact: new Set(chars), clauses: [] });

function cross(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a)
    for (const y of b) out.add(x.endsWith(UNKNOWN) && y.startsWith(UNKNOWN) ? x + y.slice(1) : x + y);
  return out;
}

function concat(parts: Info[]): Info {
  let cur: Set<string> = new Set(['']);
  let flushed = false;
  const clauses: Set<string>[] = [];
  const flush = () => {
    // What follows is not crossed in: the right edge of `cur` is unknown from here on.
    clauses.push(...clausesOf(cross(cur, new Set([UNKNOWN]))));
    flushed = true;
  };
  for (const part of parts) {
    clauses.push(...part.clauses);
    if (part.exact && cur.size * part.exact.size <= CAP) {
      cur = cross(cur, part.exact);
      continue;
    }
    flush();
    cur = cross(new Set([UNKNOWN]), part.exact ?? new Set(['']));
  }
  if (flushed) {
    flush();
    return { exact: null, clauses };
  }
  return { exact: cur, clauses };
}

/** The smallest clause the node guarantees, or null. */
function bestClause(info: Info): Set<string> | null {
  let best: Set<string> | null = null;
  for (const c of [...(info.exact ? clausesOf(info.exact) : []), ...info.clauses])
    if (!best || c.size < best.size) best = c;
  return best;
}

function alternation(branches: Info[]): Info {
  if (branches.length === 1) return branches[0] ?? any();
  if (branches.every((b) => b.exact)) {
    const union = new Set<string>();
    for (const b of branches) for (const s of b.exact ?? []) union.add(s);
    if (union.size <= CAP) return { exact: union, clauses: [] };
  }
  const clause = new Set<string>();
  for (const b of branches) {
    const c = bestClause(b);
    if (!c) return any();
    for (const w of c) clause.add(w);
  }
  return { exact: null, clauses: [clause] };
}

/** The last character every string of the set ends with (not a marker of the unknown), or null. */
function commonLast(exact: Set<string> | null): string | null {
  let last: string | null = null;
  for (const s of exact ?? []) {
    const c = s.length > 0 ? s[s.length - 1] : undefined;
    if (c === undefined || c === UNKNOWN || (last !== null && c !== last)) return null;
    last = c;
  }
  return last;
}

function repeat(info: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return info;
  if (min === 0 && max === 1 && info.exact) return { exact: new Set([...info.exact, '']), clauses: [] };
  // More repetitions end as every string does: `(?:(?:just|really) ){0,3}` is nothing or something then a space,
  // so the word after it is pinned on its left.
  const end = commonLast(info.exact);
  const more = new Set(end === null ? [UNKNOWN] : ['', UNKNOWN + end]);
  if (min === 0) return end === null ? any() : { exact: more, clauses: [] };
  // At least one repetition: one of the strings, then more repetitions or nothing.
  if (info.exact) return { exact: cross(info.exact, more), clauses: info.clauses };
  return { exact: null, clauses: info.clauses };
}

class Parser {
  private i = 0;
  /** With `folded`, literals are lower-cased: the pattern is case-insensitive and the text's words are lower case. */
  constructor(
    private readonly src: string,
    private readonly folded: boolean,
  ) {}

  private lit(...chars: string[]): Info {
    return literal(...(this.folded ? chars.map((c) => c.toLowerCase()) : chars));
  }

  /** The top-level branches, each analysed on its own. */
  parseBranches(): Info[] {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (this.i !== this.src.length) throw new Error('unbalanced pattern');
    return branches;
  }

  private alternation(): Info {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return alternation(branches);
  }

  private sequence(): Info {
    const parts: Info[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      parts.push(this.quantified(this.atom()));
    }
    return concat(parts);
  }

  private quantified(atom: Info): Info {
    let info = atom;
    for (;;) {
      const ch = this.src[this.i];
      let min: number;
      let max: number;
      if (ch === '?') [min, max] = [0, 1];
      else if (ch === '*') [min, max] = [0, Infinity];
      else if (ch === '+') [min, max] = [1, Infinity];
      else if (ch === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
        if (!m) return info;
        min = Number(m[1]);
        max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
        this.i += m[0].length - 1;
      } else return info;
      this.i++;
      if (this.src[this.i] === '?') this.i++;
      info = repeat(info, min, max);
    }
  }

  private atom(): Info {
    const ch = this.src[this.i++];
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      case '.':
        return any();
      case '^':
      case '$':
        return literal(EDGE);
      default:
        return this.lit(ch ?? '');
    }
  }

  private group(): Info {
    let zeroWidth = false;
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
      this.i += 2;
      zeroWidth = true;
    } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
      this.i += 3;
      zeroWidth = true;
    } else if (this.src.startsWith('?<', this.i)) {
      this.i = this.src.indexOf('>', this.i) + 1;
    }
    const inner = this.alternation();
    if (this.src[this.i] !== ')') throw new Error('unbalanced group');
    this.i++;
    // A lookaround consumes nothing: it neither adds characters nor pins an edge.
    return zeroWidth ? { exact: new Set(['']), clauses: [] } : inner;
  }

  private charClass(): Info {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const chars: string[] = [];
    let simple = !negated;
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let c = this.src[this.i++] ?? '';
      if (c === '\\') {
        const e = this.src[this.i++] ?? '';
        if (/[dDwWsSbBpPuxc0-9]/.test(e)) {
          simple = false;
          if ((e === 'p' || e === 'P') && this.src[this.i] === '{')
            this.i = this.src.indexOf('}', this.i) + 1;
          continue;
        }
        c = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        simple = false;
        this.i += 2;
        continue;
      }
      chars.push(c);
    }
    this.i++;
    return simple && chars.length > 0 && chars.length <= 16 ? this.lit(...chars) : any();
  }

  private escape(): Info {
    const e = this.src[this.i++] ?? '';
    if (e === 'b') return literal(EDGE);
    if (e === 'B') return literal('');
    if (/[dDwWsS]/.test(e)) return any();
    if (e === 'p' || e === 'P') {
      if (this.src[this.i] === '{') this.i = this.src.indexOf('}', this.i) + 1;
      return any();
    }
    if (/[1-9]/.test(e)) return any();
    if (e === 'k') {
      this.i = this.src.indexOf('>', this.i) + 1;
      return any();
    }
    if (e === 'u' || e === 'x') return any();
    if (e === 'n') return literal('\n');
    if (e === 't') return literal('\t');
    if (e === 'r') return literal('\r');
    if (/[a-z]/i.test(e)) return any();
    return this.lit(e);
  }
}

/** No prefilter: one alternative without clauses, which always holds. */
const ALWAYS: Prefilter = [[]];

/**
 * The words a text must contain for `re` to match it: per top-level branch of the pattern, clauses that must all
 * hold (each is one-of). A branch without clauses makes the whole filter hold: the pattern is always run.
 */
export function requiredWords(re: RegExp, opts: { lowerCaseText?: boolean } = {}): Prefilter {
  // A case-insensitive pattern is analysed only for lower-cased text (its literals lower-cased too). In unicode
  // mode `\b` is still ASCII; the guards fold the few letters that case-fold into ASCII ("ſ", the Kelvin sign).
  const folded = opts.lowerCaseText === true;
  if (/v/.test(re.flags) || (!folded && /[iu]/.test(re.flags))) return ALWAYS;
  let branches: Info[];
  try {
    branches = new Parser(re.source, folded).parseBranches();
  } catch {
    return ALWAYS;
  }
  const out: string[][][] = [];
  for (const info of branches) {
    const clauses = [...info.clauses];
    if (info.exact) clauses.push(...clausesOf(info.exact));
    if (clauses.length === 0) return ALWAYS;
    // Likeliest to fail first: a clause of rare words, then a small one. The first is also FilterIndex's key.
    const commons = (c: readonly string[]) => c.filter((w) => COMMON.has(w)).length;
    out.push(clauses.map((c) => [...c]).sort((a, b) => commons(a) - commons(b) || a.length - b.length));
  }
  return out;
}

/**
 * The whole words of a (lower-case) text, maximal runs of `[a-z0-9_]` as `\b` sees them, and the first PREFIX
 * characters of each longer word as "abcd*".
 */
export function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const word = i < text.length && isWordCode(text.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      out.add(text.slice(start, i));
      if (i - start >= PREFIX) out.add(`${text.slice(start, start + PREFIX)}*`);
      start = -1;
    }
  }
  return out;
}

/** Can a pattern with this prefilter match a text with these words? */
export function mayMatch(filter: Prefilter, words: ReadonlySet<string>): boolean {
  for (const clauses of filter) if (holds(clauses, words)) return true;
  return false;
}

function holds(clauses: readonly (readonly string[])[], words: ReadonlySet<string>): boolean {
  for (const clause of clauses) {
    let found = false;
    for (const w of clause) {
      if (words.has(w)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/**
 * The same test with integer ids instead of string look-ups (the guards' hot path). `compileFilter` gives every word
 * of a filter an id in one registry shared by all filters (at module load); `wordIdsOf` scans a message once and marks
 * the ids of its words that some filter names (one map look-up per word of the message, none for a word longer than
 * any registered one); `mayMatchIds` then reads bytes. Words no filter names are not recorded: no filter asks for them.
 */
export interface CompiledPrefilter {
  /** Alternatives, each a list of clauses, each a list of word ids (one-of). */
  readonly alternatives: readonly (readonly Int32Array[])[];
}

/** Whole words ("die") to ids. */
const WORD_IDS = new Map<string, number>();
/** Prefix items ("anno*"), keyed without the star, to ids. */
const PREFIX_IDS = new Map<string, number>();
let idCount = 0;
let maxWordLength = 0;

/**
 * Which words may be registered, by their first two characters (`startKey`): a bit per length for whole words (bit 31
 * for 31 or more), and whether a prefix starts so. Most words of a message are not registered; these let `markIds`
 * pass them without slicing the word out and looking it up.
 */
const WORD_LENGTHS = new Int32Array(1 << 14);
const PREFIX_STARTS = new Uint8Array(1 << 14);
const startKey = (s: string, at: number, length: number) =>
  ((s.charCodeAt(at) & 127) << 7) | (length > 1 ? s.charCodeAt(at + 1) & 127 : 0);
const lengthBit = (length: number) => 1 << Math.min(length, 31);

/**
 * The same registry as an open-addressing hash table that `markIds` reads in place, from the message's characters, so
 * a candidate word is looked up without first being sliced out into a string of its own. Slot `k` holds a key, its
 * kind (0 empty, 1 whole word, 2 prefix) and its id; at most half the slots are used.
 */
let slotKeys: string[] = [];
let slotKinds = new Uint8Array(0);
let slotIds = new Int32Array(0);
let slotsUsed = 0;
const WHOLE = 1;
const PREFIXED = 2;

/** FNV-1a over `s[from, to)`, seeded by the kind. */
function hashOf(s: string, from: number, to: number, kind: number): number {
  let h = 0x811c9dc5 ^ kind;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The id of the registered key `s[from, to)` of this kind, or -1. */
function slotLookup(s: string, from: number, to: number, kind: number): number {
  const mask = slotKinds.length - 1;
  if (mask < 0) return -1;
  const length = to - from;
  for (let k = hashOf(s, from, to, kind) & mask; ; k = (k + 1) & mask) {
    const slotKind = slotKinds[k] as number;
    if (slotKind === 0) return -1;
    if (slotKind !== kind) continue;
    const key = slotKeys[k] as string;
    if (key.length !== length) continue;
    let i = 0;
    while (i < length && key.charCodeAt(i) === s.charCodeAt(from + i)) i++;
    if (i === length) return slotIds[k] as number;
  }
}

function slotInsert(key: string, kind: number, id: number): void {
  if (2 * (slotsUsed + 1) > slotKinds.length) {
    const [keys, kinds, ids] = [slotKeys, slotKinds, slotIds];
    const size = Math.max(1024, 2 * slotKinds.length);
    slotKeys = new Array<string>(size).fill('');
    slotKinds = new Uint8Array(size);
    slotIds = new Int32Array(size);
    slotsUsed = 0;
    for (let k = 0; k < kinds.length; k++)
      if (kinds[k] !== 0) slotInsert(keys[k] as string, kinds[k] as number, ids[k] as number);
  }
  const mask = slotKinds.length - 1;
  let k = hashOf(key, 0, key.length, kind) & mask;
  while (slotKinds[k] !== 0) k = (k + 1) & mask;
  slotKeys[k] = key;
  slotKinds[k] = kind;
  slotIds[k] = id;
  slotsUsed++;
}

function idOf(item: string): number {
  const prefix = item.endsWith('*');
  const map = prefix ? PREFIX_IDS : WORD_IDS;
  const key = prefix ? item.slice(0, -1) : item;
  let id = map.get(key);
  if (id === undefined) {
    id = idCount++;
    map.set(key, id);
    slotInsert(key, prefix ? PREFIXED : WHOLE, id);
    if (prefix) PREFIX_STARTS[startKey(key, 0, key.length)] = 1;
    else {
      const start = startKey(key, 0, key.length);
      WORD_LENGTHS[start] = (WORD_LENGTHS[start] as number) | lengthBit(key.length);
      if (key.length > maxWordLength) maxWordLength = key.length;
    }
  }
  return id;
}

/** The id of a whole word (registered if new), for a caller's own `WordIds.has` test. */
export const registerWord = (word: string): number => idOf(word);

/** Registers the filter's words and returns it in id form. */
export function compileFilter(filter: Prefilter): CompiledPrefilter {
  return { alternatives: filter.map((clauses) => clauses.map((clause) => Int32Array.from(clause, idOf))) };
}

/** Ids per slot of a `WordIds` bit set (16: shifts, not divisions, and every slot stays a small integer). */
const SLOT_SHIFT = 4;
const SLOT_MASK = 15;

/**
 * The bit set by id that `WordIds` test against (a plain array of small integers: a typed array of this size would be
 * allocated off the heap). One for all of them, since a message's guards build several in turn and each is short-lived:
 * it holds the words of one `WordIds` at a time (`idBits.owner`); another that asks clears the owner's bits and sets its own,
 * both from their `found` lists (a few dozen ids), so no message allocates a bit set of its own.
 */
const idBits: { bits: number[]; owner: WordIds | null } = { bits: [0], owner: null };

/**
 * The registered words of a (lower-case) text: the ids found, and the shared bit set (`idBits.bits`) to test them. It
 * remembers how many ids existed when it was built: a filter compiled later (privacy.ts compiles on first use) may
 * name words it did not record, so it is rebuilt then.
 */
export class WordIds {
  /** The marked ids, in the order found. */
  private found: number[] = [];
  private built = -1;
  /** The texts the words come from: the message, then any added (`add`). */
  private readonly sources: string[];
  constructor(text: string) {
    this.sources = [text];
    this.fresh();
  }
  private fresh(): void {
    if (this.built === idCount) return;
    WordIds.release();
    idBits.owner = this;
    this.found = [];
    for (const text of this.sources) markIds(text, idBits.bits, this.found);
    this.built = idCount;
  }
  /** Makes the shared bit set hold this text's words (those found so far). */
  private claim(): void {
    if (idBits.owner === this) return;
    WordIds.release();
    idBits.owner = this;
    for (const id of this.found)
      idBits.bits[id >> SLOT_SHIFT] = (idBits.bits[id >> SLOT_SHIFT] as number) | (1 << (id & SLOT_MASK));
  }
  /** Empties the shared bit set (clearing only its owner's slots), first sized to every id registered so far. */
  private static release(): void {
    if (idBits.bits.length <= idCount >> SLOT_SHIFT)
      idBits.bits = new Array<number>((idCount >> SLOT_SHIFT) + 1).fill(0);
    else if (idBits.owner) for (const id of idBits.owner.found) idBits.bits[id >> SLOT_SHIFT] = 0;
    idBits.owner = null;
  }
  has(id: number): boolean {
    if (this.built !== idCount) this.fresh();
    else if (idBits.owner !== this) this.claim();
    return (((idBits.bits[id >> SLOT_SHIFT] as number) >> (id & SLOT_MASK)) & 1) === 1;
  }
  /** The ids of the text's registered words and prefixes. */
  ids(): readonly number[] {
    this.fresh();
    return this.found;
  }
  /**
   * Adds the words of `text`, a replacement put into the message between word boundaries: the words then hold those
   * of the new text and maybe some it lost, which only lets a filter hold that need not (never the reverse).
   */
  add(text: string): void {
    this.fresh();
    this.claim();
    this.sources.push(text);
    markIds(text, idBits.bits, this.found);
  }
}

function mark(id: number, bits: number[], found: number[]): void {
  const slot = id >> SLOT_SHIFT;
  const bit = 1 << (id & SLOT_MASK);
  const value = bits[slot] as number;
  if ((value & bit) !== 0) return;
  bits[slot] = value | bit;
  found.push(id);
}

function markIds(text: string, bits: number[], found: number[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordCode(text.charCodeAt(i))) i++;
    const len = i - start;
    const key = startKey(text, start, len);
    if (len <= maxWordLength && (WORD_LENGTHS[key] as number) & lengthBit(len)) {
      const id = slotLookup(text, start, i, WHOLE);
      if (id >= 0) mark(id, bits, found);
    }
    if (len >= PREFIX && PREFIX_STARTS[key] === 1) {
      const id = slotLookup(text, start, start + PREFIX, PREFIXED);
      if (id >= 0) mark(id, bits, found);
    }
  }
}

/** `wordIdsOf(text)`: the words of `text` for `mayMatchIds`. */
export const wordIdsOf = (text: string): WordIds => new WordIds(text);

/** `mayMatch` on ids: can a pattern with this compiled filter match a text with these words? */
export function mayMatchIds(filter: CompiledPrefilter, words: WordIds): boolean {
  const alternatives = filter.alternatives;
  for (let a = 0; a < alternatives.length; a++)
    if (allHold(alternatives[a] as readonly Int32Array[], words)) return true;
  return false;
}

/** Does every clause hold (one of its words is in the text)? */
function allHold(clauses: readonly Int32Array[], words: WordIds): boolean {
  for (let c = 0; c < clauses.length; c++) {
    const clause = clauses[c] as Int32Array;
    let found = false;
    for (let k = 0; k < clause.length; k++) {
      if (words.has(clause[k] as number)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/**
 * Many filters tested at once: an inverted index from each word id to the alternatives (of all the filters) whose
 * first, smallest clause names it. A text's words visit only their own alternatives; an alternative none of them
 * names, most of them for most messages, is never looked at. `holding` gives exactly what `mayMatchIds` says of each
 * filter (`oneByOne`).
 */
export class FilterIndex {
  /** Per word id, pairs (filter, alternative) flattened. */
  private readonly byId: number[][] = [];
  /** Filters with an alternative without clauses: they always hold. */
  private readonly always: number[] = [];
  constructor(private readonly filters: readonly CompiledPrefilter[]) {
    filters.forEach((filter, f) => {
      if (filter.alternatives.some((clauses) => clauses.length === 0)) {
        this.always.push(f);
        return;
      }
      filter.alternatives.forEach((clauses, a) => {
        // The alternative holds only if its first clause does: one of these words is in the text.
        for (const id of new Set(clauses[0])) (this.byId[id] ??= []).push(f, a);
      });
    });
  }

  /** Per filter, 1 if it holds for these words (a pattern with it may match), otherwise 0. */
  holding(words: WordIds): Uint8Array {
    const out = new Uint8Array(this.filters.length);
    for (const f of this.always) out[f] = 1;
    for (const id of words.ids()) {
      const pairs = this.byId[id];
      if (!pairs) continue;
      for (let k = 0; k < pairs.length; k += 2) {
        const f = pairs[k] as number;
        if (out[f] === 1) continue;
        const clauses = (this.filters[f] as CompiledPrefilter).alternatives[pairs[k + 1] as number];
        if (clauses && allHold(clauses, words)) out[f] = 1;
      }
    }
    return out;
  }

  /** The same answer, filter by filter (for the property tests). */
  oneByOne(words: WordIds): Uint8Array {
    return Uint8Array.from(this.filters, (filter) => (mayMatchIds(filter, words) ? 1 : 0));
  }
}
