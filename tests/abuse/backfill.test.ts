import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymSkeleton } from '@staffroom/shared/rules/pseudonym';
import { stopOrKill } from '../support/cluster.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/*
 * Backfills (issue 12): data written before shown names were reserved per group, before trimming deleted
 * reactions and before one-to-one retention existed is written straight into Redis in its old shape; then two
 * nodes start at once. Each backfill runs exactly once (a Redis lock and a done flag), fixes the old data, and
 * is harmless when run again.
 */
let redis: TestRedis;
let c: Redis;
let p: string;
const nodes: TestNode[] = [];
const everyone: TestMember[] = [];

const GROUP = 'oldGroupId0123';
const NOW = Date.now();
const membership = (accountId: string, name: string, aliasSkeleton: string | null) =>
  JSON.stringify({
    groupId: GROUP,
    accountId,
    tag: `tag-${accountId}`,
    name,
    aliasSkeleton,
    joinedAt: NOW - 9e9,
  });
const old = {
  // Joined before names were reserved: no skeleton, nothing in the group's index.
  robin: membership('acct-robin', 'Robin7q', null),
  wren: membership('acct-wren', 'Wren5q', null),
  // Joined with an alias (always indexed) …
  kestrel: membership('acct-kestrel', 'Kestrel4q', pseudonymSkeleton('Kestrel4q')),
  // … and someone who already shows a name that looks the same (capital I for l): a conflict to report.
  twin: membership('acct-twin', 'KestreI4q', null),
  closed: JSON.stringify({
    id: 'conv-closed',
    teacherId: 'acct-robin',
    consultantId: 'acct-wren',
    teacherName: 'Teacher',
    consultantName: 'Mentor',
    createdAt: NOW - 9e9,
    status: 'closed',
    closeProposedBy: 'teacher',
    feedbackDone: true,
    blocked: false,
  }),
  active: JSON.stringify({
    id: 'conv-active',
    teacherId: 'acct-wren',
    consultantId: 'acct-robin',
    teacherName: 'Teacher',
    consultantName: 'Mentor',
    createdAt: NOW - 9e9,
    status: 'active',
    closeProposedBy: null,
    feedbackDone: false,
    blocked: false,
  }),
  request: (id: string, status: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ id, teacherId: 'acct-robin', status, createdAt: NOW - 9e9, passed: [], ...extra }),
};

const migrationLines = () =>
  nodes.flatMap((n) => n.output).filter((l) => l.includes('"msg":"migration done"'));

beforeAll(async () => {
  redis = await startRedis();
  c = redis.client();
  p = redis.prefix;
  await c
    .multi()
    .sadd(`${p}groups`, GROUP)
    .hset(`${p}grp:{${GROUP}}`, {
      id: GROUP,
      name: 'A group from before',
      topic: 'challenging-class',
      description: '',
      guidelines: 'Be kind.',
      guidelinesVersion: 1,
      visibility: 'listed',
      joinCode: 'oldjoincode1',
      createdAt: NOW - 9e9,
      updatedAt: NOW - 9e9,
    })
    .set(`${p}grp-code:oldjoincode1`, GROUP)
    .hset(`${p}grp:{${GROUP}}:members`, {
      'acct-robin': old.robin,
      'acct-wren': old.wren,
      'acct-kestrel': old.kestrel,
      'acct-twin': old.twin,
    })
    .hset(`${p}grp:{${GROUP}}:aliases`, pseudonymSkeleton('Kestrel4q'), 'acct-kestrel')
    // History keeps seq 5 and 6; 2 and 3 were trimmed by a version that left their reactions behind.
    .xadd(`${p}grp:{${GROUP}}:msgs`, '5-0', 'k', 'text', 't', String(NOW))
    .xadd(`${p}grp:{${GROUP}}:msgs`, '6-0', 'k', 'text', 't', String(NOW))
    .hset(`${p}grp:{${GROUP}}:texts`, '5', 'five', '6', 'six')
    .set(`${p}grp:{${GROUP}}:seq`, 6)
    .hset(`${p}grp:{${GROUP}}:rx:2`, 'c:heart', 1, 'm:heart:acct-robin', 1)
    .hset(`${p}grp:{${GROUP}}:rx:3`, 'c:heart', 1, 'm:heart:acct-wren', 1)
    .hset(`${p}grp:{${GROUP}}:rx:5`, 'c:heart', 1, 'm:heart:acct-wren', 1)
    .hset(`${p}conversations`, 'conv-closed', old.closed, 'conv-active', old.active)
    .hset(`${p}requests`, {
      'req-matched': old.request('req-matched', 'matched', { conversationId: 'conv-closed' }),
      'req-withdrawn-new': old.request('req-withdrawn-new', 'withdrawn', { finishedAt: NOW + 86_400_000 }),
      'req-waiting': old.request('req-waiting', 'waiting'),
    })
    .zadd(`${p}requests:finished`, NOW + 86_400_000, 'req-withdrawn-new')
    .exec();

  // Two nodes start at once on the old data. The shortest one-to-one retention (about 8.6 s) lets the sweep
  // show that a backfilled conversation is now deleted like any other.
  const env = { CONSULTATION_RETENTION_DAYS: '0.0001', JOIN_LIMIT_PER_MINUTE: '1000' };
  nodes.push(...(await Promise.all([1, 2].map(() => startNode({ redisUrl: redis.url, prefix: p, env })))));
  await waitFor(async () => (await c.hlen(`${p}migrations`)) === 3, {
    timeoutMs: 30_000,
    what: 'the three backfills to be recorded done',
  });
  await waitFor(() => migrationLines().length >= 3, { what: 'the three backfills to be logged' });
});

afterAll(async () => {
  for (const m of everyone) m.close();
  await Promise.all(nodes.map((n) => stopOrKill(n)));
  await c?.quit();
  await redis?.stop();
});

describe('backfills of data written by older versions', () => {
  it('when two nodes start on old data at once, then each backfill runs exactly once', () => {
    const lines = migrationLines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.migration).sort()).toEqual([
      '2026-12-consultation-retention-clocks',
      '2026-12-group-name-skeletons',
      '2026-12-trimmed-reactions',
    ]);
    const byId = Object.fromEntries(lines.map((l) => [l.migration, l]));
    expect(byId['2026-12-group-name-skeletons']).toMatchObject({ indexed: 2, conflicts: 1 });
    expect(byId['2026-12-trimmed-reactions']).toMatchObject({ deleted: 2 });
    expect(byId['2026-12-consultation-retention-clocks']).toMatchObject({ conversations: 1, requests: 1 });
  });

  it('when old memberships are backfilled, then their shown names are reserved and nobody can join showing them', async () => {
    const aliases = await c.hgetall(`${p}grp:{${GROUP}}:aliases`);
    expect(aliases).toEqual({
      [pseudonymSkeleton('Robin7q')]: 'acct-robin',
      [pseudonymSkeleton('Wren5q')]: 'acct-wren',
      [pseudonymSkeleton('Kestrel4q')]: 'acct-kestrel',
    });
    const robin = JSON.parse((await c.hget(`${p}grp:{${GROUP}}:members`, 'acct-robin')) ?? '{}');
    // The membership records its skeleton, so leaving (or a ban) releases the name again.
    expect(robin).toMatchObject({ name: 'Robin7q', aliasSkeleton: pseudonymSkeleton('Robin7q') });
    // The member who already showed a look-alike name keeps it, unindexed: the first holder keeps the entry.
    expect(await c.hget(`${p}grp:{${GROUP}}:members`, 'acct-twin')).toBe(old.twin);

    // Through the API: a newcomer cannot show an old member's name (nor a look-alike); another name is fine.
    const a = nodes.find((n) => n.bootstrapInvite)!;
    const admin = await TestMember.signUp(a.url, a.bootstrapInvite!);
    const newcomer = await TestMember.signUp(nodes[1]!.url, await createInvite(admin.agent, 'member', 1));
    everyone.push(admin, newcomer);
    for (const alias of ['Robin7q', 'R0bin7q', 'Wren5q']) {
      const ack = await newcomer.transport.request('group:join', {
        groupId: GROUP,
        acceptGuidelines: true,
        alias,
      });
      expect(ack.ok ? 'joined' : ack.error.code, alias).toBe('PSEUDONYM_TAKEN');
    }
    const fine = await newcomer.transport.request('group:join', {
      groupId: GROUP,
      acceptGuidelines: true,
      alias: 'Heron8q',
    });
    expect(fine.ok && fine.data.me.name).toBe('Heron8q');
  });

  it('when reactions of already-trimmed messages are left, then they are deleted and a kept message keeps its own', async () => {
    expect(await c.exists(`${p}grp:{${GROUP}}:rx:2`, `${p}grp:{${GROUP}}:rx:3`)).toBe(0);
    expect(await c.hget(`${p}grp:{${GROUP}}:rx:5`, 'c:heart')).toBe('1');
  });

  it('when conversations closed and requests finished before retention existed, then they get a retention clock and the sweep deletes them', async () => {
    const closedAt = Number(await c.zscore(`${p}conversations:closed`, 'conv-closed'));
    expect(closedAt).toBeGreaterThanOrEqual(NOW);
    expect(await c.zscore(`${p}conversations:closed`, 'conv-active')).toBeNull();
    expect(Number(await c.zscore(`${p}requests:finished`, 'req-matched'))).toBeGreaterThanOrEqual(NOW);
    expect(await c.zscore(`${p}requests:finished`, 'req-waiting')).toBeNull();
    // A request that already had its clock (not due yet) is left exactly as it was.
    expect(Number(await c.zscore(`${p}requests:finished`, 'req-withdrawn-new'))).toBe(NOW + 86_400_000);
    // CONSULTATION_RETENTION_DAYS (about 8.6 s here) after the backfill, the sweep deletes them like any other.
    await waitFor(
      async () =>
        (await c.hexists(`${p}conversations`, 'conv-closed')) === 0 &&
        (await c.hexists(`${p}requests`, 'req-matched')) === 0,
      { timeoutMs: 30_000, what: 'the sweep to delete the backfilled conversation and request' },
    );
    expect(await c.hexists(`${p}conversations`, 'conv-active')).toBe(1);
    expect(await c.hexists(`${p}requests`, 'req-waiting')).toBe(1);
  });

  it('when a node starts again, then nothing runs again; when the done flags are lost, then a rerun changes nothing', async () => {
    const before = migrationLines().length;
    const again = await startNode({ redisUrl: redis.url, prefix: p });
    nodes.push(again);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Stopped before the flags go: on a loaded machine its start-up checks could otherwise run after the
    // deletion below and take a migration from the rerun.
    await again.stop();
    expect(migrationLines().length).toBe(before);

    await c.del(`${p}migrations`);
    const rerun = await startNode({ redisUrl: redis.url, prefix: p });
    nodes.push(rerun);
    await waitFor(async () => (await c.hlen(`${p}migrations`)) === 3, {
      timeoutMs: 30_000,
      what: 'the rerun to finish',
    });
    // Recorded done, then logged: the last line may still be on its way through the pipe.
    const done = () => rerun.output.filter((l) => l.includes('"msg":"migration done"'));
    await waitFor(() => done().length >= 3, { what: 'the rerun to log its three migrations' });
    const lines = done().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      for (const key of ['indexed', 'deleted', 'conversations', 'requests'])
        if (key in l) expect(l[key], `${String(l.migration)} ${key}`).toBe(0);
    }
  });
});
