/**
 * Text preparation shared by the guards. Everything here runs in linear time over the input.
 *
 * `prepare` folds look-alike characters (NFKC per code point: full-width digits and letters, ligatures; curly quotes
 * and dashes to ASCII; exotic spaces to a plain space) and drops invisible characters (zero-width joiners, soft
 * hyphens, variation selectors), while remembering where every prepared character came from, so a finding in the
 * prepared text maps back to an exact slice of what the member typed.
 */

export interface Prepared {
  /** The folded text the detectors read. */
  readonly text: string;
  /** `starts[i]` is the offset in the original of the character that produced `text[i]`. */
  readonly starts: readonly number[];
  /** `ends[i]` is the offset just past that original character. */
  readonly ends: readonly number[];
}

/** Invisible code points (zero-width, joiners, bidi controls, soft hyphen, variation selectors, fillers). */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
  [0xe0100, 0xe01ef],
];

const isInvisible = (code: number) => INVISIBLE_RANGES.some(([lo, hi]) => code >= lo && code <= hi);

const ASCII_FOLD: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u02BC': "'",
  '\u0060': "'",
  '\u00B4': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u00A0': ' ',
  '\u2007': ' ',
  '\u202F': ' ',
  '\u205F': ' ',
  '\u3000': ' ',
  '\t': ' ',
};

function foldCodePoint(ch: string): string {
  const direct = ASCII_FOLD[ch];
  if (direct !== undefined) return direct;
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return ch;
  if (isInvisible(code)) return '';
  if (code >= 0x2000 && code <= 0x200a) return ' ';
  const folded = ch.normalize('NFKC');
  // NFKC can expand (e.g. "½" to "1⁄2"); keep the expansion but fold its pieces too.
  if (folded.length === 1 || folded === ch) return ASCII_FOLD[folded] ?? folded;
  let out = '';
  for (const piece of folded) out += ASCII_FOLD[piece] ?? piece;
  return out;
}

/** The last text prepared: the guards screen one message in turn, so each prepares the same string. */
let last: { raw: string; prepared: Prepared } | null = null;

/** Folds `raw` for detection and keeps an offset map back to it. O(n), and free for the same text twice in a row. */
export function prepare(raw: string): Prepared {
  if (last?.raw === raw) return last.prepared;
  const prepared = new Folded(raw);
  last = { raw, prepared };
  return prepared;
}

/**
 * The folded text at once; the offset maps only when asked for (`originalSpan`, for a finding), since most messages
 * have none. Both come from `foldCodePoint` per code point, so they agree.
 */
class Folded implements Prepared {
  readonly text: string;
  private offsets: { starts: number[]; ends: number[] } | null = null;
  constructor(private readonly raw: string) {
    this.text = foldText(raw);
  }
  get starts(): readonly number[] {
    this.offsets ??= offsetsOf(this.raw);
    return this.offsets.starts;
  }
  get ends(): readonly number[] {
    this.offsets ??= offsetsOf(this.raw);
    return this.offsets.ends;
  }
}

/**
 * The folded text: runs of characters that fold to themselves (ASCII other than a tab or a backtick, and whatever
 * `foldCodePoint` leaves alone) are copied as slices, not character by character; a text with nothing to fold is
 * returned as it is.
 */
function foldText(raw: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c < 0x80 && c !== 0x09 && c !== 0x60) {
      i++;
      continue;
    }
    // The code point `for (const ch of raw)` would give here: a surrogate pair, or a lone surrogate as it is.
    const ch = String.fromCodePoint(raw.codePointAt(i) ?? c);
    const folded = foldCodePoint(ch);
    if (folded !== ch) {
      out += raw.slice(copied, i) + folded;
      copied = i + ch.length;
    }
    i += ch.length;
  }
  return copied === 0 ? raw : out + raw.slice(copied);
}

function offsetsOf(raw: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const ch of raw) {
    const length = foldCodePoint(ch).length;
    for (let i = 0; i < length; i++) {
      starts.push(offset);
      ends.push(offset + ch.length);
    }
    offset += ch.length;
  }
  return { starts, ends };
}

/** Maps a half-open span of the prepared text back to the original. */
export function originalSpan(p: Prepared, start: number, end: number): { start: number; end: number } {
  const s = p.starts[start] ?? p.starts[p.starts.length - 1] ?? 0;
  const e = p.ends[end - 1] ?? s;
  return { start: s, end: Math.max(s, e) };
}

const PROBE_OF = new WeakMap<RegExp, RegExp>();

/**
 * `text.matchAll(re)` that first asks a non-global twin whether there is any match at all: `matchAll` clones
 * the regex on every call, and most messages match most detectors nowhere.
 */
export function matchesOf(text: string, re: RegExp): Iterable<RegExpExecArray> {
  let probe = PROBE_OF.get(re);
  if (!probe) {
    probe = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
    PROBE_OF.set(re, probe);
  }
  return probe.test(text) ? text.matchAll(re) : [];
}
