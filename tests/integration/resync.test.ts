import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startCluster, stopOrKill, type TestCluster } from '../support/cluster.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { startNode, type TestNode } from '../support/node.js';
import { sleep, waitFor } from '../support/ports.js';

/**
 * A node whose Redis subscriber drops misses whatever every other node publishes until it is back; it then tells
 * its clients `groups:resync`. Node b here logs in to Redis as its own user, so its subscriber alone can be cut
 * (`CLIENT KILL USER … TYPE pubsub`) and kept away while node a goes on.
 */
const B_USER = 'node-b';
const B_PASSWORD = 'node-b-test-password';

describe('a node whose Redis subscriber was away', () => {
  let cluster: TestCluster;
  let b: TestNode;
  let redis: Redis;
  let admin: TestMember;
  let moderator: TestMember;
  let invite: string;
  const members: TestMember[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1 });
    redis = cluster.redis.client();
    await redis.call('ACL', 'SETUSER', B_USER, 'on', `>${B_PASSWORD}`, '~*', '&*', '+@all');
    const url = new URL(cluster.redis.url);
    url.username = B_USER;
    url.password = B_PASSWORD;
    b = await startNode({ redisUrl: url.toString(), prefix: cluster.redis.prefix });
    admin = await TestMember.signUp(cluster.nodes[0]!.url, cluster.bootstrapInvite);
    invite = await createInvite(admin.agent, 'member', 10);
    moderator = await TestMember.signUp(
      cluster.nodes[0]!.url,
      await createInvite(admin.agent, 'moderator', 1),
    );
  });

  afterAll(async () => {
    for (const m of members.splice(0)) m.close();
    admin?.close();
    moderator?.close();
    redis?.disconnect();
    if (b) await stopOrKill(b);
    await cluster?.stop();
  });

  /** A new group with a writer whose socket is on node a and a reader whose socket is on node b. */
  async function groupWithReaderOnB(name: string) {
    const res = await admin.agent.post('/api/groups', {
      name,
      topic: 'challenging-class',
      guidelines: 'Be kind.',
    });
    expect(res.status).toBe(201);
    const groupId = res.body.group.id as string;
    const a = cluster.nodes[0]!;
    const writer = await TestMember.signUp(a.url, invite);
    const reader = await TestMember.signUp(a.url, invite, b.url);
    members.push(writer, reader);
    await writer.join(groupId);
    await reader.join(groupId);
    return { groupId, writer, reader };
  }

  /** Keeps node b's subscriber disconnected while `during` runs (each reconnect is cut again at once). */
  async function withoutBSubscriber(during: () => Promise<void>): Promise<void> {
    const cut = () => redis.call('CLIENT', 'KILL', 'USER', B_USER, 'TYPE', 'pubsub') as Promise<number>;
    expect(await cut()).toBeGreaterThan(0);
    let cutting = true;
    const loop = (async () => {
      while (cutting) {
        await cut();
        await sleep(5);
      }
    })();
    try {
      await during();
    } finally {
      cutting = false;
      await loop;
    }
    // Each reconnect inside the gap was ready (and resynced) for a moment; wait for the one that stays.
    await waitFor(
      async () =>
        ((await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string).includes(`user=${B_USER} `),
      { what: "node b's subscriber to be back" },
    );
  }

  it('when a moderator removes a message while the subscriber is away, then members on that node get the tombstone after the resync, not the text', async () => {
    const { groupId, writer, reader } = await groupWithReaderOnB('Removal during a gap');
    await appointModerator(admin, moderator, groupId);
    await writer.open(groupId);
    const sync = await reader.open(groupId);
    const seqs: number[] = [];
    for (const text of ['first, kept', 'second, to be removed', 'third, kept'])
      seqs.push((await writer.send(groupId, text)).seq);
    await waitFor(() => seqs.every((s) => sync.feed.find(s)?.text), { what: 'the reader has all three' });

    const liveRemovals: number[] = [];
    reader.socket.on('message:removed', (p) => liveRemovals.push(p.seq));
    let resyncs = 0;
    reader.socket.on('groups:resync', () => (resyncs += 1));
    let later = 0;
    await withoutBSubscriber(async () => {
      const removed = await moderator.transport.request('message:remove', { groupId, seq: seqs[1]! });
      expect(removed.ok).toBe(true);
      later = (await writer.send(groupId, 'fourth, during the gap')).seq;
      await sleep(300); // anything node b could still have received by now, it would have
    });
    // The gap was real: the removal never reached node b live.
    expect(liveRemovals).toEqual([]);

    await waitFor(() => resyncs > 0, { what: 'node b to tell its clients to resync' });
    await waitFor(() => sync.feed.find(seqs[1]!)?.kind === 'removed', {
      what: 'the removed message to become a tombstone on node b',
    });
    const gone = sync.feed.find(seqs[1]!);
    expect(gone?.text).toBe('');
    expect(gone?.removedBy).toBe('moderator');
    await waitFor(() => sync.feed.find(later)?.text === 'fourth, during the gap', {
      what: 'the message sent during the gap',
    });
    expect(sync.feed.find(seqs[0]!)?.text).toBe('first, kept');
    expect(sync.feed.find(seqs[2]!)?.text).toBe('third, kept');

    // Live again on node b afterwards.
    const after = (await writer.send(groupId, 'fifth, after the gap')).seq;
    await waitFor(() => reader.received.some((m) => m.seq === after), { what: 'live again' });
    expect(sync.feed.find(after)?.text).toBe('fifth, after the gap');
  });

  it('when a member is kicked while the subscriber is away, then that node takes their socket out of the group after the resync, even if their client never reopens', async () => {
    const a = cluster.nodes[0]!;
    const res = await admin.agent.post('/api/groups', {
      name: 'Kick during a gap',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
    });
    const groupId = res.body.group.id as string;
    const writer = await TestMember.signUp(a.url, invite);
    const witness = await TestMember.signUp(a.url, invite, b.url);
    const kicked = await TestMember.signUp(a.url, invite, b.url);
    members.push(writer, witness, kicked);
    for (const m of [writer, witness, kicked]) await m.join(groupId);
    await appointModerator(admin, moderator, groupId);
    await writer.open(groupId);
    const seen = await witness.open(groupId);
    const tag = (await kicked.open(groupId)).opened!.me.tag;
    // A client that ignores the resync (an old one, or a script): only the server can stop its delivery.
    kicked.socket.removeAllListeners('groups:resync');
    const removals: string[] = [];
    kicked.socket.on('group:removed', (p) => removals.push(p.groupId));
    let resyncs = 0;
    witness.socket.on('groups:resync', () => (resyncs += 1));

    await withoutBSubscriber(async () => {
      const ack = await moderator.transport.request('mod:kick', { groupId, tag, reason: 'off topic' });
      expect(ack.ok).toBe(true);
      await sleep(300);
    });
    expect(removals).toEqual([]); // the kick never reached node b live
    await waitFor(() => resyncs > 0, { what: 'node b to tell its clients to resync' });

    // Node b no longer counts the kicked socket in the group (before: it stayed in the room for good, typing to
    // the group and receiving its messages).
    await waitFor(
      async () => {
        const ack = await kicked.transport.request('typing:start', { groupId });
        return !ack.ok && ack.error.code === 'NOT_FOUND';
      },
      { what: 'the kicked socket to be out of the group on node b', intervalMs: 250 },
    );
    // Node b delivers the next message live to the witness; the kicked socket, on the same node, does not get it.
    const { seq } = await writer.send(groupId, 'after the kick');
    await waitFor(() => witness.received.some((m) => m.seq === seq), {
      what: 'the witness to receive it live',
    });
    expect(seen.feed.find(seq)?.text).toBe('after the kick');
    await sleep(200);
    expect(kicked.received.map((m) => m.seq)).not.toContain(seq);
  });

  it('when reactions change while the subscriber is away, then members on that node see the counts as they are after the resync, their own included', async () => {
    const { groupId, writer, reader } = await groupWithReaderOnB('Reactions during a gap');
    await writer.open(groupId);
    const first = (await writer.send(groupId, 'first')).seq;
    const second = (await writer.send(groupId, 'second')).seq;
    const react = async (m: TestMember, seq: number, kind: 'heart' | 'hug', on: boolean) => {
      const ack = await m.transport.request('reaction:set', { groupId, seq, kind, on });
      expect(ack.ok).toBe(true);
    };
    await react(writer, second, 'heart', true);
    const sync = await reader.open(groupId);
    expect(sync.feed.find(second)?.reactions).toEqual({ heart: 1 });
    await react(reader, first, 'hug', true); // from the reader's other tab, say: this sync does not apply it

    const liveUpdates: number[] = [];
    reader.socket.on('reaction:update', (p) => liveUpdates.push(p.seq));
    let resyncs = 0;
    reader.socket.on('groups:resync', () => (resyncs += 1));
    const before = sync.opened;
    await withoutBSubscriber(async () => {
      await react(writer, first, 'heart', true);
      await react(writer, second, 'heart', false);
      await sleep(300); // anything node b could still have received by now, it would have
    });
    expect(liveUpdates).toEqual([]); // the gap was real: neither change reached node b live

    await waitFor(() => resyncs > 0 && sync.opened !== before, {
      what: 'the reader to reopen after the resync',
    });
    await waitFor(() => sync.feed.find(first)?.reactions?.heart === 1, {
      what: 'the reaction made during the gap to show on node b',
    });
    expect(sync.feed.find(first)).toMatchObject({ reactions: { heart: 1, hug: 1 }, mine: ['hug'] });
    expect(sync.feed.find(second)).toMatchObject({ reactions: {}, mine: [] });
  });
});
