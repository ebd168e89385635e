import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientEventName, ClientPayload } from '@staffroom/shared/protocol/client-events';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { sleep, waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { connect } from '../support/socket.js';

type Role = 'member' | 'consultant' | 'moderator' | 'admin';
let redis: TestRedis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
const invites = {} as Record<Role, string>;
const everyone: TestMember[] = [];

async function person(role: Role, node = 0): Promise<TestMember> {
  const m = await TestMember.signUp(nodes[node]!.url, invites[role]);
  everyone.push(m);
  return m;
}

async function createGroup(name: string): Promise<string> {
  const res = await admin.agent.post('/api/groups', {
    name,
    topic: 'challenging-class',
    guidelines: 'Be kind.',
  });
  expect(res.status).toBe(201);
  return res.body.group.id as string;
}

/** The tag a member has in a group, as moderators see it. */
async function tagOf(m: TestMember, groupId: string): Promise<string> {
  const ack = await m.transport.request('group:join', { groupId, acceptGuidelines: true });
  if (!ack.ok) throw new Error(ack.error.code);
  return ack.data.me.tag;
}

async function appoint(m: TestMember, groupId: string): Promise<void> {
  const ack = await admin.transport.request('mod:moderator', {
    groupId,
    tag: await tagOf(m, groupId),
    on: true,
  });
  expect(ack.ok).toBe(true);
}

beforeAll(async () => {
  redis = await startRedis();
  const env = {
    SEND_LIMIT_PER_10S: '10000',
    JOIN_LIMIT_PER_MINUTE: '10000',
    SCHOOL_NAMES: 'Maple Grove Elementary',
  };
  const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env });
  nodes = [a, await startNode({ redisUrl: redis.url, prefix: redis.prefix, env })];
  admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
  everyone.push(admin);
  for (const role of ['member', 'consultant', 'moderator', 'admin'] as const) {
    invites[role] = await createInvite(admin.agent, role, 500);
  }
});

afterAll(async () => {
  for (const m of everyone) m.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis.stop();
});

describe('authorization matrix', () => {
  it('when each role tries each moderation event, then only this group’s moderators succeed, coordinators only in what needs no content (settings, appointing, bans from Staffroom); others get a typed 403', async () => {
    const roles = [
      'member',
      'consultant',
      'moderator of another group',
      'moderator of this group',
      'admin',
    ] as const;
    type Case = {
      event: ClientEventName;
      /** Who may: the group's moderators (the default), coordinators only, or both. */
      by?: 'admin' | 'both';
      payload: (g: string, tag: string, seq: number) => unknown;
    };
    const cases: Case[] = [
      { event: 'message:remove', payload: (groupId, _t, seq) => ({ groupId, seq, reason: 'not kind' }) },
      // Coordinators get the settings and bans from Staffroom, never the members (checked below).
      { event: 'mod:members', by: 'both', payload: (groupId) => ({ groupId }) },
      { event: 'mod:mute', payload: (groupId, tag) => ({ groupId, tag, minutes: 10, reason: 'cool off' }) },
      { event: 'mod:unmute', payload: (groupId, tag) => ({ groupId, tag }) },
      {
        event: 'mod:settings',
        by: 'both',
        payload: (groupId) => ({ groupId, slowSeconds: 5, reason: 'busy evening' }),
      },
      { event: 'mod:kick', payload: (groupId, tag) => ({ groupId, tag, reason: 'off topic' }) },
      { event: 'mod:ban', payload: (groupId, tag) => ({ groupId, tag, minutes: 60, reason: 'harassment' }) },
      { event: 'mod:moderator', by: 'admin', payload: (groupId, tag) => ({ groupId, tag, on: true }) },
      {
        event: 'mod:ban',
        by: 'admin',
        payload: (groupId, tag) => ({ groupId, tag, minutes: 5, reason: 'abuse', global: true }),
      },
    ];
    const otherGroup = await createGroup('Elsewhere');
    const actors: Record<(typeof roles)[number], TestMember> = {
      member: await person('member'),
      consultant: await person('consultant', 1),
      'moderator of another group': await person('moderator'),
      'moderator of this group': await person('moderator', 1),
      admin,
    };
    await appoint(actors['moderator of another group'], otherGroup);
    const table: Record<string, Record<string, string>> = {};
    for (const c of cases) {
      const label = `${c.event}${c.by === 'admin' && c.event === 'mod:ban' ? ' (global)' : ''}`;
      table[label] = {};
      for (const role of roles) {
        // A fresh group, target member and message per cell: destructive actions cannot affect other cells.
        const groupId = await createGroup(`Matrix ${label} ${role}`);
        const target = await person('member', 1);
        const tag = await tagOf(target, groupId);
        await target.open(groupId);
        const { seq } = await target.send(groupId, 'a message to act on');
        const actor = actors[role];
        // Coordinators never join a group.
        if (role !== 'admin') await tagOf(actor, groupId);
        if (role === 'moderator of this group') await appoint(actor, groupId);
        const ack = await actor.transport.request(
          c.event,
          c.payload(groupId, tag, seq) as ClientPayload<typeof c.event>,
        );
        const allowed =
          role === 'admin' ? c.by !== undefined : role === 'moderator of this group' && c.by !== 'admin';
        table[label]![role] = ack.ok ? 'allowed' : `${ack.error.code}`;
        expect(ack.ok, `${label} by ${role}`).toBe(allowed);
        if (!ack.ok) expect(ack.error.code, `${label} by ${role}`).toBe('FORBIDDEN');
      }
    }
    // Reading a group's audit log belongs to its moderators and coordinators; resolving a report in it (reading
    // what was reported) to its moderators only.
    const auditGroup = await createGroup('Audit matrix');
    await appoint(actors['moderator of this group'], auditGroup);
    const author = await person('member');
    await tagOf(author, auditGroup);
    await author.open(auditGroup);
    table['mod:audit'] = {};
    table['mod:resolve'] = {};
    for (const role of roles) {
      const allowed = role === 'admin' || role === 'moderator of this group';
      const resolves = role === 'moderator of this group';
      const { seq } = await author.send(auditGroup, `reported words for ${role}`);
      const reported = await author.transport.request('report:create', {
        groupId: auditGroup,
        seq,
        reason: 'spam',
        note: '',
      });
      const reportId = reported.ok ? reported.data.id : '';
      const auditAck = await actors[role].transport.request('mod:audit', { groupId: auditGroup, limit: 5 });
      const resolveAck = await actors[role].transport.request('mod:resolve', {
        reportId,
        action: 'dismiss',
        reason: 'not spam',
      });
      table['mod:audit']![role] = auditAck.ok ? 'allowed' : auditAck.error.code;
      table['mod:resolve']![role] = resolveAck.ok ? 'allowed' : resolveAck.error.code;
      expect(auditAck.ok, `mod:audit by ${role}`).toBe(allowed);
      expect(resolveAck.ok, `mod:resolve by ${role}`).toBe(resolves);
      if (!allowed) expect(!auditAck.ok && auditAck.error.code).toBe('FORBIDDEN');
      // A report someone may not act on is answered as a missing one (no existence oracle); a coordinator is
      // told they never review reports, whatever the id.
      if (!resolves)
        expect(!resolveAck.ok && resolveAck.error.code).toBe(role === 'admin' ? 'FORBIDDEN' : 'NOT_FOUND');
    }
    const seen = await admin.transport.request('mod:members', { groupId: auditGroup });
    expect(seen.ok && seen.data.members).toEqual([]);
    console.log('\nAuthorization matrix (moderation events × roles):');
    console.table(table);
    // Admin-only REST routes, as a member.
    const member = actors.member.agent;
    expect((await member.post('/api/groups', { name: 'x', topic: 'general', guidelines: 'y' })).status).toBe(
      403,
    );
    expect((await member.request('PATCH', `/api/groups/${otherGroup}`, { name: 'mine now' })).status).toBe(
      403,
    );
    expect(
      (
        await member.post(`/api/groups/${otherGroup}/meetings`, {
          title: 't',
          startsAt: Date.now() + 60_000,
          durationMinutes: 30,
          host: 'h',
        })
      ).status,
    ).toBe(403);
    expect((await member.post('/api/invites', { role: 'admin', maxUses: 1, expiresInDays: 1 })).status).toBe(
      403,
    );
  }, 180_000); // ~50 fresh members, each deriving Argon2id at sign-up as a browser does (production parameters)
});

describe('enforcement across nodes', () => {
  it('when a moderator on node A bans a member connected to node B, then they are removed within 1 s and nothing they send after the ack is accepted', async () => {
    const groupId = await createGroup('Ban room');
    const mod = await person('moderator', 0);
    await appoint(mod, groupId);
    const target = await person('member', 1);
    const witness = await person('member', 0);
    const tag = await tagOf(target, groupId);
    await tagOf(witness, groupId);
    for (const m of [target, witness]) await m.open(groupId);
    const removed = new Promise<number>((resolve) =>
      target.socket.once('group:removed', () => resolve(Date.now())),
    );
    let sending = true;
    const afterAck: string[] = [];
    let banAckedAt = Number.POSITIVE_INFINITY;
    const spam = (async () => {
      for (let i = 0; sending; i++) {
        const sentAt = Date.now();
        const ack = await target.transport.request('message:send', {
          groupId,
          clientId: `spam-${i}-abcdef`,
          text: `spam ${i}`,
        });
        if (ack.ok && sentAt > banAckedAt) afterAck.push(`spam ${i}`);
        await sleep(200); // 5 msg/s
      }
    })();
    await sleep(500);
    const started = Date.now();
    const ban = await mod.transport.request('mod:ban', {
      groupId,
      tag,
      minutes: null,
      reason: 'repeated harassment',
    });
    banAckedAt = Date.now();
    expect(ban.ok).toBe(true);
    const removedAt = await removed;
    console.log(
      `ban: acked after ${banAckedAt - started} ms; member on node B removed ${removedAt - started} ms after the request`,
    );
    expect(removedAt - started).toBeLessThan(1_000);
    await sleep(600);
    sending = false;
    await spam;
    expect(afterAck).toEqual([]);
    // Nothing sent after the ban reached the witness either.
    const page = await witness.transport.request('group:history', { groupId, limit: 200 });
    const lastSpamSeq = Math.max(0, ...(page.ok ? page.data.messages.map((m) => m.seq) : []));
    expect(lastSpamSeq).toBeGreaterThan(0);
    // Rejoin refused until unban.
    const rejoin = await target.transport.request('group:join', { groupId, acceptGuidelines: true });
    expect(!rejoin.ok && rejoin.error.code).toBe('BANNED');
    const reopen = await target.transport.request('group:open', { groupId });
    expect(!reopen.ok && reopen.error.code).toBe('NOT_FOUND');
    const unban = await mod.transport.request('mod:unban', {
      banId: ban.ok ? ban.data.banId : '',
      reason: 'apologised',
    });
    expect(unban.ok).toBe(true);
    expect((await target.transport.request('group:join', { groupId, acceptGuidelines: true })).ok).toBe(true);
  });

  it('when a moderator removes a message, then it vanishes on both nodes, a tombstone stays, and the text is erased from Redis', async () => {
    const groupId = await createGroup('Removal room');
    const mod = await person('moderator', 0);
    await appoint(mod, groupId);
    const [author, reader] = [await person('member', 1), await person('member', 0)];
    await tagOf(author, groupId);
    await tagOf(reader, groupId);
    const syncs = [await author.open(groupId), await reader.open(groupId), await mod.open(groupId)];
    const canary = `canary-${Math.random().toString(36).slice(2)}`;
    const { seq } = await author.send(groupId, `something unkind ${canary}`);
    await waitFor(() => syncs.every((s) => s.feed.find(seq)?.text.includes(canary)));
    const gone = Promise.all(
      [author, reader].map(
        (m) => new Promise<number>((resolve) => m.socket.once('message:removed', () => resolve(Date.now()))),
      ),
    );
    const started = Date.now();
    expect((await mod.transport.request('message:remove', { groupId, seq, reason: 'unkind' })).ok).toBe(true);
    const times = await gone;
    console.log(`removal reached both nodes in ${Math.max(...times) - started} ms`);
    expect(Math.max(...times) - started).toBeLessThan(1_000);
    const page = await reader.transport.request('group:history', { groupId, limit: 10 });
    expect(page.ok && page.data.messages.find((m) => m.seq === seq)).toMatchObject({
      kind: 'removed',
      text: '',
      removedBy: 'moderator',
    });
    // Scan every key and value in Redis for the canary.
    const client = redis.client();
    let hits = 0;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const dump = await client.dumpBuffer(key);
        if (dump?.toString('latin1').includes(canary)) hits++;
      }
    } while (cursor !== '0');
    await client.quit();
    expect(hits).toBe(0);
    // Removing twice is idempotent; a member cannot remove someone else's message; an author can remove their own.
    expect((await mod.transport.request('message:remove', { groupId, seq })).ok).toBe(true);
    const other = await author.send(groupId, 'my own words');
    const notYours = await reader.transport.request('message:remove', { groupId, seq: other.seq });
    expect(!notYours.ok && notYours.error.code).toBe('FORBIDDEN');
    expect((await author.transport.request('message:remove', { groupId, seq: other.seq })).ok).toBe(true);
  });

  it('when a moderator mutes a member, then sends are refused on both nodes with the end time, until unmuted', async () => {
    const groupId = await createGroup('Mute room');
    const mod = await person('moderator', 0);
    await appoint(mod, groupId);
    const target = await person('member', 0);
    const tag = await tagOf(target, groupId);
    await target.open(groupId);
    const onB = await connect(nodes[1].url, { cookie: target.agent.cookie() });
    try {
      await new Promise<void>((resolve, reject) =>
        onB.emit('group:open', { groupId }, (a) => (a.ok ? resolve() : reject(new Error(a.error.code)))),
      );
      const mute = await mod.transport.request('mod:mute', { groupId, tag, minutes: 10, reason: 'cool off' });
      expect(mute.ok).toBe(true);
      const onA = await target.transport.request('message:send', {
        groupId,
        clientId: 'muted-a-000',
        text: 'hello?',
      });
      expect(!onA.ok && onA.error).toMatchObject({ code: 'MUTED', until: mute.ok ? mute.data.until : 0 });
      const fromB = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
        onB.emit('message:send', { groupId, clientId: 'muted-b-000', text: 'hello?' }, resolve),
      );
      expect(fromB).toMatchObject({ ok: false, error: { code: 'MUTED' } });
      expect((await mod.transport.request('mod:unmute', { groupId, tag })).ok).toBe(true);
      expect(
        (await target.transport.request('message:send', { groupId, clientId: 'unmuted-000', text: 'thanks' }))
          .ok,
      ).toBe(true);
    } finally {
      onB.close();
    }
  });

  it('when a group is locked or in slow mode, then members are refused with typed errors and moderators are not', async () => {
    const groupId = await createGroup('Lock room');
    const mod = await person('moderator', 1);
    await appoint(mod, groupId);
    const m = await person('member', 0);
    await tagOf(m, groupId);
    await m.open(groupId);
    await mod.open(groupId);
    const live = new Promise((resolve) => m.socket.once('group:moderation', resolve));
    expect(
      (await mod.transport.request('mod:settings', { groupId, locked: true, reason: 'cooling down' })).ok,
    ).toBe(true);
    expect(await live).toMatchObject({ groupId, locked: true });
    const locked = await m.transport.request('message:send', {
      groupId,
      clientId: 'locked-0001',
      text: 'hi',
    });
    expect(!locked.ok && locked.error.code).toBe('GROUP_LOCKED');
    expect(
      (
        await mod.transport.request('message:send', {
          groupId,
          clientId: 'mod-locked-1',
          text: 'We are pausing for tonight.',
        })
      ).ok,
    ).toBe(true);
    await mod.transport.request('mod:settings', {
      groupId,
      locked: false,
      slowSeconds: 2,
      reason: 'busy evening',
    });
    expect(
      (await m.transport.request('message:send', { groupId, clientId: 'slow-00001', text: 'one' })).ok,
    ).toBe(true);
    const second = await m.transport.request('message:send', {
      groupId,
      clientId: 'slow-00002',
      text: 'two',
    });
    expect(!second.ok && second.error.code).toBe('SLOW_MODE');
    expect(!second.ok && second.error.retryAfterMs).toBeGreaterThan(0);
    await sleep(2_100);
    expect(
      (await m.transport.request('message:send', { groupId, clientId: 'slow-00003', text: 'three' })).ok,
    ).toBe(true);
  });
});

describe('reports, guards and the audit log', () => {
  it('when a member reports a message, then moderators see it with context, resolve it, and the reporter sees the status', async () => {
    const groupId = await createGroup('Report room');
    const mod = await person('moderator', 0);
    await appoint(mod, groupId);
    const [author, reporter] = [await person('member', 1), await person('member', 0)];
    await tagOf(author, groupId);
    await tagOf(reporter, groupId);
    await author.open(groupId);
    let target = 0;
    for (let i = 0; i < 11; i++) {
      const { seq } = await author.send(groupId, i === 5 ? 'you are all useless' : `context ${i}`);
      if (i === 5) target = seq;
    }
    const notified = new Promise((resolve) => mod.socket.once('mod:queue-changed', resolve));
    const report = await reporter.transport.request('report:create', {
      groupId,
      seq: target,
      reason: 'harassment',
      note: 'not ok',
    });
    expect(report.ok).toBe(true);
    await notified;
    const queue = await mod.transport.request('mod:queue', {});
    const item = queue.ok ? queue.data.items.find((i) => i.groupId === groupId) : undefined;
    expect(item?.message?.text).toBe('you are all useless');
    expect(item?.before.length).toBe(5);
    expect(item?.after.length).toBe(5);
    expect(item?.reporter?.name).toBe(reporter.pseudonym);
    const mine = await reporter.transport.request('report:mine', {});
    expect(mine.ok && mine.data.reports[0]).toMatchObject({ status: 'received' });
    expect(JSON.stringify(mine)).not.toContain(author.pseudonym);
    const updated = new Promise((resolve) => reporter.socket.once('report:updated', resolve));
    expect(
      (
        await mod.transport.request('mod:resolve', {
          reportId: item!.id,
          action: 'remove',
          reason: 'harassment',
        })
      ).ok,
    ).toBe(true);
    expect(await updated).toMatchObject({ status: 'action-taken' });
    const again = await mod.transport.request('mod:resolve', {
      reportId: item!.id,
      action: 'dismiss',
      reason: 'twice',
    });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    const audit = await mod.transport.request('mod:audit', { groupId, limit: 50 });
    const actions = audit.ok ? audit.data.entries.map((e) => e.action) : [];
    expect(actions.filter((a) => a === 'remove-message')).toHaveLength(1);
    expect(actions.filter((a) => a === 'resolve-report')).toHaveLength(1);
    expect(audit.ok && audit.data.entries[0]).toMatchObject({ actor: mod.pseudonym, groupId });
  });

  it('when a message suggests risk, then it is posted, the sender privately gets resources, and an urgent item tops the queue', async () => {
    const groupId = await createGroup('Crisis room');
    const m = await person('member', 0);
    await tagOf(m, groupId);
    await m.open(groupId);
    await m.send(groupId, 'ordinary marking question');
    const queued = await admin.transport.request('mod:queue', {});
    const before = queued.ok ? queued.data.items.length : 0;
    const ack = await m.transport.request('message:send', {
      groupId,
      clientId: 'crisis-000001',
      text: "Honestly I don't want to be here anymore. I've been thinking about ending it.",
    });
    expect(ack.ok && ack.data.support?.length).toBeGreaterThan(0);
    const queue = await admin.transport.request('mod:queue', {});
    expect(queue.ok && queue.data.items.length).toBe(before + 1);
    expect(queue.ok && queue.data.items[0]).toMatchObject({
      groupId,
      urgent: true,
      automatic: true,
      reason: 'crisis',
    });
  });

  it('when a message may identify someone, then the sender must confirm; blocked terms are refused', async () => {
    const groupId = await createGroup('Guard room');
    const m = await person('member', 1);
    await tagOf(m, groupId);
    await m.open(groupId);
    const text = 'Email me at jane.doe@example.org, I teach at Maple Grove Elementary';
    const warned = await m.transport.request('message:send', { groupId, clientId: 'privacy-0001', text });
    expect(!warned.ok && warned.error.code).toBe('PRIVACY_CONFIRM_REQUIRED');
    expect(!warned.ok && warned.error.findings?.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['email', 'school']),
    );
    expect(
      (
        await m.transport.request('message:send', {
          groupId,
          clientId: 'privacy-0001',
          text,
          confirmIdentifying: true,
        })
      ).ok,
    ).toBe(true);
    await admin.transport.request('mod:settings', {
      groupId,
      blockedTerms: ['buy now'],
      reason: 'spam wave',
    });
    const spam = await m.transport.request('message:send', {
      groupId,
      clientId: 'spam-000001',
      text: 'BUY NOW cheap lesson plans',
    });
    expect(!spam.ok && spam.error.code).toBe('BLOCKED_TERM');
  });

  it('when an admin bans a member from Staffroom, then every session ends on both nodes and login is refused', async () => {
    const groupId = await createGroup('Global ban room');
    const target = await person('member', 0);
    const tag = await tagOf(target, groupId);
    const onB = await connect(nodes[1].url, { cookie: target.agent.cookie() });
    const closedA = new Promise((resolve) => target.socket.once('disconnect', resolve));
    const closedB = new Promise((resolve) => onB.once('disconnect', resolve));
    const ban = await admin.transport.request('mod:ban', {
      groupId,
      tag,
      minutes: null,
      reason: 'threats',
      global: true,
    });
    expect(ban.ok).toBe(true);
    await Promise.all([closedA, closedB]);
    expect((await target.agent.get('/api/me')).status).toBe(401);
    await expect(connect(nodes[1].url, { cookie: target.agent.cookie() })).rejects.toBeTruthy();
    const login = await target.agent.post('/api/auth/login', {
      pseudonym: target.pseudonym,
      passphrase: 'walking by the quiet river at dawn',
    });
    expect(login.body.error).toBe('BANNED');
    onB.close();
  });

  it('when anyone tries to edit or delete the audit log, then there is no way to', async () => {
    const before = await admin.transport.request('mod:audit', { limit: 200 });
    for (const event of ['mod:audit:delete', 'mod:audit:update', 'audit:clear']) {
      const ack = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
        (admin.socket as unknown as { emit(...a: unknown[]): void }).emit(event, { id: '1-0' }, resolve),
      );
      expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    for (const method of ['DELETE', 'PATCH', 'PUT', 'POST']) {
      expect((await admin.agent.request(method, '/api/audit', {})).status).toBe(404);
    }
    const after = await admin.transport.request('mod:audit', { limit: 200 });
    expect(after.ok && after.data.entries.length).toBe(before.ok ? before.data.entries.length : -1);
  });
});

describe('appointing moderators before they join', () => {
  it('when a coordinator appoints an account invited as a moderator that has not joined, then only such accounts are offered, others are refused, and the rights hold at once on both nodes', async () => {
    const groupId = await createGroup('Appoint-before-join room');
    const mod = await person('moderator', 1); // on node B; never joins the group
    const plain = await person('member', 0);
    const consultant = await person('consultant', 0);
    const author = await person('member', 0);
    await tagOf(author, groupId);

    // Offered: accounts invited as moderators only, by pseudonym only.
    const offered = await admin.transport.request('mod:candidates', { groupId });
    expect(offered.ok).toBe(true);
    const names = offered.ok ? offered.data.candidates.map((c) => c.pseudonym) : [];
    expect(names).toContain(mod.pseudonym);
    for (const other of [plain, consultant, admin, author]) expect(names).not.toContain(other.pseudonym);
    if (offered.ok) {
      for (const c of [...offered.data.candidates, ...offered.data.outside])
        expect(Object.keys(c)).toEqual(['pseudonym']);
    }

    // Before: the moderator has no rights in the group.
    const before = await mod.transport.request('mod:members', { groupId });
    expect(!before.ok && before.error.code).toBe('FORBIDDEN');

    // A plain member or a consultant forced through is refused; so is anyone but a coordinator asking.
    for (const forced of [plain, consultant, author]) {
      const ack = await admin.transport.request('mod:appoint', {
        groupId,
        pseudonym: forced.pseudonym,
        on: true,
      });
      expect(!ack.ok && ack.error.code).toBe('FORBIDDEN');
    }
    const bySelf = await mod.transport.request('mod:appoint', {
      groupId,
      pseudonym: mod.pseudonym,
      on: true,
    });
    expect(!bySelf.ok && bySelf.error.code).toBe('FORBIDDEN');
    const byMod = await mod.transport.request('mod:candidates', { groupId });
    expect(!byMod.ok && byMod.error.code).toBe('FORBIDDEN');
    const nobody = await admin.transport.request('mod:appoint', {
      groupId,
      pseudonym: 'Nobody Here 42',
      on: true,
    });
    expect(!nobody.ok && nobody.error.code).toBe('NOT_FOUND');
    const noGroup = await admin.transport.request('mod:candidates', { groupId: 'no-such-group' });
    expect(!noGroup.ok && noGroup.error.code).toBe('NOT_FOUND');
    // The refused appointments changed nothing.
    const plainTry = await plain.transport.request('mod:members', { groupId });
    expect(!plainTry.ok && plainTry.error.code).toBe('FORBIDDEN');

    // Appointed on node A: at once on node B, without joining the group or reconnecting.
    const ack = await admin.transport.request('mod:appoint', { groupId, pseudonym: mod.pseudonym, on: true });
    expect(ack.ok).toBe(true);
    const members = await mod.transport.request('mod:members', { groupId });
    expect(members.ok).toBe(true);
    const groups = await mod.transport.request('mod:groups', {});
    expect(groups.ok && groups.data.groups.map((g) => g.id)).toContain(groupId);
    // Their socket on node B joined the group's moderators' room: a report reaches them.
    await author.open(groupId);
    const { seq } = await author.send(groupId, 'a message to report');
    const notified = new Promise((resolve) => mod.socket.once('mod:queue-changed', resolve));
    const report = await author.transport.request('report:create', {
      groupId,
      seq,
      reason: 'other',
      note: '',
    });
    expect(report.ok).toBe(true);
    await notified;
    const queue = await mod.transport.request('mod:queue', {});
    expect(queue.ok && queue.data.items.some((i) => i.groupId === groupId)).toBe(true);

    // Listed as a moderator who has not joined, no longer offered; the audit log names them by pseudonym.
    const after = await admin.transport.request('mod:candidates', { groupId });
    expect(after.ok && after.data.outside.map((c) => c.pseudonym)).toEqual([mod.pseudonym]);
    expect(after.ok && after.data.candidates.map((c) => c.pseudonym)).not.toContain(mod.pseudonym);
    const audit = await admin.transport.request('mod:audit', { groupId, limit: 50 });
    expect(
      audit.ok &&
        audit.data.entries.find((e) => e.action === 'appoint-moderator' && e.target === mod.pseudonym),
    ).toBeTruthy();

    // Removed: the rights end at once on node B too.
    expect(
      (await admin.transport.request('mod:appoint', { groupId, pseudonym: mod.pseudonym, on: false })).ok,
    ).toBe(true);
    const gone = await mod.transport.request('mod:members', { groupId });
    expect(!gone.ok && gone.error.code).toBe('FORBIDDEN');
  });
});

describe('times in words', () => {
  it('when a member is muted and banned, then the refusal and the audit log say durations in words, never a raw ISO time', async () => {
    const groupId = await createGroup('Words room');
    const mod = await person('moderator', 0);
    await appoint(mod, groupId);
    const target = await person('member', 1);
    const tag = await tagOf(target, groupId);
    await target.open(groupId);
    expect(
      (await mod.transport.request('mod:mute', { groupId, tag, minutes: 60, reason: 'cool off' })).ok,
    ).toBe(true);
    const refused = await target.transport.request('message:send', {
      groupId,
      clientId: 'words-mute-01',
      text: 'hi',
    });
    expect(!refused.ok && refused.error.code).toBe('MUTED');
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toMatch(/for (1 hour|60 minutes|59 minutes) more/);
    expect(message).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(
      (await mod.transport.request('mod:ban', { groupId, tag, minutes: 1_440, reason: 'again' })).ok,
    ).toBe(true);
    const audit = await admin.transport.request('mod:audit', { groupId, limit: 50 });
    const targets = audit.ok ? audit.data.entries.map((e) => `${e.action}: ${e.target}`) : [];
    expect(targets).toContain(`mute: ${target.pseudonym} for 1 hour`);
    expect(targets).toContain(`ban: ${target.pseudonym} for 1 day`);
    for (const t of targets) expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
