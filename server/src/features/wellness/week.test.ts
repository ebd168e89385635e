import { describe, expect, it } from 'vitest';
import { weekOf, weeksBefore } from './week.js';

describe('pulse weeks', () => {
  it('begin at 00:00 UTC on the configured day', () => {
    const thursday = Date.UTC(2026, 11, 3, 15, 30); // Thursday 3 December 2026
    expect(weekOf(thursday, 1).id).toBe('2026-11-30'); // Monday
    expect(weekOf(thursday, 0).id).toBe('2026-11-29'); // Sunday
    expect(weekOf(thursday, 4).id).toBe('2026-12-03'); // the same Thursday
    expect(weekOf(Date.UTC(2026, 10, 30), 1).start).toBe(Date.UTC(2026, 10, 30));
    expect(weekOf(Date.UTC(2026, 10, 30) - 1, 1).id).toBe('2026-11-23');
  });
  it('lists the closed weeks before now, oldest first', () => {
    expect(weeksBefore(Date.UTC(2026, 11, 3), 1, 3)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
  });
});
