import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyFor } from '@staffroom/shared/privacy/registry';
import { messageKeys } from './messages.keys.js';

const id = fc.string({ minLength: 1, maxLength: 30, unit: 'binary' });

describe('messageKeys (compiled once)', () => {
  it('builds exactly the keys keyFor builds, whatever the ids', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        id,
        id,
        id,
        fc.nat(),
        (prefix, groupId, accountId, clientId, seq) => {
          const k = messageKeys(prefix);
          expect(k.stream(groupId)).toBe(keyFor(prefix, 'messages.stream', { groupId }));
          expect(k.texts(groupId)).toBe(keyFor(prefix, 'messages.texts', { groupId }));
          expect(k.seq(groupId)).toBe(keyFor(prefix, 'messages.seq', { groupId }));
          expect(k.clientId(groupId, accountId, clientId)).toBe(
            keyFor(prefix, 'messages.clientId', { groupId, accountId, clientId }),
          );
          expect(k.reactions(groupId, seq)).toBe(keyFor(prefix, 'messages.reactions', { groupId, seq }));
          expect(k.crisis(groupId)).toBe(keyFor(prefix, 'messages.crisis', { groupId }));
          expect(k.live()).toBe(keyFor(prefix, 'messages.live'));
          expect(k.liveShard(groupId)).toBe(keyFor(prefix, 'messages.liveShard', { groupId }));
          expect(k.sendRate(accountId)).toBe(keyFor(prefix, 'messages.sendRate', { accountId }));
          expect(k.slowRate(groupId, accountId)).toBe(
            keyFor(prefix, 'messages.slowRate', { groupId, accountId }),
          );
        },
      ),
    );
  });

  it('puts each argument in its own place', () => {
    const k = messageKeys('p:');
    expect(k.clientId('g1', 'a2', 'c3')).toBe('p:grp:{g1}:cid:a2:c3');
    expect(k.slowRate('g1', 'a2')).not.toBe(k.slowRate('a2', 'g1'));
  });
});
