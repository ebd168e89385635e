import { describe, expect, it } from 'vitest';
import { durationWords } from './moderation.service.js';

describe('durationWords', () => {
  it('when a mute or ban lasts some minutes, then it is said in words, never as a date', () => {
    expect(durationWords(1)).toBe('1 minute');
    expect(durationWords(10)).toBe('10 minutes');
    expect(durationWords(60)).toBe('1 hour');
    expect(durationWords(90)).toBe('1 hour 30 minutes');
    expect(durationWords(1_440)).toBe('1 day');
    expect(durationWords(7 * 1_440 + 6 * 60 + 5)).toBe('7 days 6 hours');
    expect(durationWords(0.2)).toBe('1 minute');
  });
});
