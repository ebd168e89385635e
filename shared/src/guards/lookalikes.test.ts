/**
 * `foldLookalikes` copies ASCII runs as slices: it must give what folding each code point in turn gives, on text that
 * mixes ASCII, accented and look-alike letters, astral characters and lone surrogates.
 */
import { describe, expect, it } from 'vitest';
import { LATIN_LOOKALIKES } from './confusables-latin.js';
import { foldLookalikes } from './lookalikes.js';

const LOOKALIKE = new Map<string, string>();
for (const [latin, lookalikes] of Object.entries(LATIN_LOOKALIKES))
  for (const ch of lookalikes) LOOKALIKE.set(ch, latin);

/** The fold code point by code point, as it was written first. */
function reference(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch < '\u0080') {
      out += ch;
      continue;
    }
    for (const base of ch.normalize('NFD').replace(/\p{M}/gu, '')) {
      const lower = base.toLowerCase();
      out += LOOKALIKE.get(lower) ?? LOOKALIKE.get(base) ?? lower;
    }
  }
  return out;
}

const PIECES = [
  'kill ',
  'k\u0456ll',
  '\u0406',
  'caf\u00e9',
  'e\u0301',
  '\u{1d41a}',
  '\ud800',
  '\udc00x',
  '\u00bd',
  '\u1e9e',
  'STRASSE ',
  '\u0391\u03b2',
  ' ',
  '\u2019',
  '',
];

describe('foldLookalikes', () => {
  it('gives the code-point-by-code-point fold on mixed text', () => {
    let s = 7;
    const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff);
    const differ: string[] = [];
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const parts = 1 + (next() % 12);
      for (let k = 0; k < parts; k++) text += PIECES[next() % PIECES.length] as string;
      if (foldLookalikes(text) !== reference(text)) differ.push(JSON.stringify(text));
    }
    expect(differ).toEqual([]);
    expect(foldLookalikes('k\u0456ll the caf\u00e9')).toBe('kill the cafe');
  });
});
