import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationCheckMs } from '../../server/src/config.js';
import { createMemoryModerationStore } from '../../server/src/features/moderation/moderation.memory-store.js';
import { createRedisModerationStore } from '../../server/src/features/moderation/moderation.redis-store.js';
import { moderationKeys } from '../../server/src/features/moderation/moderation.keys.js';
import {
  reportPriority,
  type ModerationStore,
  type ReportRecord,
} from '../../server/src/features/moderation/moderation.store.js';
import type { QueueItem } from '@staffroom/shared/schemas/moderation';
import { contractBackends } from '../support/contract.js';
import { createAgent, createInvite, GOOD_PASSPHRASE, passphraseSecrets } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { sleep, waitFor } from '../support/ports.js';
import { queueOf } from '../support/queue.js';
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
  for await (const b of store.awaitingAcknowledgement([queue], upTo, batch)) batches.push(b.map((r) => r.id));
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
    // Several queues in one read: queue after queue, each batch from one queue.
    const all: string[][] = [];
    for await (const b of store.awaitingAcknowledgement(['nowhere', 'g', '~convo', 'h'], Infinity, 10))
      all.push(b.map((r) => r.id));
    expect(all).toEqual([['member-urgent', 'late'], ['revealed'], ['other-group']]);
    // Every path indexed what it wrote: indexing again finds nothing missing.
    expect(await store.indexUrgent(['g', 'h', '~convo'])).toBe(0);
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
    for await (const batch of store.awaitingAcknowledgement(['g'], Infinity, 2)) {
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

  it('indexing again (the escalator does, every 10 minutes) adds the urgent items nobody acknowledged that older versions filed (per-group queues and the older single queue), and nothing else; run again, it adds nothing', async () => {
    const raw = redis.client();
    try {
      const prefix = `${redis.prefix}reindex:`;
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

      const added = await store.indexUrgent(['g', 'h', 'nowhere']);
      const expected = Array.from({ length: 700 }, (_, i) => i).filter((i) => i % 7 !== 0);
      expect(added).toBe(expected.length + 2);
      const listed = (await waiting(store, 'g')).flat();
      expect(new Set(listed)).toEqual(new Set(expected.map((i) => `u-${i}`)));
      expect(listed).toHaveLength(expected.length);
      expect((await waiting(store, 'h')).flat()).toEqual(['elsewhere', 'legacy']);
      // Their open alerts, acknowledged ones too, joined their members' indexes (alerts about one person).
      expect((await store.openAlertsAbout('g', 'p7')).map((r) => r.id)).toEqual(['u-7']);
      expect((await store.openAlertsAbout('h', 's')).map((r) => r.id)).toEqual(['legacy-acked']);
      expect(await store.indexUrgent(['g', 'h'])).toBe(0);
    } finally {
      raw.disconnect();
    }
  }, 60_000);
});

/**
 * Two nodes on one real Redis. A flood of 600 ordinary reports (60 reporters, 10 each: the report budget is 10
 * per account per 10 minutes, and this test is not about that budget, so it spreads the flood over accounts) and
 * 60 members at risk in one group, one member at risk in another: the badge counts every person, each alert
 * escalates; one acknowledged and one erased never do.
 */
describe('the badge and the escalation, behind a flood, on two nodes', () => {
  const REPORTERS = 60;
  const RISKS = [
    "I've been thinking about ending it. I don't want to be here anymore.",
    'I have a plan to kill myself tonight.',
    'Everyone would be better off without me, I just want to die.',
  ];
  /**
   * An 18 s escalation (checked every 4.5 s): time for the acknowledgement and the erasure to land first (they
   * landed 7 s after the first alert on a machine at load 18; the test checks they did before the timeout).
   */
  const ESCALATE_MINUTES = 0.3;
  const env = {
    SEND_LIMIT_PER_10S: '10000',
    JOIN_LIMIT_PER_MINUTE: '10000',
    CRISIS_ESCALATE_MINUTES: String(ESCALATE_MINUTES),
  };
  let redis: TestRedis;
  let nodes: TestNode[] = [];
  const everyone: TestMember[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env });
    nodes = [a, await startNode({ redisUrl: redis.url, prefix: redis.prefix, env })];
  });
  afterAll(async () => {
    for (const m of everyone) m.close();
    await Promise.all(nodes.map((n) => n.stop()));
    await redis.stop();
  });

  /** Polls the badge at a pace the event budget allows until it shows `n`. */
  const badgeReaches = (m: TestMember, n: number, what: string) =>
    waitFor(
      async () => {
        const ack = await m.transport.request('mod:urgent', {});
        return ack.ok && ack.data.unacknowledged === n ? true : null;
      },
      { timeoutMs: 20_000, intervalMs: 300, what },
    );
  const badgeOf = async (m: TestMember) => {
    const ack = await m.transport.request('mod:urgent', {});
    if (!ack.ok) throw new Error(ack.error.code);
    return ack.data.unacknowledged;
  };

  it('when 600 ordinary reports and 60 members at risk fill one group and one member at risk writes in another, then each badge counts every person it may see, every alert escalates once, and an acknowledged alert or an erased member’s leaves the index and never escalates', async () => {
    const [a, b] = nodes as [TestNode, TestNode];
    const admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
    everyone.push(admin);
    const invite = await createInvite(admin.agent, 'member', REPORTERS + 10);
    const modInvite = await createInvite(admin.agent, 'moderator', 2);
    const escalated: string[] = [];
    admin.socket.on('mod:escalated', (e) => escalated.push(e.reportId));

    const group = async (name: string, moderator: TestMember) => {
      const res = await admin.agent.post('/api/groups', {
        name,
        topic: 'challenging-class',
        guidelines: 'Be kind.',
      });
      expect(res.status).toBe(201);
      const groupId = res.body.group.id as string;
      const joined = await moderator.transport.request('group:join', { groupId, acceptGuidelines: true });
      if (!joined.ok) throw new Error(joined.error.code);
      const appointed = await admin.transport.request('mod:moderator', {
        groupId,
        tag: joined.data.me.tag,
        on: true,
      });
      expect(appointed.ok).toBe(true);
      return groupId;
    };
    const floodMod = await TestMember.signUp(b.url, modInvite);
    const quietMod = await TestMember.signUp(a.url, modInvite);
    everyone.push(floodMod, quietMod);
    const flood = await group('Busy staffroom', floodMod);
    const quiet = await group('Quiet staffroom', quietMod);

    // Ten ordinary messages, each reported by all 60 reporters (one report per reporter and message).
    const poster = await TestMember.signUp(a.url, invite);
    everyone.push(poster);
    await poster.join(flood);
    await poster.open(flood);
    const seqs: number[] = [];
    for (let i = 0; i < 10; i++) seqs.push((await poster.send(flood, `Marking plan for week ${i + 1}.`)).seq);
    const reporters: TestMember[] = [];
    const tags = new Map<string, TestMember>();
    for (let i = 0; i < REPORTERS; i += 6) {
      const batch = await Promise.all(
        Array.from({ length: 6 }, (_, j) => TestMember.signUp(nodes[(i + j) % 2]!.url, invite)),
      );
      everyone.push(...batch);
      for (const m of batch) {
        const joined = await m.transport.request('group:join', { groupId: flood, acceptGuidelines: true });
        if (!joined.ok) throw new Error(joined.error.code);
        tags.set(joined.data.me.tag, m);
        reporters.push(m);
      }
    }
    await Promise.all(
      reporters.map(async (m, i) => {
        for (const seq of seqs) {
          const ack = await m.transport.request('report:create', {
            groupId: flood,
            seq,
            reason: i % 2 === 0 ? 'harassment' : 'spam',
            note: '',
          });
          if (!ack.ok) throw new Error(ack.error.code);
        }
      }),
    );
    const raw = redis.client();
    try {
      const k = moderationKeys(redis.prefix);
      expect(await raw.zcard(k.openReports(flood))).toBe(600);

      // Then each reporter writes something that suggests risk (60 people), and one member in the quiet group.
      const lonely = await TestMember.signUp(b.url, invite);
      everyone.push(lonely);
      await lonely.join(quiet);
      await lonely.open(quiet);
      const firstAlertAt = Date.now();
      for (const [i, m] of reporters.entries()) {
        await m.open(flood);
        await m.send(flood, RISKS[i % RISKS.length]!);
      }
      await lonely.send(quiet, RISKS[1]!);
      // The alerts, read from the queues themselves (urgent ones sort first), not from the index under test.
      const urgentOf = (groupId: string) =>
        raw.zrangebyscore(
          k.openReports(groupId),
          '-inf',
          `(${reportPriority({ urgent: false, createdAt: 0 })}`,
        );
      await waitFor(async () => ((await urgentOf(flood)).length === REPORTERS ? true : null), {
        what: 'the 60 alerts',
      });
      await waitFor(async () => ((await urgentOf(quiet)).length === 1 ? true : null), {
        what: 'the quiet alert',
      });
      const alerts = [...(await urgentOf(flood)), ...(await urgentOf(quiet))];

      // Every person, whatever else waits: coordinators see both groups, each moderator their own.
      await badgeReaches(admin, REPORTERS + 1, 'the coordinator’s badge to count 61');
      expect(await badgeOf(floodMod)).toBe(REPORTERS);
      expect(await badgeOf(quietMod)).toBe(1);
      expect(await badgeOf(poster)).toBe(0);

      // "I am on it" in each group: out of the index at once.
      const [quietItem] = await queueOf(quietMod, quiet);
      expect((await quietMod.transport.request('mod:acknowledge', { reportId: quietItem!.id })).ok).toBe(
        true,
      );
      expect(await raw.zscore(k.urgentReports(quiet), quietItem!.id)).toBeNull();
      const shown = (await queueOf(floodMod, flood)).filter((i) => i.urgent);
      const [acked, leaving] = shown as [QueueItem, QueueItem];
      expect((await floodMod.transport.request('mod:acknowledge', { reportId: acked.id })).ok).toBe(true);
      expect(await raw.zscore(k.urgentReports(flood), acked.id)).toBeNull();
      expect(await badgeOf(quietMod)).toBe(0);
      expect(await badgeOf(floodMod)).toBe(REPORTERS - 1);

      // The member one alert is about erases their account: nobody left to reach, out of the index.
      const leaver = tags.get(leaving.subject?.tag ?? '')!;
      expect(leaver).toBeDefined();
      expect(await raw.zscore(k.urgentReports(flood), leaving.id)).not.toBeNull();
      const { authSecret } = await passphraseSecrets(a.url, leaver.pseudonym, GOOD_PASSPHRASE);
      const erased = await createAgent(b.url).post('/api/account/erase', {
        pseudonym: leaver.pseudonym,
        authSecret,
      });
      expect(erased.status, JSON.stringify(erased.body)).toBe(200);
      expect(await raw.zscore(k.urgentReports(flood), leaving.id)).toBeNull();
      expect(await badgeOf(floodMod)).toBe(REPORTERS - 2);
      expect(await badgeOf(admin)).toBe(REPORTERS - 2);
      // Both landed before any alert was overdue, so neither could have escalated before it.
      expect(Date.now() - firstAlertAt, 'acknowledged and erased within the escalation timeout').toBeLessThan(
        ESCALATE_MINUTES * 60_000,
      );

      // Every other alert escalates, once each, to the coordinator; the acknowledged and the erased never.
      const expected = alerts.filter((id) => ![quietItem!.id, acked.id, leaving.id].includes(id)).sort();
      expect(expected).toHaveLength(REPORTERS - 2);
      await waitFor(() => (new Set(escalated).size >= expected.length ? true : null), {
        timeoutMs: 120_000,
        intervalMs: 500,
        what: 'every alert escalated',
      });
      // Another escalator tick on each node: nothing new, nothing twice.
      await sleep(escalationCheckMs(ESCALATE_MINUTES) + 1_000);
      expect([...escalated].sort()).toEqual(expected);
    } finally {
      raw.disconnect();
    }
  }, 300_000);
});
