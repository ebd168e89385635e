import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody, KeyBundle } from '@staffroom/shared/schemas/consultations';
import { conversationKey, createIdentity, type Identity } from '../../client/src/lib/e2e-crypto.js';
import {
  browserWrappingKey,
  createAgent,
  createInvite,
  GOOD_PASSPHRASE,
  logInBody,
  passphraseSecrets,
} from '../support/http.js';
import { openAs, sealAs } from '../support/sealing.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
let moderator: TestMember;
let groupId: string;
const invites: Record<string, string> = {};
const people: TestMember[] = [];

/** A string that appears nowhere unless this test put it there: letters only, so every rule lets it through. */
const canary = (label: string) =>
  `${label}${Array.from({ length: 10 }, () => 'bcdfghjkmnpqrstvwxz'[randomInt(19)]).join('')}`;

async function person(role: 'member' | 'consultant', node = 0): Promise<TestMember> {
  const m = await TestMember.signUp(nodes[node]!.url, invites[role]!);
  people.push(m);
  return m;
}

async function withKeys(m: TestMember): Promise<{ identity: Identity; bundle: KeyBundle }> {
  const made = await createIdentity(await browserWrappingKey(m.agent, m.pseudonym, GOOD_PASSPHRASE));
  expect((await m.agent.request('PUT', '/api/keys', made.bundle)).status).toBe(200);
  return made;
}

const intake: IntakeBody = {
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages', 'check-ins'],
  preferredTimes: ['mon-pm'],
};

/** A consultant with room, the member's request accepted: the conversation and both keys. */
async function conversationOf(teacher: TestMember) {
  const c = await person('consultant', 1);
  const res = await c.agent.request('PUT', '/api/consultant/profile', {
    displayName: canary('Mentor '),
    grades: ['2'],
    subjects: ['mathematics'],
    areas: ['classroom-management'],
    capacity: 3,
    availability: ['mon-pm'],
    paused: false,
  });
  expect(res.status).toBe(200);
  const [cKeys, tKeys] = [await withKeys(c), await withKeys(teacher)];
  expect((await teacher.agent.post('/api/support-request', intake)).status).toBe(201);
  const offer = (await c.agent.get('/api/consultant/offers')).body.offers[0];
  const { conversationId } = (await c.agent.post(`/api/consultant/offers/${offer.requestId}/accept`)).body;
  const openT = await teacher.transport.request('convo:open', { conversationId });
  const openC = await c.transport.request('convo:open', { conversationId });
  const peerOfT = openT.ok ? openT.data.view.peer.publicKey! : '';
  const peerOfC = openC.ok ? openC.data.view.peer.publicKey! : '';
  const keyT = await conversationKey(tKeys.identity, peerOfT, conversationId);
  const keyC = await conversationKey(cKeys.identity, peerOfC, conversationId);
  // Pause the consultant so later requests in this file go to fresh ones.
  await c.agent.request('PUT', '/api/consultant/profile', {
    displayName: 'Paused',
    grades: ['2'],
    subjects: ['mathematics'],
    areas: ['classroom-management'],
    capacity: 3,
    availability: ['mon-pm'],
    paused: true,
  });
  return { c, conversationId, tKeys, cKeys, peerOfT, peerOfC, keyT, keyC };
}

/** Every key and its DUMP, as an operator with a copy of Redis would see it. */
async function redisDump(): Promise<string> {
  const raw = redis.client();
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of keys) parts.push(`${key}\n${(await raw.dumpBuffer(key))?.toString('latin1') ?? ''}`);
  } while (cursor !== '0');
  await raw.quit();
  return parts.join('\n');
}

/** Every byte of every file in Redis's data directory (the AOF parts and the RDB snapshot). */
function diskBytes(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(readFileSync(full).toString('latin1'));
    }
  };
  walk(redis.dir!);
  return files.join('\n');
}

async function eraseBody(m: TestMember, passphrase = GOOD_PASSPHRASE, messages?: string) {
  const { authSecret } = await passphraseSecrets(nodes[0]!.url, m.pseudonym, passphrase);
  return { pseudonym: m.pseudonym, authSecret, ...(messages ? { messages } : {}) };
}

beforeAll(async () => {
  // No compression in the snapshot, so a grep of the files finds a value that is still there.
  redis = await startRedis({ extraArgs: ['--rdbcompression', 'no'] });
  const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
  nodes = [a, await startNode({ redisUrl: redis.url, prefix: redis.prefix })];
  admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
  people.push(admin);
  for (const role of ['member', 'consultant'] as const)
    invites[role] = await createInvite(admin.agent, role, 500);
  moderator = await TestMember.signUp(a.url, await createInvite(admin.agent, 'moderator', 1));
  people.push(moderator);
  const res = await admin.agent.post('/api/groups', {
    name: 'Marking loads',
    topic: 'workload-stress',
    description: 'Talking about marking loads.',
    guidelines: 'Be kind. Do not name students, colleagues or schools.',
    visibility: 'listed',
  });
  groupId = res.body.group.id as string;
  await appointModerator(admin, moderator, groupId);
}, 60_000);

afterAll(async () => {
  for (const m of people) m.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis.stop();
});

describe('erasing an account', () => {
  it('when a member erases their account, then every class of their data is gone from Redis, its AOF and its snapshot, on every node', async () => {
    const alias = canary('Heron');
    const victim = await person('member', 0);
    const other = await person('member', 1);
    const ack = await victim.transport.request('group:join', { groupId, acceptGuidelines: true, alias });
    expect(ack.ok).toBe(true);
    await other.join(groupId);
    await victim.open(groupId);
    const watching = await other.open(groupId);

    // Group messages, a reaction, a read mark, a report they filed.
    const texts = [canary('grouptext'), canary('grouptext'), canary('grouptext')];
    const seqs: number[] = [];
    for (const text of texts) seqs.push((await victim.send(groupId, text)).seq);
    const othersText = canary('otherstext');
    const othersSeq = (await other.send(groupId, othersText)).seq;
    expect(
      (await victim.transport.request('reaction:set', { groupId, seq: othersSeq, kind: 'hug', on: true })).ok,
    ).toBe(true);
    expect((await victim.transport.request('group:read', { groupId, seq: othersSeq })).ok).toBe(true);
    const report = await victim.transport.request('report:create', {
      groupId,
      seq: othersSeq,
      reason: 'harassment',
      note: 'reported by the member who leaves',
    });
    expect(report.ok).toBe(true);
    // A moderator action on them: the audit log names them by their alias.
    const rows = await moderator.transport.request('mod:members', { groupId });
    const tag = rows.ok ? rows.data.members.find((m) => m.name === alias)?.tag : undefined;
    expect(tag).toBeTruthy();
    expect(
      (await moderator.transport.request('mod:mute', { groupId, tag: tag!, minutes: 5, reason: 'cool down' }))
        .ok,
    ).toBe(true);
    expect((await moderator.transport.request('mod:unmute', { groupId, tag: tag! })).ok).toBe(true);

    // Their sealed pulse trend.
    const pulse = canary('pulsehistory');
    expect(
      (await victim.agent.request('PUT', '/api/pulse/history', { ciphertext: pulse, iv: 'aXZpdml2aXZpdml2' }))
        .status,
    ).toBe(200);

    // A one-to-one conversation: their sealed messages and check-in note, and the consultant's.
    const convo = await conversationOf(victim);
    const theirs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sealed = await sealAs(
        convo.tKeys.identity,
        convo.peerOfT,
        convo.keyT,
        convo.conversationId,
        'message',
        i + 1,
        canary('convo'),
      );
      theirs.push(sealed.ciphertext);
      const sent = await victim.transport.request('convo:send', {
        conversationId: convo.conversationId,
        clientId: `erase-${i}-abcdefgh`,
        ...sealed,
      });
      expect(sent.ok).toBe(true);
    }
    const consultantText = canary('consultanttext');
    const fromConsultant = await sealAs(
      convo.cKeys.identity,
      convo.peerOfC,
      convo.keyC,
      convo.conversationId,
      'message',
      1,
      consultantText,
    );
    expect(
      (
        await convo.c.transport.request('convo:send', {
          conversationId: convo.conversationId,
          clientId: 'consultant-abcdefgh',
          ...fromConsultant,
        })
      ).ok,
    ).toBe(true);
    const note = await sealAs(
      convo.tKeys.identity,
      convo.peerOfT,
      convo.keyT,
      convo.conversationId,
      'checkin',
      10,
      'n',
    );
    theirs.push(note.ciphertext);
    expect(
      (
        await victim.transport.request('convo:checkin', {
          conversationId: convo.conversationId,
          startsAt: Date.now() + 3600_000,
          durationMinutes: 30,
          note,
        })
      ).ok,
    ).toBe(true);

    // A second device on the other node: two sessions, sockets on both nodes.
    const secondAgent = createAgent(nodes[1]!.url);
    expect((await secondAgent.post('/api/auth/login', logInBody(victim.pseudonym))).status).toBe(200);
    const { connect } = await import('../support/socket.js');
    const secondSocket = await connect(nodes[1]!.url, { cookie: secondAgent.cookie() });
    const accountId = (await victim.agent.get('/api/me')).body.me.id as string;
    const everyCanary = [...texts, alias, pulse, victim.pseudonym, accountId, ...theirs];

    // The files hold all of it before (so the checks below can fail).
    const raw = redis.client();
    await raw.bgrewriteaof();
    await waitFor(async () => (await raw.info('persistence')).includes('aof_rewrite_in_progress:0'));
    await raw.bgsave();
    await waitFor(async () => (await raw.info('persistence')).includes('rdb_bgsave_in_progress:0'));
    const before = diskBytes() + (await redisDump());
    for (const c of everyCanary) expect(before.includes(c), `present before: ${c}`).toBe(true);

    // Wrong passphrase, and another member's passphrase: nothing is erased.
    const wrong = await createAgent(nodes[0]!.url).post(
      '/api/account/erase',
      await eraseBody(victim, 'not the passphrase at all'),
    );
    expect(wrong.status).toBe(401);
    const othersSecret = (await passphraseSecrets(nodes[0]!.url, other.pseudonym, GOOD_PASSPHRASE))
      .authSecret;
    const mismatched = await other.agent.post('/api/account/erase', {
      pseudonym: victim.pseudonym,
      authSecret: othersSecret,
    });
    expect(mismatched.status).toBe(401);
    expect((await victim.agent.get('/api/me')).status).toBe(200);
    expect(await raw.hexists(`${redis.prefix}account:${accountId}`, 'erasing')).toBe(0);

    // Erase, from the second device's node.
    const removed: number[] = [];
    other.socket.on('message:removed', (m) => removed.push(m.seq));
    const convoChanged = new Promise((resolve) => convo.c.socket.once('convo:changed', resolve));
    const closedAt: number[] = [];
    const started = Date.now();
    victim.socket.once('disconnect', () => closedAt.push(Date.now() - started));
    secondSocket.once('disconnect', () => closedAt.push(Date.now() - started));
    const erased = await secondAgent.post('/api/account/erase', await eraseBody(victim));
    const tookMs = Date.now() - started;
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toEqual({ erased: true, messages: 'remove' });
    expect(tookMs).toBeLessThan(60_000);
    await waitFor(() => closedAt.length === 2, { what: 'both sockets closed' });
    console.log(`erasure took ${tookMs} ms; sockets closed after ${closedAt.join(' and ')} ms`);
    expect(Math.max(...closedAt)).toBeLessThan(1_000); // S12: every socket of every session, < 1 s

    // Everyone sees the removals; the consultant sees the conversation end.
    await waitFor(() => seqs.every((s) => removed.includes(s)), { what: 'removals delivered' });
    await convoChanged;
    const reopened = await other.open(groupId);
    for (const s of seqs) expect(reopened.feed.messages.find((m) => m.seq === s)?.kind).toBe('removed');
    expect(watching).not.toBe(reopened);
    const view = await convo.c.transport.request('convo:open', { conversationId: convo.conversationId });
    expect(view.ok && view.data.view.status).toBe('closed');
    const history = await convo.c.transport.request('convo:history', {
      conversationId: convo.conversationId,
      after: 0,
      limit: 100,
    });
    const left = history.ok ? history.data.messages : [];
    expect(left.map((m) => m.from)).toEqual(['consultant']);
    expect(await openAs(convo.keyC, convo.conversationId, left[0]!)).toBe(consultantText);

    // Log-in and the old sessions are refused, on both nodes.
    for (const node of nodes) {
      const login = await createAgent(node.url).post('/api/auth/login', logInBody(victim.pseudonym));
      expect(login.status).toBe(401);
    }
    expect((await victim.agent.get('/api/me')).status).toBe(401);
    expect((await secondAgent.get('/api/me')).status).toBe(401);
    // The report stays, without its reporter.
    const queue = await moderator.transport.request('mod:queue', {});
    const item = queue.ok
      ? queue.data.items.find((i) => i.groupId === groupId && i.message?.seq === othersSeq)
      : undefined;
    expect(item).toBeTruthy();
    expect(item?.reporter ?? null).toBeNull();
    // The audit log keeps the moderator's actions, without the name.
    const audit = await admin.transport.request('mod:audit', { groupId });
    const entries = audit.ok ? audit.data.entries : [];
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['mute', 'unmute']));
    expect(entries.filter((e) => e.action === 'mute')[0]?.target).toContain('Former member');
    expect(JSON.stringify(entries)).not.toContain(alias);

    // Nothing in any key, the AOF or the snapshot (the erasure rewrote them before answering).
    const after = await redisDump();
    const disk = diskBytes();
    for (const c of everyCanary) {
      expect(after.includes(c), `in a key: ${c}`).toBe(false);
      expect(disk.includes(c), `on disk: ${c}`).toBe(false);
    }
    // The others' data is still there.
    expect(after.includes(othersText)).toBe(true);
    await raw.quit();
    secondSocket.close();
  }, 120_000);

  it('when a member chooses to keep their messages, then the text stays under "Former member", with no link to them', async () => {
    const alias = canary('Plover');
    const leaver = await person('member', 1);
    expect(
      (await leaver.transport.request('group:join', { groupId, acceptGuidelines: true, alias })).ok,
    ).toBe(true);
    const text = canary('kepttext');
    await leaver.open(groupId);
    const { seq } = await leaver.send(groupId, text);
    const accountId = (await leaver.agent.get('/api/me')).body.me.id as string;
    const res = await createAgent(nodes[1]!.url).post(
      '/api/account/erase',
      await eraseBody(leaver, GOOD_PASSPHRASE, 'de-attribute'),
    );
    expect(res.status).toBe(200);
    expect(res.body.messages).toBe('de-attribute');
    const reader = await person('member', 0);
    await reader.join(groupId);
    const sync = await reader.open(groupId);
    const kept = sync.feed.messages.find((m) => m.seq === seq);
    expect(kept?.text).toBe(text);
    expect(kept?.author?.name).toBe('Former member');
    const dump = await redisDump();
    expect(dump.includes(text)).toBe(true);
    for (const c of [alias, accountId, leaver.pseudonym]) expect(dump.includes(c), c).toBe(false);
  }, 60_000);

  it('when a coordinator who hosted meetings erases their account, then those meetings show "Former member" as host; another host stays (after the review, 2026-12-06)', async () => {
    const host = await TestMember.signUp(nodes[1]!.url, await createInvite(admin.agent, 'admin', 1));
    people.push(host);
    // Coordinators never join a group, so they host under their pseudonym (no group alias).
    const startsAt = Date.now() + 3 * 24 * 3600_000;
    const schedule = async (by: TestMember, title: string, hostName: string) => {
      const res = await by.agent.post(`/api/groups/${groupId}/meetings`, {
        title,
        startsAt,
        durationMinutes: 30,
        host: hostName,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.meeting.id as string;
    };
    const byPseudonym = await schedule(host, 'Marking together', host.pseudonym);
    const other = await schedule(admin, 'Reading together', 'SteadyHeron12');
    const res = await createAgent(nodes[0]!.url).post('/api/account/erase', await eraseBody(host));
    expect(res.status).toBe(200);
    const meetings = (await admin.agent.get(`/api/groups/${groupId}`)).body.group.meetings as {
      id: string;
      host: string;
    }[];
    const hostOf = (id: string) => meetings.find((m) => m.id === id)?.host;
    expect(hostOf(byPseudonym)).toBe('Former member');
    expect(hostOf(other)).toBe('SteadyHeron12');
    const dump = await redisDump();
    expect(dump.includes(host.pseudonym)).toBe(false);
  }, 60_000);

  it('when the node doing an erasure dies half-way, then the account cannot log in, and the owner asking again finishes it', async () => {
    const victim = await person('member', 0);
    await victim.join(groupId);
    await victim.open(groupId);
    const texts = [canary('interrupted'), canary('interrupted')];
    for (const text of texts) await victim.send(groupId, text);
    const accountId = (await victim.agent.get('/api/me')).body.me.id as string;
    const doomed = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
    const watcher = redis.client();
    const key = `${redis.prefix}account:${accountId}`;
    // The erasure starts on the doomed node; the moment the account is marked, Redis is frozen and the node killed.
    const pending = createAgent(doomed.url)
      .post('/api/account/erase', await eraseBody(victim))
      .catch(() => null);
    await waitFor(async () => (await watcher.hexists(key, 'erasing')) === 1, {
      timeoutMs: 20_000,
      intervalMs: 1,
    });
    redis.pause();
    await doomed.kill();
    redis.resume();
    await pending;
    // Interrupted for real: marked, not finished.
    expect(await watcher.hexists(key, 'erasing')).toBe(1);
    const login = await createAgent(nodes[0]!.url).post('/api/auth/login', logInBody(victim.pseudonym));
    expect(login.status).toBe(409);
    expect(login.body.error).toBe('ACCOUNT_ERASING');
    expect((await victim.agent.get('/api/me')).status).toBe(401);
    // A wrong passphrase still erases nothing more and proves nothing.
    expect(
      (
        await createAgent(nodes[1]!.url).post(
          '/api/account/erase',
          await eraseBody(victim, 'wrong wrong wrong wrong'),
        )
      ).status,
    ).toBe(401);
    const retry = await createAgent(nodes[1]!.url).post('/api/account/erase', await eraseBody(victim));
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(await watcher.exists(key)).toBe(0);
    const dump = await redisDump();
    for (const c of [...texts, accountId, victim.pseudonym]) expect(dump.includes(c), c).toBe(false);
    expect(
      (await createAgent(nodes[0]!.url).post('/api/auth/login', logInBody(victim.pseudonym))).status,
    ).toBe(401);
    await watcher.quit();
  }, 90_000);
});

describe('exporting my data', () => {
  it('when a member exports, then it holds what the store holds for them, their conversation opens with their key, and nobody else is in it', async () => {
    const me = await person('member', 1);
    const other = await person('member', 0);
    const alias = canary('Wren');
    expect((await me.transport.request('group:join', { groupId, acceptGuidelines: true, alias })).ok).toBe(
      true,
    );
    await other.join(groupId);
    await me.open(groupId);
    await other.open(groupId);
    const mine = [canary('exportmine'), canary('exportmine')];
    const mySeqs: number[] = [];
    for (const text of mine) mySeqs.push((await me.send(groupId, text)).seq);
    const othersText = canary('exportothers');
    const othersSeq = (await other.send(groupId, othersText)).seq;
    await me.transport.request('reaction:set', { groupId, seq: othersSeq, kind: 'hug', on: true });
    await me.transport.request('report:create', {
      groupId,
      seq: othersSeq,
      reason: 'harassment',
      note: 'export note',
    });
    const pulse = canary('exportpulse');
    await me.agent.request('PUT', '/api/pulse/history', { ciphertext: pulse, iv: 'aXZpdml2aXZpdml2' });
    const convo = await conversationOf(me);
    const said = canary('exportsaid');
    const heard = canary('exportheard');
    await me.transport.request('convo:send', {
      conversationId: convo.conversationId,
      clientId: 'export-me-abcdefgh',
      ...(await sealAs(
        convo.tKeys.identity,
        convo.peerOfT,
        convo.keyT,
        convo.conversationId,
        'message',
        1,
        said,
      )),
    });
    await convo.c.transport.request('convo:send', {
      conversationId: convo.conversationId,
      clientId: 'export-c-abcdefgh',
      ...(await sealAs(
        convo.cKeys.identity,
        convo.peerOfC,
        convo.keyC,
        convo.conversationId,
        'message',
        1,
        heard,
      )),
    });

    const res = await me.agent.get('/api/account/export');
    expect(res.status).toBe(200);
    const data = res.body;
    expect(data.account).toMatchObject({ pseudonym: me.pseudonym, role: 'member' });
    expect(data.memberships).toEqual([
      expect.objectContaining({ groupId, name: alias, groupName: 'Marking loads' }),
    ]);
    expect(data.groupMessages.map((m: { text: string }) => m.text)).toEqual(mine);
    expect(data.groupMessages.map((m: { seq: number }) => m.seq)).toEqual(mySeqs);
    expect(data.reactions).toEqual([{ groupId, seq: othersSeq, kind: 'hug' }]);
    expect(data.reports).toEqual([
      expect.objectContaining({ groupId, reason: 'harassment', note: 'export note' }),
    ]);
    expect(data.pulseHistory).toEqual({ ciphertext: pulse, iv: 'aXZpdml2aXZpdml2' });
    expect(data.requests).toHaveLength(1);
    expect(data.conversations).toHaveLength(1);
    const exported = data.conversations[0];
    // The member's key opens both sides, with the peer key the export carries.
    const key = await conversationKey(convo.tKeys.identity, exported.peerPublicKey, convo.conversationId);
    const opened = await Promise.all(
      exported.messages.map((m: Parameters<typeof openAs>[2]) => openAs(key, convo.conversationId, m)),
    );
    expect(opened).toEqual([said, heard]);
    // Nobody else's group data or identity.
    const text = JSON.stringify(data);
    for (const c of [othersText, other.pseudonym]) expect(text.includes(c), c).toBe(false);
    // And the other member's export has nothing of this member.
    const theirs = JSON.stringify((await other.agent.get('/api/account/export')).body);
    for (const c of [...mine, alias, me.pseudonym, pulse]) expect(theirs.includes(c), c).toBe(false);
    expect(theirs.includes(othersText)).toBe(true);
    // Only for a session.
    expect((await createAgent(nodes[0]!.url).get('/api/account/export')).status).toBe(401);
  }, 90_000);
});
