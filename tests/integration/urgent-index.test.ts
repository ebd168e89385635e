import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryModerationStore } from '../../server/src/features/moderation/moderation.memory-store.js';
import { createRedisModerationStore } from '../../server/src/features/moderation/moderation.redis-store.js';
import { urgentIndexBackfill } from '../../server/src/features/moderation/moderation.backfill.js';
import { moderationKeys } from '../../server/src/features/moderation/moderation.keys.js';
import {
  reportPriority,
  type ModerationStore,
  type ReportRecord,
} from '../../server/src/features/moderation/moderation.store.js';
import { contractBackends } from '../support/contract.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * Issue 11 part 4, issue 12: the urgent badge and the escalation read each queue's own index of urgent items
 * nobody acknowledged (`reports:urgent:{queue}`), never the first N of the queue, so no flood hides one.
 */
const backends = contractBackends<ModerationStore>(
  () => createMemoryModerationStore(),
  (redis, prefix) => createRedisModerationStore(redis, prefix),
);

const report = (id: string, extra: Partial<ReportRecord> = {}): ReportRecord => ({
  id,
  groupId: 'g',
  seq: 1,
  reason: 'harassment',
  note: '',
  reporterId: 'reporter',
  urgent: false,
  status: 'received',
  createdAt: 1_000,
  ...extra,
});
/** An alert the crisis guard raised about `subjectId`. */
const alert = (id: string, subjectId: string, createdAt: number, extra: Partial<ReportRecord> = {}) =>
  report(id, { reason: 'crisis', reporterId: '', urgent: true, subjectId, createdAt, ...extra });

async function waiting(store: ModerationStore, queue: string, upTo = Infinity, batch = 1_000) {
  const batches: string[][] = [];
  for await (const b of store.awaitingAcknowledgement(queue, upTo, batch)) batches.push(b.map((r) => r.id));
  return batches;
}

describe.each(backends)('urgent index, store contract: %s', (_name, make) => {
  it('lists exactly the urgent items nobody acknowledged, oldest first, behind 600 ordinary reports and 60 acknowledged urgent ones; each queue its own', async () => {
    const store = make();
    for (let i = 0; i < 600; i++)
      await store.createReport(report(`plain-${i}`, { createdAt: 10 + i, seq: i + 1 }), `p-${i}`);
    for (let i = 0; i < 60; i++) {
      await store.createReport(alert(`seen-${i}`, `seen-${i}`, 20 + i), `s-${i}`);
      const ack = await store.updateReport(`seen-${i}`, { unacknowledged: true }, (r) => ({
        ...r,
        acknowledgedAt: 5_000,
        acknowledgedBy: 'SteadyHeron1',
      }));
      expect(ack.ok).toBe(true);
    }
    await store.createReport(alert('late', 'quiet', 9_000), 'late');
    // A member's report that suggests risk is urgent too; one in another group and one revealed one-to-one.
    await store.createReport(report('member-urgent', { urgent: true, createdAt: 8_000 }), 'mu');
    await store.createReport(alert('other-group', 'someone', 50, { groupId: 'h' }), 'oh');
    await store.createReport(
      report('revealed', {
        groupId: '',
        conversationId: 'c1',
        urgent: true,
        reason: 'crisis',
        createdAt: 60,
      }),
      'rv',
    );
    // The queue's first 50 are the acknowledged alerts: reading the front never found "late".
    expect((await store.openReports(['g'], 50)).map((r) => r.id)).not.toContain('late');
    expect(await waiting(store, 'g')).toEqual([['member-urgent', 'late']]);
    expect(await waiting(store, 'h')).toEqual([['other-group']]);
    expect(await waiting(store, '~convo')).toEqual([['revealed']]);
    expect(await waiting(store, 'nowhere')).toEqual([]);
    // Only what was raised by `upTo` (the escalation asks for the overdue ones).
    expect(await waiting(store, 'g', 8_500)).toEqual([['member-urgent']]);
    expect(await waiting(store, 'g', 7_999)).toEqual([]);
  });

  it('reads in bounded batches, oldest first, a millisecond shared by more than a batch whole; nothing is skipped while items leave during the read', async () => {
    const store = make();
    // 9 alerts, 5 of them raised in one millisecond.
    const times = [100, 200, 300, 300, 300, 300, 300, 400, 500];
    for (const [i, at] of times.entries()) await store.createReport(alert(`a${i}`, `p${i}`, at), `k${i}`);
    const batches = await waiting(store, 'g', Infinity, 3);
    expect(batches.flat()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    // A batch is at most 3 but for the millisecond that holds 5.
    const at = new Map(times.map((t, i) => [`a${i}`, t]));
    for (const b of batches)
      expect(b.length <= 3 || new Set(b.map((id) => at.get(id))).size === 1).toBe(true);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    // Each item read is acknowledged at once (by another moderator, elsewhere): the rest are still all read.
    const seen: string[] = [];
    for await (const batch of store.awaitingAcknowledgement('g', Infinity, 2)) {
      for (const r of batch) {
        seen.push(r.id);
        await store.updateReport(r.id, { unacknowledged: true }, (c) => ({ ...c, acknowledgedAt: 1 }));
      }
    }
    expect(seen).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    expect(await waiting(store, 'g')).toEqual([]);
  });

  it('an item leaves when acknowledged, when handled, and when the member it is about erases their account; a reporter erasing theirs leaves a report in', async () => {
    const store = make();
    await store.createReport(alert('acked', 'p1', 1), 'k1');
    await store.createReport(alert('handled', 'p2', 2), 'k2');
    await store.createReport(alert('erased', 'leaver', 3), 'k3');
    await store.createReport(alert('erased-too', 'leaver', 4, { held: 'pending', heldText: 'words' }), 'k4');
    await store.createReport(report('reported', { urgent: true, reason: 'crisis', createdAt: 5 }), 'k5');
    await store.createReport(alert('stays', 'p3', 6), 'k6');
    expect((await waiting(store, 'g')).flat()).toEqual([
      'acked',
      'handled',
      'erased',
      'erased-too',
      'reported',
      'stays',
    ]);
    await store.updateReport('acked', { unacknowledged: true }, (r) => ({ ...r, acknowledgedAt: 9 }));
    await store.updateReport('handled', { status: 'received' }, (r) => ({
      ...r,
      status: 'reviewed',
      resolvedAt: 9,
    }));
    await store.eraseAccount('leaver', [], ['g'], 'Former member');
    await store.eraseAccount('reporter', [], ['g'], 'Former member');
    expect((await waiting(store, 'g')).flat()).toEqual(['reported', 'stays']);
    // The erased member's alerts stay open for review, with no link to them and no count.
    const erased = await store.getReport('erased');
    expect(erased).toMatchObject({ status: 'received', subjectErased: true });
    expect(erased?.subjectId).toBeUndefined();
    expect((await store.getReport('reported'))?.reporterId).toBe('');
    // Erasure again (a retry) changes nothing.
    await store.eraseAccount('leaver', [], ['g'], 'Former member');
    expect((await waiting(store, 'g')).flat()).toEqual(['reported', 'stays']);
    // Nothing already handled or acknowledged comes back by a later update.
    await store.updateReport('acked', {}, (r) => ({ ...r, note: 'seen' }));
    expect((await waiting(store, 'g')).flat()).toEqual(['reported', 'stays']);
  });
});

describe('urgent index on Redis: what a node dying half-way leaves, and reports filed before the index', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('an id whose report was acknowledged or handled without its index entry going is taken out by the next reader; an id without a report stays until no report could be written with it', async () => {
    const raw = redis.client();
    try {
      const prefix = `${redis.prefix}heal:`;
      const k = moderationKeys(prefix);
      const store = createRedisModerationStore(raw, prefix);
      await store.createReport(alert('acked', 'p1', Date.now() - 1_000), 'k1');
      await store.createReport(alert('open', 'p2', Date.now()), 'k2');
      // The report's compare-and-set happened, the index step did not (a node died in between).
      const acked = JSON.parse((await raw.get(k.report('acked'))) ?? '{}') as ReportRecord;
      await raw.set(k.report('acked'), JSON.stringify({ ...acked, acknowledgedAt: Date.now() }));
      // An index entry whose report is being written (the two steps are in different slots on a cluster).
      await raw.zadd(k.urgentReports('g'), Date.now() + 60_000, 'being-written');
      expect(await raw.zcard(k.urgentReports('g'))).toBe(3);
      expect((await waiting(store, 'g')).flat()).toEqual(['open']);
      expect(await raw.zrange(k.urgentReports('g'), 0, -1)).toEqual(['open', 'being-written']);
    } finally {
      raw.disconnect();
    }
  });

  it('the backfill indexes the urgent items nobody acknowledged that older versions filed (per-group queues and the older single queue), and nothing else; run again, it adds nothing', async () => {
    const raw = redis.client();
    try {
      const prefix = `${redis.prefix}backfill:`;
      const k = moderationKeys(prefix);
      // Written as older versions did: a report (own key or the older hash) and its queue, no urgent index.
      const old = async (r: ReportRecord, legacy = false) => {
        if (legacy) {
          await raw.hset(k.reports(), r.id, JSON.stringify(r));
          await raw.zadd(k.legacyOpenReports(), reportPriority(r), r.id);
        } else {
          await raw.set(k.report(r.id), JSON.stringify(r));
          await raw.zadd(k.openReports(r.groupId), reportPriority(r), r.id);
        }
      };
      for (let i = 0; i < 1_200; i++) await old(report(`plain-${i}`, { createdAt: 10 + i, seq: i + 1 }));
      // More than a page (500) of urgent ones in one group, many in one millisecond, some acknowledged.
      for (let i = 0; i < 700; i++)
        await old(
          alert(
            `u-${i}`,
            `p${i}`,
            100 + (i % 300 === 0 ? 0 : Math.floor(i / 2)),
            i % 7 === 0 ? { acknowledgedAt: 1 } : {},
          ),
        );
      await old(alert('elsewhere', 'q', 5, { groupId: 'h' }));
      await old(alert('legacy', 'r', 6, { groupId: 'h' }), true);
      await old(alert('legacy-acked', 's', 7, { groupId: 'h', acknowledgedAt: 8 }), true);
      const store = createRedisModerationStore(raw, prefix);
      expect(await waiting(store, 'g')).toEqual([]);

      const { added } = await urgentIndexBackfill(raw, prefix).run();
      const expected = Array.from({ length: 700 }, (_, i) => i).filter((i) => i % 7 !== 0);
      expect(added).toBe(expected.length + 2);
      const listed = (await waiting(store, 'g')).flat();
      expect(new Set(listed)).toEqual(new Set(expected.map((i) => `u-${i}`)));
      expect(listed).toHaveLength(expected.length);
      expect((await waiting(store, 'h')).flat()).toEqual(['elsewhere', 'legacy']);
      expect((await urgentIndexBackfill(raw, prefix).run()).added).toBe(0);
    } finally {
      raw.disconnect();
    }
  }, 60_000);
});
