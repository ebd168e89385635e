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
  quotes: fill('"want to die" novel '),
  'spaced letters': fill('s '),
  leetspeak: fill('1$@!'),
  asterisks: fill('*a'),
  brackets: fill('(0'),
  'plus signs': fill('+1 '),
  mixed: fill('Mrs. Patel at 12 Elm St, call 555-123-4567 or a@b.co '),
};

const BUDGET_MS = 2_000;

describe('guards stay linear on 64 KB adversarial input', () => {
  for (const [name, input] of Object.entries(ADVERSARIAL)) {
    it(`${name}`, { timeout: 30_000 }, () => {
      const timings: Record<string, number> = {};
      const time = (label: string, run: () => unknown) => {
        const started = performance.now();
        run();
        timings[label] = performance.now() - started;
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
