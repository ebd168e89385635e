import { LIMITS } from '../limits.js';
import { COMMON_PASSPHRASES } from './common-passphrases.js';
import type { RuleResult } from './pseudonym.js';

export type Strength = 0 | 1 | 2 | 3 | 4;
export const STRENGTH_LABELS: Record<Strength, string> = {
  0: 'Too weak',
  1: 'Weak',
  2: 'Fair',
  3: 'Good',
  4: 'Strong',
};

function codePoints(value: string): number {
  return [...value].length;
}

function isCommon(value: string): boolean {
  return COMMON_PASSPHRASES.has(value.toLowerCase().replace(/\s+/g, ''));
}

function isMonotone(value: string): boolean {
  const chars = [...value];
  if (new Set(chars).size <= 2) return true;
  const codes = chars.map((c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  return Math.abs(step) <= 1 && codes.every((c, i) => i === 0 || c - (codes[i - 1] ?? 0) === step);
}

/**
 * Checks a passphrase against the rules: 10–128 characters, not a common passphrase, not the pseudonym, not one
 * repeated character or a plain run. No composition rules: a long sentence is the best passphrase.
 */
export function checkPassphrase(value: string, pseudonym = ''): RuleResult {
  const length = codePoints(value);
  if (length < LIMITS.passphraseMin) {
    return {
      ok: false,
      message: `Use at least ${LIMITS.passphraseMin} characters. A short sentence works well.`,
    };
  }
  if (length > LIMITS.passphraseMax) {
    return { ok: false, message: `Use at most ${LIMITS.passphraseMax} characters.` };
  }
  if (isCommon(value) || isMonotone(value)) {
    return { ok: false, message: 'This passphrase is too common or too easy to guess.' };
  }
  const name = pseudonym.trim().toLowerCase();
  if (name.length >= 4 && value.toLowerCase().includes(name)) {
    return { ok: false, message: 'Do not use your pseudonym in your passphrase.' };
  }
  return { ok: true, value };
}

/**
 * A rough strength estimate for the meter shown while typing: bits from length and character variety, with
 * penalties for repeats. It guides; `checkPassphrase` decides.
 */
export function passphraseStrength(value: string, pseudonym = ''): Strength {
  if (!checkPassphrase(value, pseudonym).ok) return 0;
  const chars = [...value];
  let pool = 0;
  if (/[a-z]/.test(value)) pool += 26;
  if (/[A-Z]/.test(value)) pool += 26;
  if (/[0-9]/.test(value)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(value)) pool += 33;
  const variety = new Set(chars).size / chars.length;
  const bits = chars.length * Math.log2(Math.max(pool, 2)) * Math.min(1, 0.4 + variety);
  if (bits < 45) return 1;
  if (bits < 65) return 2;
  if (bits < 90) return 3;
  return 4;
}
