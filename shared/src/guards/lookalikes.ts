import { LATIN_LOOKALIKES } from './confusables-latin.js';

/**
 * Look-alike letters read as the Latin letters they imitate (UTS #39 confusables, `confusables-latin.ts`): the blocked
 * terms and the crisis guard both read "kіll" (Cyrillic і) as "kill".
 */
const LOOKALIKE = new Map<string, string>();
for (const [latin, lookalikes] of Object.entries(LATIN_LOOKALIKES)) {
  for (const ch of lookalikes) LOOKALIKE.set(ch, latin);
}
const MARKS = /\p{M}/gu;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/** Diacritics dropped, then each look-alike read as its Latin letter (lower case first: Cyrillic І → і → i). */
export function foldLookalikes(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (ch < '\u0080') {
      out += ch;
      continue;
    }
    for (const base of ch.normalize('NFD').replace(MARKS, '')) {
      const lower = base.toLowerCase();
      out += LOOKALIKE.get(lower) ?? LOOKALIKE.get(base) ?? lower;
    }
  }
  return out;
}
