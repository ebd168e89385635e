import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConsultationStore } from '../../server/src/features/consultations/consultations.redis-store.js';
import type { ConversationRecord } from '../../server/src/features/consultations/consultations.store.js';
import { createRedisGroupStore } from '../../server/src/features/groups/groups.redis-store.js';
import { messageKeys } from '../../server/src/features/messages/messages.keys.js';
import { createRedisMessageStore } from '../../server/src/features/messages/messages.redis-store.js';
import type { AppendInput } from '../../server/src/features/messages/messages.store.js';
import { moderationKeys } from '../../server/src/features/moderation/moderation.keys.js';
import { createRedisModerationStore } from '../../server/src/features/moderation/moderation.redis-store.js';
import type { ReportRecord } from '../../server/src/features/moderation/moderation.store.js';
import { createRedisRetentionStore } from '../../server/src/features/retention/retention.redis-store.js';
import { retentionKeys } from '../../server/src/features/retention/retention.keys.js';
import { createRetentionService } from '../../server/src/features/retention/retention.service.js';
import { retentionSteps } from '../../server/src/features/retention/retention.steps.js';
import { createRedisSweepLock } from '../../server/src/features/retention/sweep-lock.js';
import {
  createSweeper,
  drain,
  type SweepStep,
  type RetentionClass,
} from '../../server/src/features/retention/sweeper.js';
import { createLogger } from '../../server/src/platform/log.js';
import { createMetrics } from '../../server/src/platform/metrics.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { sleep, waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';

const DAY = 86_400_000;
/** The fake "now" of the in-process sweeps: far from the real clock, so nothing real can pass for it. */
const T = Date.UTC(2031, 5, 1);
const log = createLogger('silent');
const notUsed = () => Promise.reject(new Error('not used by the sweep'));

let redis: TestRedis;
const connections: Redis[] = [];
const connection = () => {
  const c = redis.client();
  connections.push(c);
  return c;
};

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit()));
  await redis.stop();
});

/** Every key under a prefix that matches a pattern. */
async function keys(pattern: string): Promise<string[]> {
  const raw = connection();
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await raw.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found.sort();
}

/**
 * A node as the sweep sees it, in this process: its own Redis connections and stores over the shared prefix,
 * its own metrics, the deployment's windows, and a fake clock.
 */
function sweepNode(prefix: string, clock: () => number, wrap: (s: SweepStep) => SweepStep = (s) => s) {
  const conn = connection();
  const stores = {
    messages: createRedisMessageStore(conn, connection(), prefix, 10_000),
    moderation: createRedisModerationStore(conn, prefix),
    consultations: createRedisConsultationStore(conn, prefix),
    groups: createRedisGroupStore(conn, prefix),
    retention: createRedisRetentionStore(conn, prefix),
  };
  const service = createRetentionService({
    store: stores.retention,
    maxDays: 30,
    isMember: notUsed,
    moderatedGroupIds: notUsed,
    isModeratorOf: notUsed,
    groupExists: notUsed,
    audit: notUsed,
  });
  const metrics = createMetrics();
  const steps = retentionSteps(
    {
      groupIds: async () => (await stores.groups.listGroups()).map((g) => g.id),
      trimMessages: stores.messages.trimBefore,
      purgeConsultations: (at) =>
        drain(
          (limit) => stores.consultations.purgeFinished(at - 365 * DAY, limit),
          async () => true,
        ),
      purgeResolvedReports: stores.moderation.purgeResolvedReports,
      trimAudit: stores.moderation.trimAudit,
      purgeExpiredSanctions: async (at) =>
        stores.moderation.purgeExpiredSanctions(
          (await stores.groups.listGroups()).map((g) => g.id),
          at,
        ),
      pruneMeetings: async (at) =>
        stores.groups.pruneMeetings(
          (await stores.groups.listGroups()).map((g) => g.id),
          at,
        ),
    },
    service,
    { reportDays: 180, auditDays: 730 },
  ).map(wrap);
  const sweeper = createSweeper({
    lock: createRedisSweepLock(conn, retentionKeys(prefix).sweepLock(), 10_000),
    clock,
    steps,
    metrics,
    log,
  });
  const removedMetric = async () => {
    const values = (await metrics.retentionRemoved.get()).values;
    return Object.fromEntries(values.map((v) => [v.labels.class, v.value]));
  };
  const sweepsMetric = async () => {
    const values = (await metrics.retentionSweeps.get()).values;
    return Object.fromEntries(values.map((v) => [v.labels.outcome, v.value]));
  };
  return { stores, sweeper, removedMetric, sweepsMetric };
}

const groupRecord = (id: string) => ({
  id,
  name: `Group ${id}`,
  topic: 'general' as const,
  description: '',
  guidelines: 'Be kind.',
  guidelinesVersion: 1,
  visibility: 'listed' as const,
  joinCode: `code-${id}`,
  createdAt: 1,
  updatedAt: 1,
});
const message = (groupId: string, at: number, text: string): AppendInput => ({
  groupId,
  accountId: 'author',
  tag: 'tag1',
  name: 'CalmOtter1',
  text,
  clientId: `cid-${Math.random().toString(36).slice(2)}`,
  now: at,
  rateLimit: 0,
  rateWindowMs: 10_000,
  slowWindowMs: 0,
  live: `{"groupId":"${groupId}","kind":"text","author":null,"text":""}`,
});
const report = (id: string, extra: Partial<ReportRecord> = {}): ReportRecord => ({
  id,
  groupId: 'short',
  seq: 1,
  reason: 'harassment',
  note: '',
  reporterId: 'reporter',
  urgent: false,
  status: 'received',
  createdAt: T - 400 * DAY,
  ...extra,
});
const conversation = (id: string, closedDaysAgo: number | null): ConversationRecord => ({
  id,
  teacherId: `teacher-${id}`,
  consultantId: 'consultant',
  teacherName: 'QuietOwl1',
  consultantName: 'Mentor',
  createdAt: T - 500 * DAY,
  status: closedDaysAgo === null ? 'active' : 'closed',
  closeProposedBy: null,
  feedbackDone: false,
  blocked: false,
  ...(closedDaysAgo === null ? {} : { closedAt: T - closedDaysAgo * DAY }),
});

describe('retention sweep (fake clock, real Redis, two nodes in this process)', () => {
  it('when data of several ages is swept, then exactly what is past its window goes, reactions and text with it', async () => {
    const prefix = `${redis.prefix}sweep1:`;
    const a = sweepNode(prefix, () => T);
    const { messages, moderation, consultations, groups, retention } = a.stores;

    // Two groups: "short" chose 7 days, "default" keeps the deployment's 30.
    await groups.saveGroup(groupRecord('short'));
    await groups.saveGroup(groupRecord('default'));
    await retention.setGroupDays('short', 7);
    for (const age of [10, 8, 6, 1]) await messages.append(message('short', T - age * DAY, `short ${age}d`));
    for (const age of [40, 31, 29, 2])
      await messages.append(message('default', T - age * DAY, `default ${age}d`));
    for (const groupId of ['short', 'default']) {
      for (const seq of [1, 2, 3, 4]) await messages.setReaction(groupId, seq, 'heart', 'reactor', true);
    }
    // Audit entries at 800, 731, 700 and 1 days (kept 730).
    for (const age of [800, 731, 700, 1]) {
      await moderation.appendAudit({
        at: T - age * DAY,
        actorId: 'mod',
        actor: 'SteadyHeron1',
        action: 'mute',
        groupId: 'short',
        target: `${age}d`,
        reason: 'r',
      });
    }
    // Reports (kept 180 days after handling): two handled long enough ago (one with a note), one
    // handled recently, one still open though filed 400 days ago.
    for (const id of ['h200', 'h181', 'h100', 'open']) await moderation.createReport(report(id), `d-${id}`);
    await moderation.saveReport(report('h200', { status: 'reviewed', resolvedAt: T - 200 * DAY }));
    await moderation.saveReport(
      report('h181', {
        status: 'reviewed',
        resolvedAt: T - 181 * DAY,
        conversationId: 'c-reported',
        note: 'canary note text',
      }),
    );
    await moderation.saveReport(report('h100', { status: 'action-taken', resolvedAt: T - 100 * DAY }));
    // One-to-one (kept 365 days after closing): one closed 400 days ago, one 100, one active.
    for (const [id, closed] of [
      ['c400', 400],
      ['c100', 100],
      ['active', null],
    ] as const) {
      await consultations.saveConversation(conversation(id, closed));
    }
    // Meetings (kept a day after they end): one ended days ago, one later today.
    const meeting = { groupId: 'short', title: 'Check-in', durationMinutes: 60, host: 'Host' };
    await groups.saveMeeting({ ...meeting, id: 'ended', startsAt: T - 3 * DAY });
    await groups.saveMeeting({ ...meeting, id: 'later', startsAt: T + 3_600_000 });

    // Mutes and bans (after the review, 2026-12-06): ended ones go with their names and reasons; a current
    // mute, a current ban and a permanent one stay.
    await moderation.setMute('short', 'm-ended', { until: T - DAY, reason: 'canary mute reason' });
    await moderation.setMute('short', 'm-current', { until: T + DAY, reason: 'cool off' });
    const ban = (id: string, groupId: string | null, until: number | null) => ({
      id,
      groupId,
      accountId: `acct-${id}`,
      name: `CanaryName${id}`,
      until,
      reason: 'why',
      at: T - 10 * DAY,
    });
    await moderation.saveBan(ban('bEnded', 'short', T - DAY));
    await moderation.saveBan(ban('bCurrent', 'short', T + DAY));
    await moderation.saveBan(ban('bForever', 'default', null));
    await moderation.saveBan(ban('bGlobalEnded', null, T - 1));

    const result = await a.sweeper.run();
    const expected: Record<RetentionClass, number> = {
      'group-messages': 2 + 2,
      'one-to-one': 1,
      reports: 2,
      audit: 2,
      meetings: 1,
      sanctions: 3,
    };
    expect(result).toEqual({ ran: true, now: T, removed: expected, failed: [] });
    expect(await a.removedMetric()).toEqual(expected);
    expect(await a.sweepsMetric()).toEqual({ ran: 1 });

    // Kept: exactly the rest.
    const texts = async (groupId: string) =>
      (await messages.range(groupId, { limit: 50 })).messages.map((m) => m.text);
    expect(await texts('short')).toEqual(['short 6d', 'short 1d']);
    expect(await texts('default')).toEqual(['default 29d', 'default 2d']);
    const k = messageKeys(prefix);
    for (const groupId of ['short', 'default']) {
      expect(await connection().hkeys(k.texts(groupId))).toEqual(['3', '4']);
      expect(await keys(`${prefix}grp:{${groupId}}:rx:*`)).toEqual([
        k.reactions(groupId, 3),
        k.reactions(groupId, 4),
      ]);
    }
    const audit = await moderation.readAudit({ limit: 10, accept: () => true });
    expect(audit.entries.map((e) => e.target)).toEqual(['1d', '700d']);
    const short = await moderation.groupState('short');
    expect([...short.mutes.keys()]).toEqual(['m-current']);
    expect([...short.bans.keys()]).toEqual(['acct-bCurrent']);
    expect((await moderation.groupState('default')).bans.has('acct-bForever')).toBe(true);
    expect(await moderation.globalBan('acct-bGlobalEnded')).toBeNull();
    for (const id of ['bEnded', 'bGlobalEnded']) expect(await moderation.findBan(id)).toBeNull();
    const mk = moderationKeys(prefix);
    const raw = connection();
    const held = JSON.stringify(
      await Promise.all(
        [mk.mutes('short'), mk.bans('short'), mk.globalBans(), mk.banIds()].map((key) => raw.hgetall(key)),
      ),
    );
    for (const canary of ['canary mute reason', 'CanaryNamebEnded', 'CanaryNamebGlobalEnded', 'bEnded"'])
      expect(held.includes(canary), canary).toBe(false);
    expect(await moderation.getReport('h200')).toBeNull();
    expect(await moderation.getReport('h181')).toBeNull();
    expect((await moderation.getReport('h100'))?.status).toBe('action-taken');
    expect((await moderation.getReport('open'))?.status).toBe('received');
    expect(await connection().zrange(moderationKeys(prefix).resolvedReports(), 0, -1)).toEqual(['h100']);
    expect(await consultations.getConversation('c400')).toBeNull();
    expect((await consultations.getConversation('c100'))?.status).toBe('closed');
    expect((await consultations.getConversation('active'))?.status).toBe('active');
    expect((await groups.listMeetings(['short'])).map((m) => m.id)).toEqual(['later']);
    // The note is nowhere in Redis any more.
    for (const key of await keys(`${prefix}*`)) {
      const dump = (await connection().dumpBuffer(key))?.toString('latin1') ?? '';
      expect(dump.includes('canary note text'), key).toBe(false);
    }

    // The other node sweeps the same data at the same time: nothing is left for it, nothing counted twice.
    const b = sweepNode(prefix, () => T);
    const again = await b.sweeper.run();
    expect(again).toMatchObject({ ran: true, removed: { 'group-messages': 0, reports: 0, audit: 0 } });
    expect(await b.removedMetric()).toEqual({});

    // A day and a half later on the fake clock, the "short" group's 6-day-old message passes its 7 days and the
    // "default" group's 29-day-old one its 30.
    const c = sweepNode(prefix, () => T + 1.5 * DAY);
    expect(await c.sweeper.run()).toMatchObject({ removed: { 'group-messages': 2, audit: 0 } });
    expect(await texts('short')).toEqual(['short 1d']);
    expect(await texts('default')).toEqual(['default 2d']);
  });

  it('when one node is sweeping, then the other skips the round and sweeps nothing; the lock is released after', async () => {
    const prefix = `${redis.prefix}sweep2:`;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => {};
    const holding = new Promise<void>((resolve) => (entered = resolve));
    // Node A pauses inside its first step until the test lets it go.
    const a = sweepNode(
      prefix,
      () => T,
      (step) =>
        step.dataClass === 'group-messages'
          ? {
              ...step,
              async sweep(now, stillHolding) {
                entered();
                await gate;
                return step.sweep(now, stillHolding);
              },
            }
          : step,
    );
    // Node B records every step it starts.
    const started: string[] = [];
    const b = sweepNode(
      prefix,
      () => T,
      (step) => ({
        ...step,
        sweep: (now, stillHolding) => {
          started.push(step.dataClass);
          return step.sweep(now, stillHolding);
        },
      }),
    );
    await a.stores.groups.saveGroup(groupRecord('g'));
    for (const age of [40, 35, 1]) await a.stores.messages.append(message('g', T - age * DAY, `${age}d`));

    const first = a.sweeper.run();
    await holding;
    expect(await connection().get(retentionKeys(prefix).sweepLock())).toBeTruthy();
    expect(await b.sweeper.run()).toEqual({ ran: false });
    expect(await b.sweeper.run()).toEqual({ ran: false });
    expect(started).toEqual([]);
    expect(await b.sweepsMetric()).toEqual({ busy: 2 });
    // Nothing was trimmed while A was paused, and B did not trim either.
    expect((await a.stores.messages.range('g', { limit: 10 })).messages.length).toBe(3);

    release();
    expect(await first).toMatchObject({ ran: true, removed: { 'group-messages': 2 } });
    expect(await connection().get(retentionKeys(prefix).sweepLock())).toBeNull();
    // The lock is free again: B sweeps the next round (and finds nothing left).
    expect(await b.sweeper.run()).toMatchObject({ ran: true, removed: { 'group-messages': 0 } });
    expect(started).toEqual(['group-messages', 'one-to-one', 'reports', 'audit', 'meetings', 'sanctions']);
    expect(await b.sweepsMetric()).toEqual({ busy: 2, ran: 1 });
  });

  it('when a holder’s lock expired and another node took it, then the first can neither extend nor release it', async () => {
    const key = `${redis.prefix}sweep3:retention:lock`;
    const first = createRedisSweepLock(connection(), key, 150);
    const second = createRedisSweepLock(connection(), key, 10_000);
    const old = await first.acquire();
    expect(old).toBeTruthy();
    expect(await second.acquire()).toBeNull();
    await sleep(300);
    const token = await second.acquire();
    expect(token).toBeTruthy();
    expect(await first.extend(old as string)).toBe(false);
    await first.release(old as string);
    expect(await connection().get(key)).toBe(token);
    expect(await second.extend(token as string)).toBe(true);
    await second.release(token as string);
    expect(await connection().get(key)).toBeNull();
  });
});

describe('retention on two server nodes: what members see', () => {
  let nodes: TestNode[];
  const people: TestMember[] = [];

  beforeAll(async () => {
    // The deployment keeps group messages 30 days; each node tries to sweep every 0.6 s.
    const env = {
      HISTORY_RETENTION_DAYS: '30',
      RETENTION_SWEEP_MINUTES: '0.01',
      JOIN_LIMIT_PER_MINUTE: '1000',
    };
    nodes = [
      await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
      await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
    ];
  });

  afterAll(async () => {
    for (const m of people) m.close();
    await Promise.all(nodes.map((n) => n.stop()));
  });

  async function removedOn(node: TestNode): Promise<number> {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('staffroom_retention_removed_total{class="group-messages"}'));
    return Number(line?.split(' ').at(-1) ?? 0);
  }

  it('when a moderator shortens a group’s window, then trimmed messages and their reactions leave history on every node, and members read the window', async () => {
    const admin = await TestMember.signUp(nodes[0]!.url, nodes[0]!.bootstrapInvite as string);
    people.push(admin);
    const invite = await createInvite(admin.agent, 'member', 10);
    const created = await admin.agent.post('/api/groups', {
      name: 'Kept a week',
      topic: 'workload-stress',
      guidelines: 'Be kind.',
    });
    expect(created.status).toBe(201);
    const groupId = created.body.group.id as string;
    const reader = await TestMember.signUp(nodes[0]!.url, invite);
    const other = await TestMember.signUp(nodes[1]!.url, invite);
    const outsider = await TestMember.signUp(nodes[1]!.url, invite);
    people.push(reader, other, outsider);
    for (const m of [reader, other]) {
      await m.join(groupId);
      expect((await m.transport.request('group:open', { groupId })).ok).toBe(true);
    }

    // History written 40 days ago (past the deployment's 30: the nodes trim it on their own), 10 days ago
    // (kept for now) and 3 days ago, then members write now.
    const store = createRedisMessageStore(connection(), connection(), redis.prefix, 10_000);
    await store.append(message(groupId, Date.now() - 40 * DAY, 'forty days'));
    await waitFor(async () => (await store.range(groupId, { limit: 10 })).messages.length === 0 || null, {
      timeoutMs: 10_000,
      what: 'the nodes to trim the 40-day-old message',
    });
    await store.append(message(groupId, Date.now() - 10 * DAY, 'ten days A'));
    await store.append(message(groupId, Date.now() - 10 * DAY, 'ten days B'));
    await store.append(message(groupId, Date.now() - 3 * DAY, 'three days'));
    await reader.send(groupId, 'written today');
    for (const seq of [2, 3, 4]) {
      const ack = await other.transport.request('reaction:set', { groupId, seq, kind: 'heart', on: true });
      expect(ack.ok).toBe(true);
    }
    const before = await reader.transport.request('group:open', { groupId });
    if (!before.ok) throw new Error(before.error.code);
    expect(before.data.messages.map((m) => [m.seq, m.text, m.reactions?.heart ?? 0])).toEqual([
      [2, 'ten days A', 1],
      [3, 'ten days B', 1],
      [4, 'three days', 1],
      [5, 'written today', 0],
    ]);

    // Members read the deployment's window; outsiders learn nothing; only moderators change it, within bounds.
    const info = await other.transport.request('group:retention', { groupId });
    expect(info).toEqual({ ok: true, data: { days: 30, maxDays: 30, chosen: false } });
    const hidden = await outsider.transport.request('group:retention', { groupId });
    expect(hidden.ok ? null : hidden.error.code).toBe('NOT_FOUND');
    const notMod = await other.transport.request('mod:retention', { groupId, days: 7, reason: 'shorter' });
    expect(notMod.ok ? null : notMod.error.code).toBe('FORBIDDEN');
    const tooLong = await admin.transport.request('mod:retention', { groupId, days: 45, reason: 'longer' });
    expect(tooLong.ok ? null : [tooLong.error.code, tooLong.error.field]).toEqual([
      'INVALID_PAYLOAD',
      'days',
    ]);
    const bad = await admin.transport.request('mod:retention', { groupId, days: 0, reason: 'zero' });
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_PAYLOAD');
    const removedBefore = (await removedOn(nodes[0]!)) + (await removedOn(nodes[1]!));
    expect(removedBefore).toBe(1);

    // A member with the group open on the other node hears of the change.
    const heard = new Promise((resolve) => other.socket.once('group:retention', resolve));
    const set = await admin.transport.request('mod:retention', {
      groupId,
      days: 7,
      reason: 'a week is enough',
    });
    expect(set).toEqual({ ok: true, data: { days: 7, maxDays: 30, chosen: true } });
    expect(await heard).toEqual({ groupId, days: 7, maxDays: 30, chosen: true });
    expect(await other.transport.request('group:retention', { groupId })).toEqual({
      ok: true,
      data: { days: 7, maxDays: 30, chosen: true },
    });

    // Within a sweep or two, on whichever node: the ten-day-old messages are gone for everyone.
    await waitFor(
      async () => {
        const page = await reader.transport.request('group:history', { groupId, before: 4, limit: 50 });
        return page.ok && page.data.messages.length === 0 ? page : null;
      },
      { timeoutMs: 10_000, what: 'the ten-day-old messages to be trimmed' },
    );
    for (const m of [reader, other]) {
      const opened = await m.transport.request('group:open', { groupId });
      if (!opened.ok) throw new Error(opened.error.code);
      expect(opened.data.messages.map((x) => [x.seq, x.text, x.reactions?.heart ?? 0])).toEqual([
        [4, 'three days', 1],
        [5, 'written today', 0],
      ]);
      // A client that had seq 1 and catches up is told what it can no longer have.
      const caughtUp = await m.transport.request('group:open', { groupId, since: 1 });
      if (!caughtUp.ok) throw new Error(caughtUp.error.code);
      expect(caughtUp.data.gap).toEqual({ from: 2, to: 3 });
      expect(caughtUp.data.messages.map((x) => x.seq)).toEqual([4, 5]);
    }
    // Their reactions went with them: none is left in Redis, and a new one finds no message.
    const k = messageKeys(redis.prefix);
    expect(await keys(`${k.reactions(groupId, 0).slice(0, -1)}*`)).toEqual([k.reactions(groupId, 4)]);
    const late = await other.transport.request('reaction:set', { groupId, seq: 3, kind: 'heart', on: true });
    expect(late.ok ? null : late.error.code).toBe('NOT_FOUND');
    // Both nodes swept, one at a time: three messages removed in all, none counted twice.
    await sleep(1_500);
    expect((await removedOn(nodes[0]!)) + (await removedOn(nodes[1]!))).toBe(3);
  });
});
