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

/**
 * Diacritics dropped, then each look-alike read as its Latin letter (lower case first: Cyrillic І → і → i). Runs of
 * ASCII are copied as slices, not character by character.
 */
export function foldLookalikes(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      i++;
      continue;
    }
    // The code point `for (const ch of text)` would give here: a surrogate pair, or a lone surrogate as it is.
    const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
    out += text.slice(copied, i);
    for (const base of ch.normalize('NFD').replace(MARKS, '')) {
      const lower = base.toLowerCase();
      out += LOOKALIKE.get(lower) ?? LOOKALIKE.get(base) ?? lower;
    }
    i += ch.length;
    copied = i;
  }
  return out + text.slice(copied);
}
