import { describe, expect, it } from 'vitest';
import {
  createMemoryGroupStore,
  createMemoryPresenceStore,
} from '../../server/src/features/groups/groups.memory-store.js';
import {
  createRedisGroupStore,
  createRedisPresenceStore,
} from '../../server/src/features/groups/groups.redis-store.js';
import type {
  GroupRecord,
  GroupStore,
  PresenceStore,
} from '../../server/src/features/groups/groups.store.js';
import { createMemoryMessageStore } from '../../server/src/features/messages/messages.memory-store.js';
import { createRedisMessageStore } from '../../server/src/features/messages/messages.redis-store.js';
import type { AppendInput, MessageStore } from '../../server/src/features/messages/messages.store.js';
import { contractBackends } from '../support/contract.js';

interface Stores {
  groups: GroupStore;
  presence: PresenceStore;
  messages: MessageStore;
}
const MAX_LEN = 20;

/** One behaviour, two implementations: embedded mode (memory) must never drift from Redis mode. */
const backends = contractBackends<Stores>(
  () => ({
    groups: createMemoryGroupStore(),
    presence: createMemoryPresenceStore(),
    messages: createMemoryMessageStore(MAX_LEN),
  }),
  (redis, prefix, subscriber) => ({
    groups: createRedisGroupStore(redis, prefix),
    presence: createRedisPresenceStore(redis, prefix),
    messages: createRedisMessageStore(redis, subscriber, prefix, MAX_LEN),
  }),
);

const group = (id: string, extra: Partial<GroupRecord> = {}): GroupRecord => ({
  id,
  name: `Group ${id}`,
  topic: 'general',
  description: '',
  guidelines: 'Be kind.',
  guidelinesVersion: 1,
  visibility: 'listed',
  joinCode: `code-${id}`,
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});
const input = (extra: Partial<AppendInput> = {}): AppendInput => ({
  groupId: 'g1',
  accountId: 'acct1',
  tag: 'tag1',
  name: 'CalmOtter1',
  text: 'hello',
  clientId: `cid-${Math.random().toString(36).slice(2)}`,
  now: 1_000,
  rateLimit: 0,
  rateWindowMs: 10_000,
  slowWindowMs: 0,
  live: '{"groupId":"g1","kind":"text"}',
  ...extra,
});

describe.each(backends)('store contract: %s', (backend, make) => {
  it('groups: save, get, list, find by join code, and a changed code stops working', async () => {
    const { groups } = make();
    await groups.saveGroup(group('a'));
    await groups.saveGroup(group('b', { visibility: 'invite-only' }));
    expect((await groups.getGroup('a'))?.name).toBe('Group a');
    expect((await groups.listGroups()).map((g) => g.id).sort()).toEqual(['a', 'b']);
    expect((await groups.findGroupByJoinCode('code-b'))?.id).toBe('b');
    await groups.saveGroup(group('b', { joinCode: 'fresh' }));
    expect(await groups.findGroupByJoinCode('code-b')).toBeNull();
    expect((await groups.findGroupByJoinCode('fresh'))?.id).toBe('b');
    expect(await groups.getGroup('nope')).toBeNull();
  });

  it('memberships: add once, alias unique in the group, remove frees the alias, counts and account index', async () => {
    const { groups } = make();
    const m = {
      groupId: 'g',
      accountId: 'x',
      tag: 't1',
      name: 'Lantern',
      aliasSkeleton: 'lantern',
      joinedAt: 1,
    };
    expect(await groups.addMember(m)).toBe('added');
    expect(await groups.addMember(m)).toBe('already-member');
    expect(await groups.addMember({ ...m, accountId: 'y', tag: 't2' })).toBe('alias-taken');
    expect(
      await groups.addMember({ ...m, accountId: 'z', tag: 't3', name: 'Other', aliasSkeleton: null }),
    ).toBe('added');
    expect(await groups.memberCounts(['g', 'empty'])).toEqual([2, 0]);
    expect(await groups.accountGroupIds('x')).toEqual(['g']);
    expect((await groups.removeMember('g', 'x'))?.tag).toBe('t1');
    expect(await groups.removeMember('g', 'x')).toBeNull();
    expect(await groups.addMember({ ...m, accountId: 'y', tag: 't2' })).toBe('added');
    expect(await groups.accountGroupIds('x')).toEqual([]);
  });

  it('read marks move forward only; guidelines versions are kept', async () => {
    const { groups } = make();
    await groups.markRead('x', 'g', 5);
    await groups.markRead('x', 'g', 3);
    expect(await groups.readMarks('x', ['g', 'h'])).toEqual([5, 0]);
    expect(await groups.acceptedVersion('x', 'g')).toBe(0);
    await groups.acceptGuidelines('x', 'g', 2);
    expect(await groups.acceptedVersion('x', 'g')).toBe(2);
  });

  it('meetings: list, remove, and each started meeting is claimed exactly once', async () => {
    const { groups } = make();
    const base = { groupId: 'g', title: 'T', durationMinutes: 30, host: 'H' };
    const t0 = Date.now() + 3_600_000;
    await groups.saveMeeting({ ...base, id: 'm1', startsAt: t0 + 100 });
    await groups.saveMeeting({ ...base, id: 'm2', startsAt: t0 + 200 });
    await groups.saveMeeting({ ...base, id: 'm3', startsAt: t0 + 300 });
    // Retention: a meeting that ended more than a day ago is deleted, not listed.
    await groups.saveMeeting({ ...base, id: 'old', startsAt: Date.now() - 3 * 24 * 3_600_000 });
    expect((await groups.listMeetings(['g'])).map((m) => m.id).sort()).toEqual(['m1', 'm2', 'm3']);
    expect(await groups.removeMeeting('g', 'old')).toBe(false);
    expect(await groups.removeMeeting('g', 'm3')).toBe(true);
    expect(await groups.removeMeeting('g', 'm3')).toBe(false);
    const [first, second] = await Promise.all([
      groups.claimStartedMeetings(t0 + 250),
      groups.claimStartedMeetings(t0 + 250),
    ]);
    expect([...first!, ...second!].map((m) => m.id).sort()).toEqual(['m1', 'm2']);
    expect(await groups.claimStartedMeetings(t0 + 10_000)).toEqual([]);
  });

  it('presence: entries per node, distinct by tag, expire by time, drop removes only that node', async () => {
    const { presence } = make();
    const a = { tag: 'ta', name: 'A' };
    await presence.beat([{ groupId: 'g', member: a }], 'n1', 1_000, 4_000);
    await presence.beat([{ groupId: 'g', member: a }], 'n2', 1_000, 8_000);
    await presence.beat([{ groupId: 'g', member: { tag: 'tb', name: 'B' } }], 'n1', 1_000, 4_000);
    expect((await presence.list(['g'], 1_000))[0]?.map((m) => m.name).sort()).toEqual(['A', 'B']);
    await presence.drop('g', a, 'n2');
    expect((await presence.list(['g'], 1_000))[0]?.map((m) => m.name).sort()).toEqual(['A', 'B']);
    expect((await presence.list(['g'], 6_000))[0]).toEqual([]);
    // A later beat sweeps what expired before it, and keeps what it renews.
    await presence.beat([{ groupId: 'g', member: a }], 'n1', 7_000, 4_000);
    expect((await presence.list(['g'], 7_000))[0]).toEqual([a]);
  });

  it('messages: seqs 1, 2, 3…; a repeated client id answers the first result; rate limit applies', async () => {
    const { messages } = make();
    const first = await messages.append(input({ clientId: 'same-client-id' }));
    expect(first).toEqual({ status: 'stored', seq: 1, ts: 1_000 });
    expect(await messages.append(input({ clientId: 'same-client-id', text: 'changed', now: 2_000 }))).toEqual(
      {
        status: 'duplicate',
        seq: 1,
        ts: 1_000,
      },
    );
    expect((await messages.append(input())).status).toBe('stored');
    const limited = input({ accountId: 'fast', rateLimit: 2 });
    expect((await messages.append({ ...limited, clientId: 'r1-aaaaaa' })).status).toBe('stored');
    expect((await messages.append({ ...limited, clientId: 'r2-aaaaaa' })).status).toBe('stored');
    const third = await messages.append({ ...limited, clientId: 'r3-aaaaaa' });
    expect(third.status).toBe('rate-limited');
    expect(third.status === 'rate-limited' && third.retryAfterMs).toBeGreaterThan(0);
    expect(await messages.latestSeqs(['g1', 'none'])).toEqual([4, 0]);
    const seq = await messages.appendSystem('g1', 'meeting', 'starting', 3_000, '{"kind":"meeting"}');
    expect(seq).toBe(5);
    const page = await messages.range('g1', { limit: 10 });
    expect(page.messages.map((m) => [m.seq, m.kind, m.accountId])).toEqual([
      [1, 'text', 'acct1'],
      [2, 'text', 'acct1'],
      [3, 'text', 'fast'],
      [4, 'text', 'fast'],
      [5, 'meeting', ''],
    ]);
    expect(page.messages[0]).toMatchObject({
      text: 'hello',
      tag: 'tag1',
      name: 'CalmOtter1',
      clientId: 'same-client-id',
    });
  });

  it('messages: each stored message is published once, with its seq and ts, in order; refusals are not', async () => {
    const { messages } = make();
    const received: unknown[] = [];
    await messages.subscribe((m) => received.push(JSON.parse(m.toString())));
    await messages.follow('g1');
    const body = (text: string) => JSON.stringify({ groupId: 'g1', kind: 'text', text });
    await messages.append(input({ clientId: 'live-1', live: body('one'), now: 1_000 }));
    await messages.append(input({ clientId: 'live-1', live: body('again'), now: 1_500 })); // duplicate
    await messages.append(
      input({ clientId: 'live-2', live: body('two'), now: 2_000, accountId: 'slow', slowWindowMs: 60_000 }),
    );
    await messages.append(
      input({ clientId: 'live-3', live: body('three'), accountId: 'slow', slowWindowMs: 60_000 }),
    ); // slow mode
    await messages.appendSystem(
      'g1',
      'meeting',
      'starting',
      3_000,
      JSON.stringify({ groupId: 'g1', kind: 'meeting' }),
    );
    await expect.poll(() => received.length).toBe(3);
    // Give a wrongly published refusal time to arrive before checking nothing else came.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([
      { seq: 1, ts: 1_000, groupId: 'g1', kind: 'text', text: 'one' },
      { seq: 2, ts: 2_000, groupId: 'g1', kind: 'text', text: 'two' },
      { seq: 3, ts: 3_000, groupId: 'g1', kind: 'meeting' },
    ]);
  });

  it('messages: a followed group is delivered until it is unfollowed; on a cluster only followed groups reach the node', async () => {
    const { messages } = make();
    const received: { groupId: string; text: string }[] = [];
    await messages.subscribe((m) =>
      received.push(JSON.parse(m.toString()) as { groupId: string; text: string }),
    );
    await messages.follow('g1');
    await messages.follow('g1'); // idempotent
    const send = (groupId: string, text: string) =>
      messages.append(
        input({ groupId, clientId: `${groupId}-${text}`, live: JSON.stringify({ groupId, text }) }),
      );
    await send('g1', 'one');
    await send('g2', 'other group');
    await expect.poll(() => received.some((m) => m.text === 'one')).toBe(true);
    messages.unfollow('g1');
    await send('g1', 'after unfollow');
    await messages.follow('g3');
    await send('g3', 'three');
    await expect.poll(() => received.some((m) => m.text === 'three')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (backend === 'redis-cluster') {
      // The node subscribed to g1 and then g3 only: nothing of g2, nothing of g1 once unfollowed.
      expect(received.map((m) => m.text)).toEqual(['one', 'three']);
    } else {
      // One Redis and memory deliver every group to every node (one channel).
      expect(received.map((m) => m.text)).toEqual(['one', 'other group', 'after unfollow', 'three']);
    }
  });

  it('messages: pages before and after, with more, and a trimmed range reported as a gap', async () => {
    const { messages } = make();
    const N = 250;
    for (let i = 1; i <= N; i++) await messages.append(input({ text: `m${i}` }));
    const latest = await messages.range('g1', { limit: 5 });
    expect(latest.messages.map((m) => m.seq)).toEqual([246, 247, 248, 249, 250]);
    expect(latest.more).toBe(true);
    const older = await messages.range('g1', { before: 246, limit: 3 });
    expect(older.messages.map((m) => m.seq)).toEqual([243, 244, 245]);
    const after = await messages.range('g1', { after: 247, limit: 5 });
    expect(after).toMatchObject({ more: false, gap: null });
    expect(after.messages.map((m) => m.seq)).toEqual([248, 249, 250]);
    expect(await messages.range('g1', { after: N, limit: 5 })).toEqual({
      messages: [],
      more: false,
      gap: null,
    });
    // MAX_LEN is 20: memory trims exactly, Redis approximately (whole stream nodes), so at least 20 are kept.
    const fromStart = await messages.range('g1', { after: 0, limit: 5 });
    const first = fromStart.messages[0]!.seq;
    expect(fromStart.gap).toEqual({ from: 1, to: first - 1 });
    expect(first).toBeGreaterThan(1);
    expect(first).toBeLessThanOrEqual(N - MAX_LEN + 1);
  });

  it('messages: removedAmong lists the removed seqs of a span with who removed them, nothing outside it (red team, 2026-12-07)', async () => {
    const { messages } = make();
    for (let i = 1; i <= 8; i++) await messages.append(input({ text: `m${i}` }));
    expect(await messages.removedAmong('g1', 1, 8)).toEqual([]);
    expect((await messages.remove('g1', 3, 'moderator')).status).toBe('removed');
    expect((await messages.remove('g1', 6, 'author')).status).toBe('removed');
    expect(await messages.removedAmong('g1', 1, 8)).toEqual([
      { seq: 3, by: 'moderator' },
      { seq: 6, by: 'author' },
    ]);
    expect(await messages.removedAmong('g1', 4, 8)).toEqual([{ seq: 6, by: 'author' }]);
    expect(await messages.removedAmong('g1', 7, 20)).toEqual([]);
    expect(await messages.removedAmong('g1', 5, 4)).toEqual([]);
    expect(await messages.removedAmong('other', 1, 8)).toEqual([]);
  });

  it('reactions: one of each kind per account, counts, mine, and none on a missing message', async () => {
    const { messages } = make();
    await messages.append(input());
    expect(await messages.setReaction('g1', 1, 'heart', 'a', true)).toBe(1);
    expect(await messages.setReaction('g1', 1, 'heart', 'a', true)).toBe(1);
    expect(await messages.setReaction('g1', 1, 'heart', 'b', true)).toBe(2);
    expect(await messages.setReaction('g1', 1, 'idea', 'b', true)).toBe(1);
    expect(await messages.setReaction('g1', 1, 'heart', 'a', false)).toBe(1);
    expect(await messages.setReaction('g1', 1, 'heart', 'a', false)).toBe(1);
    expect(await messages.setReaction('g1', 9, 'heart', 'a', true)).toBeNull();
    expect(await messages.reactions('g1', [1], 'b')).toEqual([
      { counts: { heart: 1, idea: 1 }, mine: ['heart', 'idea'] },
    ]);
  });

  it('messages: a crisis-flagged append is marked pending in the same step; a duplicate or a refusal marks nothing more; clear forgets it', async () => {
    const { messages } = make();
    expect(await messages.append(input())).toMatchObject({ status: 'stored', seq: 1 });
    expect(await messages.append(input({ crisis: true, clientId: 'crisis-a' }))).toMatchObject({ seq: 2 });
    expect(await messages.append(input({ crisis: true, clientId: 'crisis-a' }))).toMatchObject({
      status: 'duplicate',
      seq: 2,
    });
    const limited = input({ crisis: true, accountId: 'fast', rateLimit: 1, clientId: 'crisis-b' });
    expect((await messages.append(limited)).status).toBe('stored');
    expect((await messages.append({ ...limited, clientId: 'crisis-c' })).status).toBe('rate-limited');
    expect(await messages.pendingCrisis('g1')).toEqual([2, 3]);
    expect(await messages.pendingCrisis('other')).toEqual([]);
    await messages.clearCrisis('g1', 2);
    await messages.clearCrisis('g1', 2);
    expect(await messages.pendingCrisis('g1')).toEqual([3]);
  });
});
