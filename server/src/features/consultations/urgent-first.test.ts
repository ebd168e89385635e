import { describe, expect, it } from 'vitest';
import { urgentFirst } from './consultations.service.js';

describe('urgentFirst', () => {
  it('puts requests marked urgent first and keeps the given (oldest-first) order within each part', () => {
    const list = [
      { id: 'a' },
      { id: 'b', urgent: true },
      { id: 'c', urgent: false },
      { id: 'd', urgent: true },
      { id: 'e' },
    ];
    expect(urgentFirst(list).map((r) => r.id)).toEqual(['b', 'd', 'a', 'c', 'e']);
    // A copy: the store's list is not reordered in place.
    expect(list.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
