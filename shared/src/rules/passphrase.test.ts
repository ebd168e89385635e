import { describe, expect, it } from 'vitest';
import { checkPassphrase, passphraseStrength } from './passphrase.js';

describe('checkPassphrase', () => {
  it('accepts 10 to 128 characters, counting code points', () => {
    expect(checkPassphrase('river dawn').ok).toBe(true);
    expect(checkPassphrase('x'.repeat(8) + 'yz').ok).toBe(true);
    expect(checkPassphrase('short one').ok).toBe(false);
    expect(checkPassphrase('abc'.repeat(42) + 'ab').ok).toBe(true);
    expect(checkPassphrase('abc'.repeat(43)).ok).toBe(false);
    expect(checkPassphrase('🌊🌲🦉🌙☕📚✏️🍎🌻🐢').ok).toBe(true);
  });

  it('refuses common passphrases whatever the case or spacing', () => {
    for (const p of [
      'password123',
      'Password123',
      '1234567890',
      'qwertyuiop',
      'I Love You 123',
      'staffroom123',
    ]) {
      expect(checkPassphrase(p).ok, p).toBe(false);
    }
  });

  it('refuses one repeated character and plain runs', () => {
    expect(checkPassphrase('aaaaaaaaaaaa').ok).toBe(false);
    expect(checkPassphrase('abababababab').ok).toBe(false);
    expect(checkPassphrase('abcdefghijkl').ok).toBe(false);
    expect(checkPassphrase('9876543210987').ok).toBe(true); // a run that wraps is not monotone: allowed, but weak
  });

  it('refuses the pseudonym inside the passphrase', () => {
    expect(checkPassphrase('my name is QuietHeron ok', 'QuietHeron').ok).toBe(false);
    expect(checkPassphrase('a quiet heron by the lake', 'QuietHeron').ok).toBe(true);
  });

  it('imposes no composition rules', () => {
    expect(checkPassphrase('all lower case words here').ok).toBe(true);
  });
});

describe('passphraseStrength', () => {
  it('grows with length and variety', () => {
    expect(passphraseStrength('short')).toBe(0);
    expect(passphraseStrength('pinecone42')).toBeLessThanOrEqual(2);
    expect(passphraseStrength('walking by the quiet river at dawn')).toBe(4);
    expect(passphraseStrength('pinecone42')).toBeLessThan(passphraseStrength('Pinecones & 42 owls at noon'));
  });
});
