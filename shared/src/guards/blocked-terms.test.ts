import { describe, expect, it } from 'vitest';
import { findBlockedTerms } from './blocked-terms.js';

// Placeholder terms: the real lists are per-deployment configuration.
const TERMS = ['spam', 'ass', 'buy followers', 'scam'];

describe('findBlockedTerms', () => {
  it('matches case-insensitively as whole words', () => {
    expect(findBlockedTerms('this is SPAM', TERMS)).toEqual(['spam']);
    expect(findBlockedTerms('spam-free zone', TERMS)).toEqual(['spam']);
    expect(findBlockedTerms('class assessment, bass, passive', TERMS)).toEqual([]);
    expect(findBlockedTerms('scammer', TERMS)).toEqual([]);
  });

  it('tolerates repeated letters, but never fewer letters than the term', () => {
    expect(findBlockedTerms('spaaaaam', TERMS)).toEqual(['spam']);
    expect(findBlockedTerms('asss', TERMS)).toEqual(['ass']);
    expect(findBlockedTerms('as far as I know', TERMS)).toEqual([]);
  });

  it('tolerates separators and spaced letters', () => {
    for (const text of ['s.p.a.m', 's-p-a-m', 's_p_a_m', 's*p*a*m', 's p a m', 'sp.am']) {
      expect(findBlockedTerms(text, TERMS), text).toEqual(['spam']);
    }
  });

  it('decodes common leetspeak and look-alike characters', () => {
    for (const text of ['sp4m', '$pam', '5p@m', 'SP4M!!', 'ｓｐａｍ', 'sp\u200Bam']) {
      expect(findBlockedTerms(text, TERMS), text).toEqual(['spam']);
    }
    expect(findBlockedTerms('I ran 5 km', ['s'])).toEqual([]);
  });

  it('matches multi-word terms in sequence', () => {
    expect(findBlockedTerms('BUY   F0LL0WERS today', TERMS)).toEqual(['buy followers']);
    expect(findBlockedTerms('buy more followers', TERMS)).toEqual([]);
  });

  it('returns each configured term once, in order of appearance, as configured', () => {
    expect(findBlockedTerms('scam then spam then scam', ['Spam', 'SCAM'])).toEqual(['SCAM', 'Spam']);
  });

  it('returns nothing for an empty list, empty text or empty terms', () => {
    expect(findBlockedTerms('spam', [])).toEqual([]);
    expect(findBlockedTerms('', TERMS)).toEqual([]);
    expect(findBlockedTerms('spam', ['', '   '])).toEqual([]);
  });

  it('ignores accents and reads look-alike letters of other scripts as Latin (Unicode confusables)', () => {
    const terms = ['pineapple'];
    for (const text of [
      'PÌNEAPPLE',
      'pìnéàpplè',
      'p\u0456neapple', // Cyrillic і
      'P\u0406NEAPPLE', // Cyrillic capital І
      '\u0440ineapple', // Cyrillic р
      'pine\u0430pple', // Cyrillic а
      'pineappl\u0435', // Cyrillic е
      'pinea\u03c1\u03c1le', // Greek ρ
      'p\u0131neapple', // dotless ı
      'pi\u0578eapple', // Armenian ո
      'pi\u0301neapple', // combining acute
    ]) {
      expect(findBlockedTerms(`have some ${text} please`, terms), text).toEqual(['pineapple']);
    }
    // A term written with look-alikes matches the plain word, and whole words still count.
    expect(findBlockedTerms('pineapple', ['p\u0456neapple'])).toEqual(['p\u0456neapple']);
    expect(findBlockedTerms('pineapples and apples', ['apple'])).toEqual([]);
    expect(findBlockedTerms('café résumé naïve', terms)).toEqual([]);
  });
});
