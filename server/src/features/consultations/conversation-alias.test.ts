import { describe, expect, it } from 'vitest';
import { ADJECTIVES, ANIMALS } from '@staffroom/shared/rules/suggestions';
import { conversationAlias } from './consultations.service.js';

describe('conversationAlias', () => {
  it('when asked for the same request, then it gives the same two words and digits; another request or deployment, another name', () => {
    const name = conversationAlias('pepper-one', 'request-1');
    expect(conversationAlias('pepper-one', 'request-1')).toBe(name);
    const [adjective, animal, digits] = name.split(' ');
    expect(ADJECTIVES).toContain(adjective);
    expect(ANIMALS).toContain(animal);
    expect(digits).toMatch(/^[1-9]\d{2}$/);
    const others = new Set(Array.from({ length: 200 }, (_, i) => conversationAlias('pepper-one', `r-${i}`)));
    expect(others.size).toBeGreaterThan(195);
    expect(conversationAlias('pepper-two', 'request-1')).not.toBe(name);
  });
});
