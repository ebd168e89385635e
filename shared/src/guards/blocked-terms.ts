/**
 * Blocked terms: a per-deployment and per-group list (slurs, spam) that refuses a message. The lists are
 * configuration; none ships with the code.
 *
 * Matching is case-insensitive and whole-word ("ass" does not match "class" or "assessment"), and tolerates simple
 * obfuscation:
 * - repeated letters: "spaaaam" matches "spam" (a letter may repeat more, never less: "as" does not match "ass");
 * - separators inside a word: "s.p.a.m", "s-p-a-m", "s_p_a_m", "s*p*a*m", and spaced letters "s p a m";
 * - common leetspeak: 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i |→l;
 * - look-alike characters folded by NFKC (full-width letters, ligatures) and invisible characters removed;
 * - accents and other diacritics ignored ("PÌNEAPPLE", "spàm": canonical decomposition, marks dropped);
 * - letters of other scripts that look like Latin ones read as those ("pіneapple" with a Cyrillic і, Greek ο),
 *   from Unicode's confusables data (UTS #39; `confusables-latin.ts`, generated). Terms are folded the same way,
 *   so a term written in another script still matches itself.
 * Multi-word terms ("buy followers") match the same words in sequence.
 *
 * Linear time: one pass to fold, one to tokenise, then hash lookups per word.
 */
import { foldLookalikes } from './lookalikes.js';
import { prepare } from './normalize.js';

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};

interface Shape {
  /** Letters with runs collapsed: "spaaam" → "spam". */
  skeleton: string;
  /** Length of each run: "spaaam" → [1, 1, 3, 1]. */
  runs: number[];
}

function shape(word: string): Shape {
  let skeleton = '';
  const runs: number[] = [];
  let last = '';
  for (const ch of word) {
    if (ch === last) runs[runs.length - 1] = (runs[runs.length - 1] ?? 0) + 1;
    else {
      skeleton += ch;
      runs.push(1);
      last = ch;
    }
  }
  return { skeleton, runs };
}

/** A typed word matches a term word when it has the same letters in order, each repeated at least as often. */
function covers(typed: Shape, term: Shape): boolean {
  if (typed.skeleton !== term.skeleton) return false;
  for (let i = 0; i < term.runs.length; i++) if ((typed.runs[i] ?? 0) < (term.runs[i] ?? 0)) return false;
  return true;
}

/** Lower case, leetspeak decoded when the token also has letters ("5" alone stays "5"). */
function decode(token: string): string {
  const lower = token.toLowerCase();
  if (!/[013457@$!|]/.test(lower) || !/\p{L}/u.test(lower)) return lower;
  return lower.replace(/[013457@$!|]/g, (c) => LEET[c] ?? c);
}

interface TermEntry {
  term: string;
  words: Shape[];
}

interface Compiled {
  /** Single- and multi-word terms by the skeleton of their first word. */
  byFirst: Map<string, TermEntry[]>;
  /** Skeleton lengths of single-word terms (for spaced-letter runs). */
  singleLengths: number[];
}

const cache = new WeakMap<readonly string[], Compiled>();

const TERM_WORD = /[\p{L}\p{N}@$!|]+/gu;

function compile(terms: readonly string[]): Compiled {
  const hit = cache.get(terms);
  if (hit) return hit;
  const byFirst = new Map<string, TermEntry[]>();
  const lengths = new Set<number>();
  for (const term of terms) {
    const words = [...foldLookalikes(prepare(term).text).matchAll(TERM_WORD)].map((m) => shape(decode(m[0])));
    const first = words[0];
    if (!first || first.skeleton === '') continue;
    const list = byFirst.get(first.skeleton) ?? [];
    list.push({ term, words });
    byFirst.set(first.skeleton, list);
    if (words.length === 1) lengths.add(first.skeleton.length);
  }
  const compiled = { byFirst, singleLengths: [...lengths] };
  cache.set(terms, compiled);
  return compiled;
}

function isAsciiLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** A run of word characters plus the separators people put inside a word to hide it. */
const RAW_TOKEN = /[\p{L}\p{M}\p{N}@$!|*._'-]+/gu;
const INNER_SEPARATORS = /[*._'-]+/g;

/** The blocked terms that `text` contains, each once, in order of first appearance. */
export function findBlockedTerms(text: string, terms: readonly string[]): string[] {
  if (terms.length === 0 || text === '') return [];
  const { byFirst, singleLengths } = compile(terms);
  const found: string[] = [];
  const seen = new Set<string>();
  const report = (term: string) => {
    if (seen.has(term)) return;
    seen.add(term);
    found.push(term);
  };

  const prepared = foldLookalikes(prepare(text).text);
  /** Words in reading order, for whole-word and multi-word matching. */
  const stream: Shape[] = [];
  /** Single-letter tokens separated only by spaces: "s p a m". */
  let spaced: string[] = [];
  let lastEnd = -1;

  const flushSpaced = () => {
    if (spaced.length >= 3) matchSpaced(spaced.join(''));
    spaced = [];
  };
  const matchSpaced = (letters: string) => {
    const runs = shape(letters);
    // Windows of whole runs whose skeleton is a single-word term: "a s p a a m" contains "spam".
    for (const len of singleLengths) {
      for (let i = 0; i + len <= runs.skeleton.length; i++) {
        const window: Shape = {
          skeleton: runs.skeleton.slice(i, i + len),
          runs: runs.runs.slice(i, i + len),
        };
        for (const entry of byFirst.get(window.skeleton) ?? []) {
          if (entry.words.length === 1 && covers(window, entry.words[0] as Shape)) report(entry.term);
        }
      }
    }
  };
  const matchWord = (word: Shape) => {
    for (const entry of byFirst.get(word.skeleton) ?? []) {
      if (entry.words.length === 1 && covers(word, entry.words[0] as Shape)) report(entry.term);
    }
  };

  for (const m of prepared.matchAll(RAW_TOKEN)) {
    const raw = m[0];
    // Most tokens are plain words of two or more ASCII letters: one word, no separator, no leetspeak, no mention.
    if (raw.length >= 2 && isAsciiLetters(raw)) {
      flushSpaced();
      lastEnd = m.index + raw.length;
      const word = shape(raw.toLowerCase());
      matchWord(word);
      stream.push(word);
      continue;
    }
    // Spaced letters: a one-character token right after another, separated by a single space.
    // Trailing "!" is punctuation ("spam!!"); inside a word it is leetspeak ("sp!m").
    const core = raw.replace(/^[*._'-]+|[*._'!-]+$/g, '');
    if (core === '') continue;
    if ([...core].length === 1) {
      if (lastEnd >= 0 && m.index - lastEnd > 1) flushSpaced();
      spaced.push(LEET[core] ?? core.toLowerCase());
    } else {
      flushSpaced();
    }
    lastEnd = m.index + raw.length;

    // Whole words: split on the inner separators ("spam-free" is "spam" and "free").
    const parts = core.split(INNER_SEPARATORS).filter(Boolean);
    for (const part of parts) {
      // A leading "@" is a mention more often than leetspeak: try both readings.
      const variants = part.startsWith('@') && part.length > 1 ? [part.slice(1), part] : [part];
      const shapes = variants.map((v) => shape(decode(v)));
      for (const s of shapes) matchWord(s);
      stream.push(shapes[0] as Shape);
    }
    // Joined: "s.p.a.m", "sp-am", "s*p*a*m" read as one word.
    if (parts.length > 1) matchWord(shape(decode(parts.join(''))));
  }
  flushSpaced();

  // Multi-word terms over the word stream.
  for (let i = 0; i < stream.length; i++) {
    for (const entry of byFirst.get((stream[i] as Shape).skeleton) ?? []) {
      if (entry.words.length < 2 || i + entry.words.length > stream.length) continue;
      let ok = true;
      for (let k = 0; k < entry.words.length && ok; k++)
        ok = covers(stream[i + k] as Shape, entry.words[k] as Shape);
      if (ok) report(entry.term);
    }
  }
  return found;
}
