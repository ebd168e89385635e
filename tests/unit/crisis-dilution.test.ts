/**
 * A risk statement keeps its flag when ordinary sentences surround it (tests/fixtures/guards/README.md, "Dilution").
 * Found 2026-12-07 by attacking the guard: "The printer is not working again. Parents evening ran late. I am going to
 * end my life." was not flagged, because the model read the whole message as one bag of words (the ordinary sentences
 * dilute its p(self)) and a "not" anywhere opened the model's veto. Lines: the in-sample risk lines of crisis.txt that
 * the guard flags alone, each wrapped in ordinary sentences of ordinary.txt (those without any word of distress).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCrisis } from '@staffroom/shared/guards/crisis';

const read = (name: string) =>
  readFileSync(new URL(`../fixtures/guards/${name}`, import.meta.url), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
const sentence = (l: string) => (/[.!?]$/.test(l) ? l : `${l}.`);

const DISTRESS =
  /kill|die|dead|death|dying|suicid|end|hang|rope|pill|bridge|jump|gone|over|done|finish|leav|goodbye|bye|last|never|hate|hurt|cut|knife|gun|shoot|murder|can't|cannot|tired|exhaust|cry|sad|depress|anxious|worr|stress/i;
const pads = read('ordinary.txt')
  .filter((l) => !DISTRESS.test(l) && l.split(' ').length <= 14)
  .map(sentence);
const risk = read('crisis.txt').filter((l) => detectCrisis(l).risk);

/** Ordinary sentences with a negation, past or joke word (the veto's context words) and no word of distress. */
const CONTEXT =
  /\b(?:not|no|don't|didn't|won't|wouldn't|isn't|wasn't|haven't|hasn't|years|months|since|ago|lol)\b/i;
const contextPads = read('ordinary.txt')
  .filter((l) => !DISTRESS.test(l) && CONTEXT.test(l) && l.split(' ').length <= 14)
  .map(sentence);

/** `k` ordinary sentences on each side, the first of them one with a context word ("not", "years", "lol"). */
function contextWrapped(k: number): number {
  let flagged = 0;
  risk.forEach((line, i) => {
    const pad = (j: number) => pads[(i * 7 + j * 13) % pads.length] as string;
    const before = [
      contextPads[(i * 5) % contextPads.length] as string,
      ...Array.from({ length: k - 1 }, (_, j) => pad(j)),
    ];
    const after = Array.from({ length: k }, (_, j) => pad(j + 5));
    if (detectCrisis([...before, sentence(line), ...after].join(' ')).risk) flagged++;
  });
  return flagged;
}

function wrapped(k: number, where: 'before' | 'after' | 'both'): number {
  let flagged = 0;
  risk.forEach((line, i) => {
    const pad = (j: number) => pads[(i * 7 + j * 13) % pads.length] as string;
    const before = where === 'after' ? [] : Array.from({ length: k }, (_, j) => pad(j));
    const after = where === 'before' ? [] : Array.from({ length: k }, (_, j) => pad(j + 5));
    if (detectCrisis([...before, sentence(line), ...after].join(' ')).risk) flagged++;
  });
  return flagged;
}

describe('crisis guard: ordinary sentences around a risk statement', () => {
  it('has enough lines to mean something', () => {
    expect(pads.length).toBeGreaterThan(150);
    expect(risk.length).toBeGreaterThan(140);
  });

  // Floors (README, "After round 10"): on 2026-12-07 round 10 as merged kept 135/148 with one sentence before,
  // 127/148 with one each side, 110/148 with two and 93/148 with three; with the lead's vetoNear and vetoLocal, 137,
  // 135, 129 and 121 of 147.
  for (const [k, where, floor] of [
    [1, 'before', 0.9],
    [1, 'after', 0.9],
    [2, 'both', 0.85],
    [3, 'both', 0.8],
  ] as const)
    it(`keeps at least ${floor * 100} % flagged with ${k} ordinary sentence(s) ${where === 'both' ? 'on each side' : where}`, () => {
      expect(wrapped(k, where) / risk.length).toBeGreaterThanOrEqual(floor);
    });

  // Model round 11 (README, "Model round 11"): where a padding sentence has a "not", "years" or "lol", the whole
  // message's reading decided the veto; round 10 after the lead's change kept 126, 107 and 91 of 147 with one, two and
  // three sentences on each side; with vetoLocal 2 and round 11's model and thresholds 136, 130 and 131 of 148.
  for (const k of [1, 2, 3])
    it(`keeps at least 85 % flagged with ${k} ordinary sentence(s) on each side, one with a "not", "years" or "lol"`, () => {
      expect(contextPads.length).toBeGreaterThanOrEqual(8);
      expect(contextWrapped(k) / risk.length).toBeGreaterThanOrEqual(0.85);
    });

  it('does not flag the ordinary sentences on their own, three at a time', () => {
    let flagged = 0;
    pads.forEach((p, i) => {
      const text = [p, pads[(i + 3) % pads.length], pads[(i + 11) % pads.length]].join(' ');
      if (detectCrisis(text).risk) flagged++;
    });
    expect(flagged / pads.length).toBeLessThanOrEqual(0.02);
  });

  it('is not vetoed by a "never" in a sentence repeated before the statement', () => {
    for (const n of [1, 2, 4, 8, 16, 30])
      expect(
        detectCrisis(`${'The marking never stops. '.repeat(n)}I want to kill myself tonight.`).risk,
        `${n}`,
      ).toBe(true);
  });

  it('reads look-alike letters of other scripts as Latin ones', () => {
    // Cyrillic і in "kіll"
    expect(detectCrisis('The marking never stops. I want to k\u0456ll myself tonight.').risk).toBe(true);
    expect(detectCrisis('I want to k\u0456ll myself tonight').risk).toBe(true);
  });

  it('keeps a plan flagged after an ordinary sentence with a "not" in it', () => {
    for (const text of [
      'The printer is not working again. Parents evening ran late. I am going to end my life this weekend.',
      'The printer is not working again. Parents evening ran late. I want to kill myself tonight.',
    ])
      expect(detectCrisis(text).risk, text).toBe(true);
  });
});
