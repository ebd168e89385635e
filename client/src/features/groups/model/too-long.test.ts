import { describe, expect, it } from 'vitest';
import { detectCrisis } from '@staffroom/shared/guards/crisis';
import { riskExcerpt } from '../../../lib/risk-excerpt';
import { SENDABLE_CHARS } from './too-long';

const flags = (t: string) => detectCrisis(t).risk;
const FILLER = 'Marking, reports, parents evening, cover again. ';

describe('riskExcerpt', () => {
  it('when a pasted text far over what can be sent says "I am going to kill myself tonight", then the part sent holds those words and is flagged alone', () => {
    for (const at of [0, 0.5, 1]) {
      const before = FILLER.repeat(Math.round(400 * at));
      const after = FILLER.repeat(Math.round(400 * (1 - at)));
      const text = `${before}I am going to kill myself tonight. ${after}`;
      expect(text.length).toBeGreaterThan(SENDABLE_CHARS);
      expect(flags(text)).toBe(true);
      const part = riskExcerpt(text, flags);
      expect(part).toContain('I am going to kill myself tonight');
      expect(part!.length).toBeLessThanOrEqual(2_000);
      expect(flags(part!)).toBe(true);
    }
  });

  it('when the words straddle where a window would cut, then a window still holds the whole sentence', () => {
    const text = `${'x'.repeat(1_990)} I am going to kill myself tonight. ${FILLER.repeat(300)}`;
    expect(riskExcerpt(text, flags)).toContain('I am going to kill myself tonight');
  });

  it('when nothing suggests risk, then there is nothing to send', () => {
    expect(riskExcerpt(FILLER.repeat(300), flags)).toBeNull();
  });

  it('reads a text with no sentence breaks in a bounded number of windows', () => {
    let calls = 0;
    expect(
      riskExcerpt('y'.repeat(100_000), () => {
        calls += 1;
        return false;
      }),
    ).toBeNull();
    expect(calls).toBeLessThanOrEqual(100);
  });
});
