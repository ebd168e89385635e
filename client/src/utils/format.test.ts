import { describe, expect, it } from 'vitest';
import { formatRelative, formatWait } from './format';

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
