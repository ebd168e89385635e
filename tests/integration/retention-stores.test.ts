import { describe, expect, it } from 'vitest';
import { createMemoryGroupStore } from '../../server/src/features/groups/groups.memory-store.js';
import { createRedisGroupStore } from '../../server/src/features/groups/groups.redis-store.js';
import type { GroupStore } from '../../server/src/features/groups/groups.store.js';
import { createMemoryMessageStore } from '../../server/src/features/messages/messages.memory-store.js';
import { createRedisMessageStore } from '../../server/src/features/messages/messages.redis-store.js';
import type { AppendInput, MessageStore } from '../../server/src/features/messages/messages.store.js';
import { createMemoryModerationStore } from '../../server/src/features/moderation/moderation.memory-store.js';
import { createRedisModerationStore } from '../../server/src/features/moderation/moderation.redis-store.js';
import type { ModerationStore, ReportRecord } from '../../server/src/features/moderation/moderation.store.js';
import { createMemoryRetentionStore } from '../../server/src/features/retention/retention.memory-store.js';
import { createRedisRetentionStore } from '../../server/src/features/retention/retention.redis-store.js';
import type { GroupRetentionStore } from '../../server/src/features/retention/retention.store.js';
import { contractBackends } from '../support/contract.js';

interface Stores {
  messages: MessageStore;
  moderation: ModerationStore;
  groups: GroupStore;
  retention: GroupRetentionStore;
}

/** The stores' retention methods: one behaviour for embedded (memory) and Redis mode. */
const backends = contractBackends<Stores>(
  () => ({
    messages: createMemoryMessageStore(1_000),
    moderation: createMemoryModerationStore(),
    groups: createMemoryGroupStore(),
    retention: createMemoryRetentionStore(),
  }),
  (redis, prefix, subscriber) => ({
    messages: createRedisMessageStore(redis, subscriber, prefix, 1_000),
    moderation: createRedisModerationStore(redis, prefix),
    groups: createRedisGroupStore(redis, prefix),
    retention: createRedisRetentionStore(redis, prefix),
  }),
);

const DAY = 86_400_000;
const T = Date.UTC(2030, 0, 1);

const message = (groupId: string, now: number, text: string): AppendInput => ({
  groupId,
  accountId: 'acct1',
  tag: 'tag1',
  name: 'CalmOtter1',
  text,
  clientId: `cid-${Math.random().toString(36).slice(2)}`,
  now,
  rateLimit: 0,
  rateWindowMs: 10_000,
  slowWindowMs: 0,
  live: `{"groupId":"${groupId}","kind":"text"}`,
});
const report = (id: string, extra: Partial<ReportRecord> = {}): ReportRecord => ({
  id,
  groupId: 'g',
  seq: 1,
  reason: 'harassment',
  note: '',
  reporterId: 'reporter',
  urgent: false,
  status: 'received',
  createdAt: T - 400 * DAY,
  ...extra,
});

describe.each(backends)('retention store contract: %s', (_name, make) => {
  it('trimBefore: removes exactly the oldest messages before the cutoff, with their reactions, in batches', async () => {
    const { messages } = make();
    const ages = [10, 9, 8, 3, 1];
    for (const [i, age] of ages.entries()) await messages.append(message('g', T - age * DAY, `m${i + 1}`));
    for (const seq of [1, 2, 3, 4, 5]) await messages.setReaction('g', seq, 'heart', 'reactor', true);

    // Nothing older than 30 days: nothing goes.
    expect(await messages.trimBefore('g', T - 30 * DAY, 100)).toBe(0);
    // A batch limit of 2 takes the two oldest; the next call the third; then nothing is left to take.
    expect(await messages.trimBefore('g', T - 7 * DAY, 2)).toBe(2);
    expect(await messages.trimBefore('g', T - 7 * DAY, 2)).toBe(1);
    expect(await messages.trimBefore('g', T - 7 * DAY, 2)).toBe(0);

    const page = await messages.range('g', { limit: 50 });
    expect(page.messages.map((m) => [m.seq, m.text])).toEqual([
      [4, 'm4'],
      [5, 'm5'],
    ]);
    expect(await messages.get('g', 2)).toBeNull();
    // A client that had seq 1 and catches up is told of the gap.
    expect((await messages.range('g', { after: 1, limit: 50 })).gap).toEqual({ from: 2, to: 3 });
    // Reactions of trimmed messages are gone; a new reaction on one finds no message.
    const summaries = await messages.reactions('g', [1, 2, 3, 4], 'reactor');
    expect(summaries.map((s) => s.counts.heart ?? 0)).toEqual([0, 0, 0, 1]);
    expect(await messages.setReaction('g', 3, 'heart', 'other', true)).toBeNull();
    // Seqs go on from where they were.
    await messages.append(message('g', T, 'm6'));
    expect(await messages.latestSeqs(['g'])).toEqual([6]);
  });

  it('trimBefore: every message older empties the history; another group is untouched', async () => {
    const { messages } = make();
    await messages.append(message('a', T - 5 * DAY, 'old'));
    await messages.append(message('a', T - 4 * DAY, 'old too'));
    await messages.append(message('b', T - 5 * DAY, 'other group'));
    expect(await messages.trimBefore('a', T, 100)).toBe(2);
    expect((await messages.range('a', { limit: 50 })).messages).toEqual([]);
    expect((await messages.range('b', { limit: 50 })).messages.map((m) => m.text)).toEqual(['other group']);
    expect(await messages.trimBefore('a', T, 100)).toBe(0);
    expect(await messages.append(message('a', T, 'new'))).toMatchObject({ status: 'stored', seq: 3 });
  });

  it('trimAudit: removes the oldest entries before the cutoff; the rest stay readable and pageable', async () => {
    const { moderation } = make();
    const ages = [800, 731, 729, 1];
    for (const age of ages) {
      await moderation.appendAudit({
        at: T - age * DAY,
        actorId: 'mod',
        actor: 'SteadyHeron1',
        action: 'mute',
        groupId: 'g',
        target: `age ${age}`,
        reason: 'r',
      });
    }
    expect(await moderation.trimAudit(T - 730 * DAY, 1)).toBe(1);
    expect(await moderation.trimAudit(T - 730 * DAY, 100)).toBe(1);
    expect(await moderation.trimAudit(T - 730 * DAY, 100)).toBe(0);
    const { entries } = await moderation.readAudit({ limit: 10, accept: () => true });
    expect(entries.map((e) => e.target)).toEqual(['age 1', 'age 729']);
  });

  it('purgeResolvedReports: handled reports go R days after they were handled; open ones never', async () => {
    const { moderation } = make();
    for (const id of ['old', 'older', 'recent', 'open']) await moderation.createReport(report(id), `d-${id}`);
    await moderation.saveReport(report('older', { status: 'reviewed', resolvedAt: T - 200 * DAY }));
    await moderation.saveReport(
      report('old', {
        status: 'action-taken',
        resolvedAt: T - 181 * DAY,
        conversationId: 'c',
      }),
    );
    await moderation.saveReport(report('recent', { status: 'reviewed', resolvedAt: T - 100 * DAY }));
    expect(await moderation.purgeResolvedReports(T - 180 * DAY, 1)).toBe(1);
    expect(await moderation.purgeResolvedReports(T - 180 * DAY, 100)).toBe(1);
    expect(await moderation.purgeResolvedReports(T - 180 * DAY, 100)).toBe(0);
    expect(await moderation.getReport('old')).toBeNull();
    expect(await moderation.getReport('older')).toBeNull();
    expect((await moderation.getReport('recent'))?.status).toBe('reviewed');
    expect((await moderation.getReport('open'))?.status).toBe('received');
    expect((await moderation.reportsBy('reporter')).map((r) => r.id).sort()).toEqual(['open', 'recent']);
  });

  it('pruneMeetings: meetings that ended over a day before now go; others stay', async () => {
    const { groups } = make();
    const base = { groupId: 'g', title: 'T', durationMinutes: 60, host: 'H' };
    const now = Date.now();
    await groups.saveMeeting({ ...base, id: 'long-ago', startsAt: now - 3 * DAY });
    await groups.saveMeeting({ ...base, id: 'yesterday', startsAt: now - 2 * 3600_000 });
    await groups.saveMeeting({ ...base, id: 'soon', startsAt: now + 3600_000 });
    await groups.saveMeeting({ ...base, groupId: 'other', id: 'other-old', startsAt: now - 3 * DAY });
    expect(await groups.pruneMeetings(['g'], now)).toBe(1);
    expect(await groups.pruneMeetings(['g'], now)).toBe(0);
    expect((await groups.listMeetings(['g'])).map((m) => m.id).sort()).toEqual(['soon', 'yesterday']);
    // Pruned meetings are not announced later either (the other group's was not pruned: only 'g' was asked).
    expect((await groups.claimStartedMeetings(now)).map((m) => m.id).sort()).toEqual([
      'other-old',
      'yesterday',
    ]);
  });

  it('group days: unset by default, set, reset', async () => {
    const { retention } = make();
    expect(await retention.groupDays(['a', 'b'])).toEqual([null, null]);
    await retention.setGroupDays('a', 7);
    expect(await retention.groupDays(['a', 'b'])).toEqual([7, null]);
    await retention.setGroupDays('a', null);
    expect(await retention.groupDays(['a'])).toEqual([null]);
    expect(await retention.groupDays([])).toEqual([]);
  });
});
