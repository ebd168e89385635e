import { describe, expect, it } from 'vitest';
import { groupIdOf, liveMessage } from './messages.store.js';

const wire = (live: object, seq = 12, ts = 1_733_000_000_000) =>
  Buffer.from(liveMessage(JSON.stringify(live), seq, ts));

describe('groupIdOf', () => {
  it('when a message is published as the append writes it, then its group is read from its bytes', () => {
    const live = {
      groupId: 'g-5f1c',
      kind: 'text',
      author: { tag: 't', name: 'n' },
      text: 'hi',
      clientId: 'c',
    };
    expect(groupIdOf(wire(live))).toBe('g-5f1c');
    expect(groupIdOf(wire({ groupId: 'g2', kind: 'meeting', author: null, text: 'x' }, 1, 2))).toBe('g2');
  });

  it('when the group id is escaped or not ASCII, then JSON decides', () => {
    expect(groupIdOf(wire({ groupId: 'a"b', kind: 'text' }))).toBe('a"b');
    expect(groupIdOf(wire({ groupId: 'gé', kind: 'text' }))).toBe('gé');
  });

  it('when groupId is not the first key, then it is still found by parsing, never in a text', () => {
    expect(groupIdOf(wire({ kind: 'text', text: '"groupId":"evil"', groupId: 'real' }))).toBe('real');
    expect(groupIdOf(Buffer.from('{"text":"\\"groupId\\":\\"evil\\"","groupId":"real"}'))).toBe('real');
  });

  it('when the publication is not a message of ours, then there is no group', () => {
    expect(groupIdOf(Buffer.from('not json'))).toBeNull();
    expect(groupIdOf(Buffer.from('null'))).toBeNull();
    expect(groupIdOf(Buffer.from('{"seq":1,"ts":2,"groupId":5}'))).toBeNull();
    expect(groupIdOf(Buffer.from('{"seq":1}'))).toBeNull();
  });
});
