import { describe, expect, it } from 'vitest';
import { lengthWords } from './meeting-announcer.js';

describe('lengthWords', () => {
  it('when a session starts, then its length is said in words', () => {
    expect(lengthWords(45)).toBe('45 minutes');
    expect(lengthWords(60)).toBe('1 hour');
    expect(lengthWords(90)).toBe('1 hour 30 minutes');
    expect(lengthWords(120)).toBe('2 hours');
    expect(lengthWords(1)).toBe('1 minute');
  });
});
