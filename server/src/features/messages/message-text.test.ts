import { describe, expect, it } from 'vitest';
import { NAUGHTY_STRINGS } from '../../../../tests/fixtures/bad-inputs.js';
import { cleanMessageText, sanitizeReference } from './message-text.js';

const clean = (raw: string) => {
  const r = cleanMessageText(raw);
  return r.ok ? r.text : r.reason;
};

describe('cleanMessageText', () => {
  it('keeps no tags and no attributes, and escapes what is left', () => {
    expect(clean('a <img src=x onerror=alert(1)> b')).toBe('a  b');
    expect(clean('<script>alert(1)</script>hi')).toBe('hi');
    expect(clean('5 > 3 & 2 < 4')).toBe('5 &gt; 3 &amp; 2 &lt; 4');
    expect(clean('<b>bold</b> and <a href="javascript:x">link</a>')).toBe('bold and link');
  });

  it('normalises to NFC and strips control and bidi-override characters', () => {
    expect(clean('e\u0301cole')).toBe('\u00e9cole');
    expect(clean('a\u0000b\u0007c')).toBe('abc');
    expect(clean('abc\u202Edef\u2066g\u2069')).toBe('abcdefg');
    expect(clean('line\r\nbreak')).toBe('line\nbreak');
    expect(clean('broken \uD800 half')).toBe('broken \uFFFD half');
  });

  it('keeps line breaks, collapses long blank runs, trims', () => {
    expect(clean('  one\n\n\n\n\ntwo  ')).toBe('one\n\ntwo');
  });

  it('clamps combining marks to 8 per character', () => {
    const zalgo = `a${'\u0301\u0302\u0303\u0304\u0305\u0306'.repeat(5)}`;
    expect([...clean(zalgo)].length).toBe(9);
  });

  it('rejects what is empty after cleaning, and what is over 2,000 characters', () => {
    expect(clean('   ')).toBe('empty');
    expect(clean('<script>x</script>')).toBe('empty');
    expect(clean('\u200E\u202E')).toBe('empty');
    expect(clean('x'.repeat(2_001))).toBe('too-long');
    expect(clean('😀'.repeat(2_000))).not.toBe('too-long');
  });

  it('takes the fast path only where it equals sanitize-html', () => {
    const samples = [
      ...NAUGHTY_STRINGS,
      'plain text',
      'quotes " and \' stay',
      'arrows -> and => and >>',
      'emoji 👩🏽‍🏫 > 📚',
      'tabs\tand\nnewlines',
    ];
    for (const s of samples) {
      const plain = s.normalize('NFC');
      if (/[<&]/.test(plain)) continue;
      expect(plain.replace(/>/g, '&gt;'), JSON.stringify(s)).toBe(sanitizeReference(plain));
    }
  });

  it('is a fix-point: cleaning cleaned text changes nothing', () => {
    for (const s of [...NAUGHTY_STRINGS, 'a &lt;b&gt; c', '<<script>script>alert(1)</script>', '&amp;amp;']) {
      const once = cleanMessageText(s);
      if (!once.ok) continue;
      const twice = cleanMessageText(once.text);
      expect(twice.ok && twice.text, JSON.stringify(s)).toBe(once.text);
    }
  });

  it('refuses a message of only invisible characters as empty, and keeps invisible ones inside real text', () => {
    for (const s of [
      '\u200b\u200b',
      '\u3164',
      '\u115f\u1160',
      '\u2800\u2800',
      '\u2060\ufeff\u00ad',
      '<b>\u200b</b>',
    ]) {
      expect(cleanMessageText(s), JSON.stringify(s)).toEqual({ ok: false, reason: 'empty' });
    }
    expect(cleanMessageText('👩\u200d🏫 hi')).toEqual({ ok: true, text: '👩\u200d🏫 hi' });
  });
});
