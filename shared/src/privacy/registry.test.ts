import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  entriesMatching,
  fieldRegExp,
  keyFor,
  keyPrefixFor,
  patternRegExp,
  STORED,
  type StoredData,
  type StoredId,
} from './registry.js';

const ids = Object.keys(STORED) as StoredId[];
/** Each declared key with every parameter filled in with a sample value (colons where a part allows them). */
const sample = (id: StoredId) =>
  'sr:' +
  STORED[id].pattern.replace(/<([A-Za-z]+)(\*?)>/g, (_m, name: string, star: string) =>
    star ? `x:${name}` : name,
  );

describe('the registry of stored data', () => {
  it('builds the same keys the stores always used', () => {
    expect(keyFor('sr:', 'accounts.account', { accountId: 'a1' })).toBe('sr:account:a1');
    expect(keyFor('sr:', 'messages.reactions', { groupId: 'g1', seq: 7 })).toBe('sr:grp:{g1}:rx:7');
    expect(keyFor('sr:', 'messages.clientId', { groupId: 'g', accountId: 'a', clientId: 'c' })).toBe(
      'sr:grp:{g}:cid:a:c',
    );
    expect(keyFor('sr:', 'consultations.messages', { conversationId: 'c1' })).toBe('sr:convo:{c1}:msgs');
    expect(keyFor('p:', 'accounts.kdfSalt')).toBe('p:kdf-salt');
    expect(keyPrefixFor('sr:', 'platform.eventLimit', { event: 'convo:send' })).toBe(
      'sr:rate:event:convo:send',
    );
    expect(keyPrefixFor('sr:', 'platform.joinRate')).toBe('sr:rate:join');
  });

  it('matches every declared key to exactly its own pattern', () => {
    for (const id of ids.filter((i) => STORED[i].type !== 'channel'))
      expect(entriesMatching(sample(id), 'sr:'), sample(id)).toEqual([id]);
    expect(entriesMatching('sr:something:else', 'sr:')).toEqual([]);
    expect(patternRegExp('account:<accountId>', 'sr:').test('sr:account:a:sessions')).toBe(false);
    expect(fieldRegExp('m:<kind>:<accountId>').test('m:heart:a1')).toBe(true);
  });

  it('declares the fields of every hash and stream, and every entry in words', () => {
    for (const id of ids) {
      const e: StoredData = STORED[id];
      if (e.type === 'hash' || e.type === 'stream') expect(e.fields?.length, id).toBeGreaterThan(0);
      for (const words of [e.title, e.holds, e.why, e.retention.words])
        expect(words.trim().length, id).toBeGreaterThan(1);
      expect(e.seenBy, id).toContain('operators');
    }
    expect(new Set(ids.map((id) => STORED[id].title)).size).toBe(ids.length);
  });

  it('names only configuration variables the README documents', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const id of ids)
      for (const variable of (STORED[id] as StoredData).retention.config ?? [])
        expect(readme.includes(`| \`${variable}\` |`), `${id}: ${variable}`).toBe(true);
  });
});
