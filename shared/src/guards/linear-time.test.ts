/**
 * ReDoS guard: every detector must stay linear on hostile input. Messages are capped at 2,000 characters, but the
 * detectors are fed 64 KB adversarial strings here (long runs that make a backtracking pattern explode: repeated
 * letters, digits, separators, half-emails, half-URLs, name-like words). A catastrophic pattern takes minutes on
 * these; linear code takes milliseconds. The bound is a generous sanity check, not a benchmark.
 */
import { describe, expect, it } from 'vitest';
import { findBlockedTerms } from './blocked-terms.js';
import { detectCrisis } from './crisis.js';
import { detectIdentifying } from './privacy.js';

const SIZE = 64 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const ADVERSARIAL: Record<string, string> = {
  letters: fill('a'),
  capitals: fill('A'),
  'capitalised words': fill('Aaaa '),
  digits: fill('1'),
  'spaced digits': fill('1 '),
  'dashed digits': fill('0-'),
  'dotted letters': fill('a.'),
  'at signs': fill('a@'),
  'obfuscated at': fill('a at '),
  'obfuscated dot': fill('a dot '),
  'half emails': fill('x@y.'),
  'half urls': fill('x.com/'),
  handles: fill('@a'),
  honorifics: fill('Mr. '),
  names: fill('Sarah Jones '),
  'street numbers': fill('12 Oak '),
  'school words': fill('Oak High '),
  'crisis phrases': fill('I want to die. '),
  'dialect phrases': fill("ah cannae tek it no more mi a go dead i ain't "),
  quotes: fill('"want to die" novel '),
  'spaced letters': fill('s '),
  leetspeak: fill('1$@!'),
  asterisks: fill('*a'),
  brackets: fill('(0'),
  'plus signs': fill('+1 '),
  mixed: fill('Mrs. Patel at 12 Elm St, call 555-123-4567 or a@b.co '),
  'local streets': fill('str. Aa Bb VI '),
  'turkish streets': fill('12. Sokak Aa '),
  sectors: fill('Aaa Sector G-9/'),
  'lower-case titles': fill('mr. ahmed el-sayed '),
  'lower-case names': fill('my student ahmed khan from '),
  // The crisis rules' own vocabulary, which the phrase patterns, the third-person rule and the recovery and
  // hyperbole blanking all try at every word: third-person subjects before a plan, fillers, negations, time words.
  'third-person plans': fill('they have a plan to '),
  'subjects without a cue': fill('she told me they said he '),
  'third-person concern': fill('a colleague told me she has a plan to kill herself and '),
  fillers: fill('i just really honestly want to '),
  negations: fill("i'm not not never don't "),
  'recovery phrases': fill('a year ago 100 days clean '),
  hyperbole: fill('this schedule makes me want to die '),
  'no sentence ends': fill('i want to end it they want to '),
};

const BUDGET_MS = 2_000;

/** CPU milliseconds of the fastest of five runs: other processes' load counts less than in wall time. */
function cpuMs(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const before = process.cpuUsage();
    run();
    const d = process.cpuUsage(before);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

describe('guards stay linear on 64 KB adversarial input', () => {
  for (const [name, input] of Object.entries(ADVERSARIAL)) {
    it(`${name}`, { timeout: 30_000 }, () => {
      const timings: Record<string, number> = {};
      // CPU time of one run, not wall time: a busy machine's other processes must not fail a linear detector.
      const time = (label: string, run: () => unknown) => {
        const before = process.cpuUsage();
        run();
        const d = process.cpuUsage(before);
        timings[label] = (d.user + d.system) / 1000;
      };
      time('privacy', () =>
        detectIdentifying(input, { schoolNames: ['Oak High School', 'Lincoln High School'] }),
      );
      time('crisis', () => detectCrisis(input));
      time('blocked', () => findBlockedTerms(input, ['spam', 'ass', 'buy followers']));
      for (const [label, ms] of Object.entries(timings))
        expect(ms, `${label} on ${name}`).toBeLessThan(BUDGET_MS);
    });
  }
});

/**
 * Growth, not a budget: four times the input must cost about four times the time. A pattern that backtracks
 * super-linearly (quadratic: sixteen times) can stay under the budget above at 64 KB on a fast machine and still
 * stall a busy server on ordinary 2,000-character messages; the ratio catches it whatever the machine's speed.
 */
describe('guards grow linearly with the input', () => {
  // Linear is 4; quadratic 16. Measured on a loaded 2-core machine, linear inputs stayed under 11.
  const RATIO = 12;
  for (const [name, input] of Object.entries(ADVERSARIAL)) {
    it(`${name}`, { timeout: 60_000 }, () => {
      const small = input.slice(0, SIZE / 4);
      for (const [label, run] of [
        ['privacy', (t: string) => detectIdentifying(t, { schoolNames: ['Oak High School'] })],
        ['crisis', (t: string) => detectCrisis(t)],
      ] as const) {
        run(small);
        const a = Math.max(
          cpuMs(() => run(small)),
          5,
        );
        const b = cpuMs(() => run(input));
        expect(
          b / a,
          `${label} on ${name}: ${a.toFixed(1)} ms for 16 KB, ${b.toFixed(1)} ms for 64 KB`,
        ).toBeLessThan(RATIO);
      }
    });
  }
});
