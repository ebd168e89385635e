import { randomUUID } from 'node:crypto';
import { GroupSync } from '@staffroom/shared/feed/group-sync';
import type { ClientEventName, ClientPayload } from '@staffroom/shared/protocol/client-events';
import type { Message } from '@staffroom/shared/schemas/messages';
import { createAgent, GOOD_PASSPHRASE, uniquePseudonym, type Agent } from './http.js';
import { connect, request, type TestSocket } from './socket.js';
import { sleep } from './ports.js';

/**
 * A member as the real client behaves: a session, a reconnecting socket, one GroupSync per open group (the same
 * ordering, dedupe and catch-up code the React client uses), and sends retried with the same client id.
 */
export class TestMember {
  readonly syncs = new Map<string, GroupSync>();
  /** Every `message:new` as it arrived (a `message:batch` unpacked in order), before ordering (for counting duplicates on the wire). */
  readonly received: Message[] = [];
  /** How many `message:batch` frames arrived. */
  batches = 0;
  reconnects = 0;
  lastConnectError = '';
  readonly disconnectReasons: string[] = [];

  private constructor(
    readonly agent: Agent,
    readonly pseudonym: string,
    public socket: TestSocket,
    /** The node this member's socket talks to. */
    public url: string,
  ) {}

  static async signUp(baseUrl: string, invite: string, socketUrl = baseUrl): Promise<TestMember> {
    const agent = createAgent(baseUrl);
    const pseudonym = uniquePseudonym('Member');
    const res = await agent.post('/api/auth/signup', { invite, pseudonym, passphrase: GOOD_PASSPHRASE });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    const socket = await connect(socketUrl, { cookie: agent.cookie(), reconnection: true });
    const member = new TestMember(agent, pseudonym, socket, socketUrl);
    member.wire();
    return member;
  }

  private wire(): void {
    this.socket.on('message:new', (m) => {
      this.received.push(m);
      this.syncs.get(m.groupId)?.onMessage(m);
    });
    this.socket.on('message:batch', ({ messages }) => {
      this.batches += 1;
      for (const m of messages) {
        this.received.push(m);
        this.syncs.get(m.groupId)?.onMessage(m);
      }
    });
    this.socket.on('disconnect', (reason) => {
      this.disconnectReasons.push(reason);
    });
    this.socket.on('connect_error', (err) => {
      this.lastConnectError = `${err.message} ${JSON.stringify((err as { data?: unknown }).data ?? null)}`;
    });
    // As the web client: a resync reopens each open group (removals missed during the gap become tombstones).
    this.socket.on('groups:resync', () => {
      for (const sync of this.syncs.values()) void sync.resume().catch(() => {});
    });
    this.socket.io.on('reconnect', () => {
      this.reconnects += 1;
      for (const sync of this.syncs.values()) void sync.resume().catch(() => {});
    });
  }

  /** Moves this member's connection to another node (as after a load balancer sends it elsewhere). */
  async moveTo(url: string): Promise<void> {
    this.socket.removeAllListeners();
    this.socket.io.removeAllListeners();
    this.socket.close();
    this.socket = await connect(url, { cookie: this.agent.cookie(), reconnection: true });
    this.url = url;
    this.wire();
    for (const sync of this.syncs.values()) await sync.open();
  }

  readonly transport = {
    request: <E extends ClientEventName>(event: E, payload: ClientPayload<E>) =>
      request(this.socket, event, payload),
  };

  async join(groupId: string): Promise<void> {
    const ack = await this.transport.request('group:join', { groupId, acceptGuidelines: true });
    if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
  }

  async open(groupId: string): Promise<GroupSync> {
    const sync = new GroupSync(this.transport, groupId);
    this.syncs.set(groupId, sync);
    await sync.open();
    return sync;
  }

  /** Sends until acknowledged, retrying with the same client id across timeouts and reconnects. */
  async send(
    groupId: string,
    text: string,
    clientId: string = randomUUID(),
  ): Promise<{ seq: number; duplicate: boolean }> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      let failure = 'offline';
      let wait = 50;
      if (this.socket.connected) {
        try {
          const ack = await request(this.socket, 'message:send', { groupId, clientId, text }, 2_000);
          if (ack.ok) return ack.data;
          // As the web client: a refusal for rate is waited out, never hammered (the server cuts off a socket
          // refused SOCKET_ABUSE_REFUSALS times in 10 s).
          if (ack.error.code === 'RATE_LIMITED') wait = Math.max(wait, ack.error.retryAfterMs ?? 250);
          else if (ack.error.code !== 'UNAVAILABLE' && ack.error.code !== 'NOT_FOUND')
            throw new Error(ack.error.code);
          failure = ack.error.code;
        } catch (err) {
          failure = String(err);
        }
      }
      if (Date.now() > deadline) {
        throw new Error(
          `send not acknowledged within 30 s (${failure}; socket ${this.socket.connected ? 'connected' : 'disconnected'}, active ${this.socket.active}, last connect error: ${this.lastConnectError}, disconnects: ${this.disconnectReasons.join(',')})`,
        );
      }
      await sleep(wait);
    }
  }

  /** The ordered seqs this member shows for a group. */
  seqs(groupId: string): number[] {
    return this.syncs.get(groupId)?.feed.messages.map((m) => m.seq) ?? [];
  }

  close(): void {
    for (const sync of this.syncs.values()) sync.dispose();
    this.socket.removeAllListeners();
    this.socket.io.removeAllListeners();
    this.socket.close();
  }
}
