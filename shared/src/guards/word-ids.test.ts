/**
 * `WordIds` share one bit set (prefilter.ts, `idBits.bits`): however many are alive and in whatever order they are
 * asked, each must answer for its own text, as the string form (`wordsOf` + `mayMatch`) does.
 */
import { describe, expect, it } from 'vitest';
import {
  compileFilter,
  mayMatch,
  mayMatchIds,
  registerWord,
  requiredWords,
  wordIdsOf,
  wordsOf,
  type Prefilter,
} from './prefilter.js';

const PATTERNS = [
  /\b(?:end|ending) it all\b/g,
  /\bno (?:point|reason) (?:in|to) (?:living|going on)\b/g,
  /\bmarking\b|\bdata drops?\b/g,
  /\bannotat\w*/g,
  /\bmy (?:head|deputy) (?:teacher|head)\b/g,
  /\bparents? evening\b/g,
];

const TEXTS = [
  'i want to end it all tonight',
  'no point in living if this is how marking goes',
  'the data drop is friday and my head teacher wants annotations',
  'parents evening again, annotating until midnight',
  'nothing to see here at all',
  'ending it all with the data drops, my deputy head said',
  'annotated marking, parent evening, no reason to going on',
];

/** A deterministic shuffle of 0..n-1 (a small LCG), so a failure repeats. */
function order(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

describe('WordIds sharing one bit set', () => {
  it('answer for their own text when many are alive and asked in any order', () => {
    const filters: Prefilter[] = PATTERNS.map((re) => requiredWords(re));
    const compiled = filters.map(compileFilter);
    const ids = TEXTS.map(wordIdsOf);
    const words = TEXTS.map(wordsOf);
    const differ: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      for (const t of order(TEXTS.length, seed)) {
        for (const f of order(PATTERNS.length, seed * 7)) {
          const expected = mayMatch(filters[f] as Prefilter, words[t] as Set<string>);
          const got = mayMatchIds(compiled[f]!, ids[t]!);
          if (got !== expected) differ.push(`text ${t} pattern ${f}: ${got}, expected ${expected}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });

  it('keep their words across added text, a later filter and another text asked in between', () => {
    const a = wordIdsOf('the data drop is due');
    const b = wordIdsOf('nothing here');
    const marking = compileFilter(requiredWords(/\bmarking\b/g));
    const drop = compileFilter(requiredWords(/\bdata drops?\b/g));
    expect(mayMatchIds(drop, a)).toBe(true);
    expect(mayMatchIds(drop, b)).toBe(false);
    b.add('marking');
    expect(mayMatchIds(marking, b)).toBe(true);
    expect(mayMatchIds(marking, a)).toBe(false);
    // A filter compiled now registers new ids: both are rebuilt, and still answer for their own words.
    const late = compileFilter(requiredWords(/\bquokkasaurus\b|\bmarking\b/g));
    const c = wordIdsOf('a quokkasaurus');
    expect(mayMatchIds(late, a)).toBe(false);
    expect(mayMatchIds(late, b)).toBe(true);
    expect(mayMatchIds(late, c)).toBe(true);
    expect(mayMatchIds(drop, a)).toBe(true);
    expect(mayMatchIds(drop, c)).toBe(false);
    expect([...a.ids()].sort()).toEqual([...wordIdsOf('the data drop is due').ids()].sort());
  });

  it('find every registered word, and no near miss, once the registry has outgrown several table sizes', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);
    const ids = words.map(registerWord);
    const found = new Set(wordIdsOf(words.join(' ')).ids());
    expect(ids.filter((id) => !found.has(id))).toEqual([]);
    const registered = new Set(ids);
    const near = wordIdsOf(words.map((w) => `${w}q ${w.slice(0, -1)}`).join(' ')).ids();
    expect(near.filter((id) => registered.has(id))).toEqual([]);
  });
});
