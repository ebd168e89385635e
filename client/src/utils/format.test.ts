import { describe, expect, it } from 'vitest';
import { formatRelative, formatWait, isoTimesInWords } from './format';

describe('formatWait', () => {
  it('when the wait is under a minute, then it counts seconds, rounding up', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(29_100)).toBe('30 seconds');
  });

  it('when the wait is a minute or more, then it counts whole minutes, rounding up', () => {
    expect(formatWait(60_000)).toBe('1 minute');
    expect(formatWait(14 * 60_000 + 1)).toBe('15 minutes');
  });
});

describe('formatRelative', () => {
  it('when the moment is within a minute, then it says "just now"', () => {
    expect(formatRelative(1_000_000, 1_030_000)).toBe('just now');
  });
});

describe('isoTimesInWords', () => {
  it('when a stored text holds raw ISO times, then each is said in words and the rest is kept', () => {
    const out = isoTimesInWords('Someone until 2026-12-12T21:59:00.000Z (and 2026-01-02T03:04Z)');
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(out.startsWith('Someone until ')).toBe(true);
    expect(out).toMatch(/Dec/);
    expect(out).toMatch(/Jan/);
  });

  it('when there is no ISO time, then the text is unchanged', () => {
    expect(isoTimesInWords('Someone for 1 hour')).toBe('Someone for 1 hour');
  });
});
