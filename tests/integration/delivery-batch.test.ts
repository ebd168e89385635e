import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverEvents } from '@staffroom/shared/protocol/server-events';
import type { Message } from '@staffroom/shared/schemas/messages';
import { createInvite, signUp, type Agent } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { connect, request, type TestSocket } from '../support/socket.js';

/**
 * Messages a node receives in one turn of its event loop go to each member as one `message:batch` frame
 * (protocol 2). These tests make bursts (many sends at once) so batches form, and check what the issue asks of
 * them: order across a batch, exactly once, a batch cut by a reconnect, and plain socket.io clients (websocket
 * and long-polling) reading them.
 */

interface Wire {
  /** Messages in arrival order, batches unpacked. */
  messages: Message[];
  batches: number;
}

/** A plain socket.io client's view: every frame parsed with the protocol's own schemas. */
function record(socket: TestSocket): Wire {
  const wire: Wire = { messages: [], batches: 0 };
  socket.on('message:new', (m) => wire.messages.push(serverEvents['message:new'].parse(m)));
  socket.on('message:batch', (b) => {
    const batch = serverEvents['message:batch'].parse(b);
    expect(batch.messages.length).toBeGreaterThan(1);
    for (const m of batch.messages) expect(m.groupId).toBe(batch.groupId);
    wire.batches += 1;
    wire.messages.push(...batch.messages);
  });
  return wire;
}

const env = { SEND_LIMIT_PER_10S: '100000', JOIN_LIMIT_PER_MINUTE: '10000' };

describe.each([
  { mode: 'Redis, two nodes', redis: true },
  { mode: 'embedded, one node', redis: false },
])('batched delivery ($mode)', ({ redis: withRedis }) => {
  let redis: TestRedis | undefined;
  let nodes: TestNode[] = [];
  let admin: Agent;
  let invite: string;
  const closers: (() => void)[] = [];
  /** Receivers on the last node, the sender on the first: with Redis, every message crosses the bus. */
  const receiverNode = () => nodes[nodes.length - 1] as TestNode;

  beforeAll(async () => {
    if (withRedis) {
      redis = await startRedis();
      const opts = { redisUrl: redis.url, prefix: redis.prefix, env };
      nodes = [await startNode(opts), await startNode(opts)];
    } else {
      nodes = [await startNode({ env })];
    }
    const first = nodes[0] as TestNode;
    admin = await signUp(first.url, first.bootstrapInvite as string);
    invite = await createInvite(admin, 'member', 100);
  });

  afterAll(async () => {
    for (const close of closers) close();
    await Promise.all(nodes.map((n) => n.stop()));
    await redis?.stop();
  });

  async function createGroup(name: string): Promise<string> {
    const res = await admin.post('/api/groups', {
      name,
      topic: 'workload-stress',
      description: 'Talking about marking loads.',
      guidelines: 'Be kind. Do not name students, colleagues or schools.',
      visibility: 'listed',
    });
    expect(res.status).toBe(201);
    return res.body.group.id as string;
  }

  async function member(node: TestNode): Promise<TestMember> {
    const m = await TestMember.signUp(node.url, invite);
    closers.push(() => m.close());
    return m;
  }

  /** `n` sends at once (not waiting for each ack); resolves with the acked seqs. */
  async function burst(sender: TestMember, groupId: string, n: number, tag: string): Promise<number[]> {
    const acks = await Promise.all(Array.from({ length: n }, (_, i) => sender.send(groupId, `${tag} ${i}`)));
    return acks.map((a) => a.seq);
  }

  it('when many messages arrive at once, then plain websocket and polling clients read them as batches, in seq order, each once', async () => {
    const groupId = await createGroup('Batch room');
    const sender = await member(nodes[0] as TestNode);
    await sender.join(groupId);
    await sender.open(groupId);
    const clients: { socket: TestSocket; wire: Wire }[] = [];
    for (const transports of [['websocket'], ['polling']] as const) {
      const m = await member(receiverNode());
      await m.join(groupId);
      const socket = await connect(receiverNode().url, {
        cookie: m.agent.cookie(),
        transports: [...transports],
      });
      closers.push(() => socket.close());
      const wire = record(socket);
      expect((await request(socket, 'group:open', { groupId })).ok).toBe(true);
      clients.push({ socket, wire });
    }
    const acked: number[] = [];
    // Bursts until both clients have seen a batch (one burst is nearly always enough).
    for (let round = 0; round < 8 && clients.some((c) => c.wire.batches === 0); round++) {
      acked.push(...(await burst(sender, groupId, 40, `burst ${round}`)));
      await waitFor(() => clients.every((c) => c.wire.messages.length >= acked.length), {
        what: 'every client to receive the burst',
      });
    }
    const expected = [...acked].sort((a, b) => a - b);
    for (const { wire } of clients) {
      expect(wire.batches).toBeGreaterThan(0);
      // Per-group order holds across and within batches, and nothing arrives twice.
      expect(wire.messages.map((m) => m.seq)).toEqual(expected);
      expect(wire.messages.every((m) => m.groupId === groupId)).toBe(true);
    }
    // The sender's own reconnecting client (GroupSync, as the app) shows the same.
    await waitFor(() => sender.seqs(groupId).length === expected.length, { what: 'the sender to show all' });
    expect(sender.seqs(groupId)).toEqual(expected);
  });

  it('when the connection drops right after a batch arrived, then the member catches up and shows every message once, in order', async () => {
    const groupId = await createGroup('Dropped batch room');
    const sender = await member(nodes[0] as TestNode);
    const receiver = await member(receiverNode());
    for (const m of [sender, receiver]) {
      await m.join(groupId);
      await m.open(groupId);
    }
    let dropped = 0;
    const dropOnBatch = () => {
      // The member's own handler (registered first) has taken the batch; now the link goes, mid-burst.
      dropped += 1;
      receiver.socket.io.engine.close();
    };
    receiver.socket.once('message:batch', dropOnBatch);
    const acked: number[] = [];
    for (let round = 0; round < 8 && dropped === 0; round++) {
      acked.push(...(await burst(sender, groupId, 40, `round ${round}`)));
    }
    expect(dropped).toBe(1);
    // More traffic after the drop: part live after the reconnect, part from history.
    acked.push(...(await burst(sender, groupId, 20, 'after')));
    const expected = [...acked].sort((a, b) => a - b);
    await waitFor(() => receiver.seqs(groupId).length === expected.length, {
      what: 'the receiver to catch up',
      timeoutMs: 20_000,
    });
    expect(receiver.reconnects).toBeGreaterThan(0);
    expect(receiver.seqs(groupId)).toEqual(expected);
  });
});
