/**
 * The benchmark's chat messages are ordinary talk and must never raise a crisis alert (model round 14,
 * tests/fixtures/guards/README.md). The generator (bench/src/message-text.ts) writes "m t<µs> c<id>n<n> quick note
 * from the bench about marking load this week"; round 13's guard flagged about 142 of 60,000 of them as a plan, the
 * model alone: the leetspeak folding read the codes as words ("t1733580000123" → "titees8oi2e", "c4n7" → "can't"),
 * the digits hashed to features other words had trained, and "note" opened the model's gate.
 */
import { describe, expect, it } from 'vitest';
import { detectCrisis, normaliseForCrisis } from '@staffroom/shared/guards/crisis';
import { benchText } from '../../bench/src/message-text.js';

/** mulberry32: a small seeded PRNG, so the sample is the same on every run. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('detectCrisis on the benchmark generator’s messages', () => {
  it('flags none of 5,000 (send times of 6 to 13 digits, client ids, message counters)', () => {
    const rand = prng(20261207);
    const flagged: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const sentUs = Math.floor(10 ** (5 + rand() * 8));
      const text = benchText(
        rand() < 0.9,
        sentUs,
        1 + Math.floor(rand() * 500),
        1 + Math.floor(rand() * 20000),
      );
      if (detectCrisis(text).risk) flagged.push(text);
    }
    expect(flagged).toEqual([]);
  });

  it('reads a number or a code as it is, not as leetspeak; a word in disguise still folds', () => {
    expect(normaliseForCrisis('m t1733580000123 c12n345 rm14 500mg')).toBe(
      'm t1733580000123 c12n345 rm14 500mg',
    );
    expect(normaliseForCrisis('k1ll mys3lf, su1c1d3')).toBe('kill myself, suicide');
  });
});
