import { describe, expect, it } from 'vitest';
import { hasVisibleText } from './visible.js';

describe('hasVisibleText', () => {
  it.each([
    ['zero-width space, joiners, word joiner, BOM', '\u200b\u200c\u200d\u2060\ufeff'],
    ['Hangul fillers', '\u3164\u115f\u1160\uffa0'],
    ['braille blank', '\u2800\u2800\u2800'],
    ['soft hyphen and variation selectors', '\u00ad\ufe0f\ufe0e'],
    ['tag characters', '\u{e0041}\u{e0042}'],
    ['combining marks on nothing', '\u0300\u0301\u0302'],
    ['exotic spaces', '\u2003\u3000\u00a0 \n\t'],
    ['bidi controls', '\u202e\u2066\u2069'],
  ])('refuses %s', (_what, text) => {
    expect(hasVisibleText(text)).toBe(false);
  });

  it.each([
    ['a letter among invisibles', '\u200ba\u200b'],
    ['an emoji sequence with joiners', '👩\u200d🏫'],
    ['Thai with its marks', 'ครู'],
    ['Devanagari', 'शिक्षक'],
    ['punctuation', '?'],
  ])('accepts %s', (_what, text) => {
    expect(hasVisibleText(text)).toBe(true);
  });
});
