import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { createAgent, createInvite, logInBody, signUp, uniquePseudonym } from '../support/http.js';
import { signUpFresh } from '../support/cluster.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { waitFor } from '../support/ports.js';
import { connect, request, type TestSocket } from '../support/socket.js';

/**
 * The red-team pass of 2026-12-07: each test reproduces a hole found by attacking two nodes on real Redis, and
 * failed against the code before its fix.
 */

/** The error data a refused handshake carries (`connect_error`). */
const refusalOf = (err: unknown) => (err as { data?: { code?: string; retryAfterMs?: number } }).data;

describe('after the red team, 2026-12-07', () => {
  let cluster: TestCluster;
  let admin: TestMember;
  let invite: string;
  const sockets: TestSocket[] = [];
  const everyoneElse: TestMember[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, env: { SOCKETS_PER_ACCOUNT: '16' } });
    admin = await TestMember.signUp(cluster.nodes[0]!.url, cluster.bootstrapInvite);
    invite = await createInvite(admin.agent, 'member', 50);
  });

  afterAll(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const m of everyoneElse.splice(0)) m.close();
    admin?.close();
    await cluster?.stop();
  });

  it('when one account opens hundreds of sockets on a node, then past SOCKETS_PER_ACCOUNT each is refused RATE_LIMITED at the handshake, others connect, and a closed socket frees its place', async () => {
    const [a, b] = cluster.nodes;
    const { agent } = await signUpFresh(a!.url, invite);
    const cookie = agent.cookie();
    const mine: TestSocket[] = [];
    const codes = new Map<string, number>();
    // 200 at once in batches, as a script would: before the fix every one connected.
    for (let i = 0; i < 200; i += 50) {
      const batch = await Promise.allSettled(Array.from({ length: 50 }, () => connect(a!.url, { cookie })));
      for (const r of batch) {
        if (r.status === 'fulfilled') mine.push(r.value);
        else {
          const data = refusalOf(r.reason);
          const code = data?.code ?? 'none';
          codes.set(code, (codes.get(code) ?? 0) + 1);
          expect(data?.retryAfterMs).toBeGreaterThan(0);
        }
      }
    }
    sockets.push(...mine);
    console.info('sockets of one account', { connected: mine.length, refused: Object.fromEntries(codes) });
    expect(mine.length).toBe(16);
    expect(codes.get(ErrorCode.RATE_LIMITED)).toBe(184);
    // The ones it holds work.
    expect((await request(mine[0]!, 'me:get', {})).ok).toBe(true);
    expect((await request(mine[15]!, 'me:get', {})).ok).toBe(true);

    // Another account on the same node, and the same account on the other node, are not affected.
    const other = await signUpFresh(a!.url, invite);
    const theirs = await connect(a!.url, { cookie: other.agent.cookie() });
    sockets.push(theirs);
    expect((await request(theirs, 'me:get', {})).ok).toBe(true);
    const elsewhere = await connect(b!.url, { cookie });
    sockets.push(elsewhere);
    expect((await request(elsewhere, 'me:get', {})).ok).toBe(true);

    // A closed socket gives its place back (once: closing it twice frees one place, not two).
    mine[0]!.close();
    mine[0]!.close();
    const again = await waitFor(
      async () => {
        try {
          return await connect(a!.url, { cookie });
        } catch {
          return null;
        }
      },
      { what: 'a place freed by a closed socket' },
    );
    sockets.push(again);
    await expect(connect(a!.url, { cookie })).rejects.toSatisfy(
      (err) => refusalOf(err)?.code === ErrorCode.RATE_LIMITED,
    );

    // Every place comes back when all close: nothing leaks across a churn of connections.
    for (const s of [...mine.slice(1), again]) s.close();
    const reopened = await waitFor(
      async () => {
        const tries = await Promise.allSettled(Array.from({ length: 16 }, () => connect(a!.url, { cookie })));
        const ok = tries.flatMap((t) => (t.status === 'fulfilled' ? [t.value] : []));
        if (ok.length === 16) return ok;
        for (const s of ok) s.close();
        return null;
      },
      { what: 'all 16 places free again', intervalMs: 200 },
    );
    sockets.push(...reopened);
  });

  it('when a message is removed while a member is offline, then their reconnect on another node turns it into a tombstone too (not only later joiners)', async () => {
    const [a, b] = cluster.nodes;
    const res = await admin.agent.post('/api/groups', {
      name: 'Removal while away',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
    });
    expect(res.status).toBe(201);
    const groupId = res.body.group.id as string;
    const reader = await TestMember.signUp(a!.url, invite);
    const writer = await TestMember.signUp(a!.url, invite);
    const moderator = await TestMember.signUp(a!.url, await createInvite(admin.agent, 'moderator', 1));
    everyoneElse.push(reader, writer, moderator);
    await reader.join(groupId);
    await writer.join(groupId);
    await writer.open(groupId);
    const sync = await reader.open(groupId);
    const seqs: number[] = [];
    for (const text of ['first, kept', 'second, to be removed', 'third, kept'])
      seqs.push((await writer.send(groupId, text)).seq);
    await waitFor(() => seqs.every((s) => sync.feed.find(s)?.text), { what: 'the reader has all three' });

    // The reader's connection drops; a moderator removes the second message on the other node meanwhile.
    reader.socket.disconnect();
    await appointModerator(admin, moderator, groupId);
    const removed = await moderator.transport.request('message:remove', { groupId, seq: seqs[1]! });
    expect(removed.ok).toBe(true);
    const later = (await writer.send(groupId, 'fourth, while the reader was away')).seq;

    // The reader comes back (on the other node) and catches up from what it last saw, as the web client does.
    await reader.moveTo(b!.url);
    expect(sync.feed.find(later)?.text).toBe('fourth, while the reader was away');
    const gone = sync.feed.find(seqs[1]!);
    expect(gone?.kind).toBe('removed');
    expect(gone?.text).toBe('');
    expect(gone?.removedBy).toBe('moderator');
    expect(sync.feed.find(seqs[0]!)?.text).toBe('first, kept');
    expect(sync.feed.find(seqs[2]!)?.text).toBe('third, kept');
  });

  it('when a client marks a seq far past the newest message as read, then the mark stops at the newest, and later messages still count as unread', async () => {
    const [a] = cluster.nodes;
    const res = await admin.agent.post('/api/groups', {
      name: 'Read marks',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
    });
    const groupId = res.body.group.id as string;
    const reader = await TestMember.signUp(a!.url, invite);
    const writer = await TestMember.signUp(a!.url, invite);
    everyoneElse.push(reader, writer);
    await reader.join(groupId);
    await writer.join(groupId);
    await writer.open(groupId);
    const first = (await writer.send(groupId, 'one')).seq;
    const unreadOf = async () => {
      const list = await reader.agent.get('/api/groups');
      return (list.body.groups as { id: string; unread: number }[]).find((g) => g.id === groupId)?.unread;
    };
    expect(await unreadOf()).toBe(1);
    const marked = await reader.transport.request('group:read', { groupId, seq: Number.MAX_SAFE_INTEGER });
    expect(marked.ok).toBe(true);
    expect(await unreadOf()).toBe(0);
    const opened = await reader.transport.request('group:open', { groupId });
    expect(opened.ok && opened.data.readSeq).toBe(first);
    // Before the fix the mark sat at 2^53 - 1: nothing new was ever unread again in this group.
    await writer.send(groupId, 'two');
    await writer.send(groupId, 'three');
    expect(await unreadOf()).toBe(2);
  });

  it('when an account logs in again and again with its right passphrase, then past LOGIN_SUCCESSES_PER_10_MINUTES it is refused before any bcrypt work; wrong guesses by others do not spend that budget', async () => {
    const [a, b] = cluster.nodes;
    const owner = uniquePseudonym('Owner');
    await signUp(a!.url, invite, owner);
    // Someone without the passphrase guesses a few times first: that must not use up the owner's log-ins.
    for (let i = 0; i < 4; i++) {
      const guess = await createAgent(b!.url).post(
        '/api/auth/login',
        logInBody(owner, 'not the passphrase at all'),
      );
      expect(guess.status).toBe(401);
    }
    // The owner's script: one browser (trusted after its first log-in), log-in after log-in, on both nodes.
    const script = createAgent(a!.url);
    const codes = new Map<string, number>();
    let retryAfterMs = 0;
    for (let i = 0; i < 40; i++) {
      const res = await script.request('POST', '/api/auth/login', logInBody(owner));
      const code = res.status === 200 ? 'ok' : String(res.body?.error);
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (res.status !== 200) retryAfterMs = Number(res.body?.retryAfterMs ?? 0);
    }
    console.info('log-ins of one account', Object.fromEntries(codes));
    // Before the fix: 40 of 40, each a bcrypt evaluation and a new session.
    expect(codes.get('ok')).toBe(20);
    expect(codes.get(ErrorCode.RATE_LIMITED)).toBe(20);
    expect(retryAfterMs).toBeGreaterThan(0);
    // From a new browser, on the other node, too: the budget is the pseudonym's, cluster-wide.
    const elsewhere = await createAgent(b!.url).post('/api/auth/login', logInBody(owner));
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.body.error).toBe(ErrorCode.RATE_LIMITED);
    // Everyone else logs in as usual.
    const other = uniquePseudonym('Other');
    await signUp(a!.url, invite, other);
    expect((await createAgent(b!.url).post('/api/auth/login', logInBody(other))).status).toBe(200);
  });

  it('when a socket floods events that are unknown or carry no ack, then it is disconnected like any other flood, and others are served', async () => {
    const [a] = cluster.nodes;
    const { agent } = await signUpFresh(a!.url, invite);
    const bystander = await signUpFresh(a!.url, invite);
    const watcher = await connect(a!.url, { cookie: bystander.agent.cookie() });
    sockets.push(watcher);
    for (const kind of ['unknown event', 'no ack'] as const) {
      const flooder = await connect(a!.url, { cookie: agent.cookie() });
      sockets.push(flooder);
      const raw = flooder as unknown as { emit(...args: unknown[]): void };
      let answered = 0;
      for (let i = 0; i < 5_000 && flooder.connected; i++) {
        if (kind === 'unknown event') raw.emit(`no:such-event-${i % 7}`, {}, () => (answered += 1));
        else raw.emit('me:get', {});
      }
      // Before the fix both were answered or dropped for ever and the socket stayed connected.
      await waitFor(() => !flooder.connected, { what: `the ${kind} flooder cut off`, timeoutMs: 10_000 });
      console.info(`${kind} flood`, { answered });
      expect((await request(watcher, 'me:get', {})).ok).toBe(true);
    }
  });
});
