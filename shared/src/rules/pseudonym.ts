import { LIMITS } from '../limits.js';
import { FIRST_NAMES, SURNAMES } from './names.js';
import { ADJECTIVES, ANIMALS } from './suggestions.js';

export type RuleResult = { ok: true; value: string } | { ok: false; message: string };

const ALLOWED = /^(?:(?=\p{L})\p{Script=Latin}|[0-9._-])+$/u;
const STARTS_WELL = /^(?:(?=\p{L})\p{Script=Latin}|[0-9])/u;
const RESERVED_PARTS = ['admin', 'moderator', 'consultant', 'coordinator', 'staffroom', 'official'];
const RESERVED_EXACT = new Set(['mod', 'mods', 'system', 'support', 'staff', 'root', 'anonymous', 'deleted']);
const SUGGESTION_WORDS = new Set([...ADJECTIVES, ...ANIMALS].map((w) => w.toLowerCase()));

/** NFC, trimmed. The stored and displayed form of a pseudonym. */
export function normalisePseudonym(raw: string): string {
  return raw.normalize('NFC').trim();
}

/**
 * The form two pseudonyms are compared in for uniqueness: case-folded, accents removed, separators dropped and
 * look-alike characters merged, so "Calm_0tter" and "calmotter" cannot both exist.
 */
export function pseudonymSkeleton(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[._-]/g, '')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/0/g, 'o')
    .replace(/[1i|]/g, 'l')
    .replace(/5/g, 's');
}

/** Splits "MaryJones", "mary.jones", "mary_jones42" into lower-case letter words: ["mary", "jones"]. */
function words(value: string): string[] {
  return value
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function looksLikeRealName(value: string): boolean {
  const lower = value.toLowerCase().replace(/[._-]/g, '');
  const hasDigits = /\d/.test(value);
  const ws = words(value);
  for (let i = 0; i + 1 < ws.length; i++) {
    const [first, last] = [ws[i] as string, ws[i + 1] as string];
    if (!FIRST_NAMES.has(first)) continue;
    if (SURNAMES.has(last)) return true;
    if (!hasDigits && last.length >= 2 && !SUGGESTION_WORDS.has(last) && !FIRST_NAMES.has(last)) return true;
  }
  // "maryjones" (no boundary) and "jsmith" / "j.smith" (an initial and a surname)
  for (const surname of SURNAMES) {
    if (!lower.endsWith(surname)) continue;
    const head = lower.slice(0, lower.length - surname.length);
    if (FIRST_NAMES.has(head) || /^[a-z]$/.test(head)) return true;
  }
  return false;
}

/**
 * Checks a proposed pseudonym and says, in words a user can act on, why it is refused.
 * @example checkPseudonym('mary.jones') // { ok: false, message: 'This looks like a real name…' }
 */
export function checkPseudonym(raw: string): RuleResult {
  const value = normalisePseudonym(raw);
  const length = [...value].length;
  if (length < LIMITS.pseudonymMin || length > LIMITS.pseudonymMax) {
    return {
      ok: false,
      message: `Use ${LIMITS.pseudonymMin} to ${LIMITS.pseudonymMax} characters.`,
    };
  }
  if (/@|\.(com|org|net|edu|gov|ca|uk|au|nz|ie|io)$/i.test(value)) {
    return {
      ok: false,
      message: 'This looks like an email or web address. Choose a name that does not identify you.',
    };
  }
  if ((value.match(/\d/g) ?? []).length >= 7) {
    return {
      ok: false,
      message: 'This looks like a phone number. Choose a name that does not identify you.',
    };
  }
  if (!ALLOWED.test(value) || !STARTS_WELL.test(value)) {
    return {
      ok: false,
      message: 'Use letters, digits and . _ - only, starting with a letter or digit (no spaces).',
    };
  }
  const skeleton = pseudonymSkeleton(value);
  if (
    RESERVED_EXACT.has(skeleton) ||
    RESERVED_PARTS.some((part) => skeleton.includes(pseudonymSkeleton(part)))
  ) {
    return { ok: false, message: 'This name could be mistaken for a staff role. Choose another.' };
  }
  if (looksLikeRealName(value)) {
    return {
      ok: false,
      message: 'This looks like a real first and last name. Choose a name that does not identify you.',
    };
  }
  return { ok: true, value };
}

/**
 * A pseudonym as words ("chidi_okafor", "ChidiOkafor" → "Chidi Okafor"), for the privacy guard's name model, which
 * reads names in text: the rule above knows only the names in its lists, and a staff body is multicultural. The
 * server runs the guard on this (the guard is too large for the sign-up page's bundle).
 */
export function pseudonymAsWords(value: string): string {
  return value
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[._\-\s]+|(?<=\p{L})(?=[0-9])/u)
    .filter(Boolean)
    .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1).toLowerCase())
    .join(' ');
}

/** What the server says when the privacy guard reads a real name in a pseudonym. */
export const REAL_NAME_MESSAGE =
  'This looks like a real first and last name. Choose a name that does not identify you.';
