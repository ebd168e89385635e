import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import type { ErrorInfo } from '@staffroom/shared/protocol/errors';
import type { ServerEventName, ServerPayload } from '@staffroom/shared/protocol/server-events';
import type { Message } from '@staffroom/shared/schemas/messages';
import { GroupRoom, type RoomConnection } from './group-room';

const GROUP = 'g1';
const ME = { tag: 'me', name: 'Ana' };
const BEN = { tag: 'ben', name: 'Ben' };

type Handler = (payload: unknown) => void;

/**
 * A connection to a tiny in-memory server with one group: it stores messages with a seq, answers a resent client
 * id with the first result (as the real server does), and can drop acks or refuse sends on demand.
 */
class FakeServer implements RoomConnection {
  connected = true;
  readonly messages: Message[] = [];
  readonly sends: { clientId: string; confirmIdentifying: boolean }[] = [];
  /** Next sends are refused with these errors, in order (after being stored, for `lostAck`). */
  readonly refusals: (ErrorInfo | 'lostAck')[] = [];
  /** The group is locked (as `group:open` reports it). */
  locked = false;
  /** What each `group:open` asked for. */
  readonly opens: { since?: number; from?: number }[] = [];
  /** Crisis resources the next stored message's ack carries. */
  support: { name: string; contact: string; hours: string }[] | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly connectionHandlers = new Set<(connected: boolean) => void>();

  async request<E extends ClientEventName>(
    event: E,
    payload: ClientPayload<E>,
  ): Promise<Ack<ClientResult<E>>> {
    await Promise.resolve();
    if (!this.connected) return { ok: false, error: { code: 'UNAVAILABLE', message: 'offline' } };
    return this.answer(event, payload as Record<string, unknown>) as Ack<ClientResult<E>>;
  }

  private answer(event: ClientEventName, p: Record<string, unknown>): Ack<unknown> {
    switch (event) {
      case 'group:open': {
        const since = p.since as number | undefined;
        const from = p.from as number | undefined;
        this.opens.push({
          ...(since !== undefined ? { since } : {}),
          ...(from !== undefined ? { from } : {}),
        });
        const page =
          since === undefined ? this.messages.slice(-50) : this.messages.filter((m) => m.seq > since);
        // As the server: which of what the client holds (`from`..`since`) are removed now.
        const removed =
          since === undefined || from === undefined
            ? []
            : this.messages
                .filter((m) => m.kind === 'removed' && m.seq >= from && m.seq <= since)
                .map((m) => ({ seq: m.seq, by: m.removedBy ?? 'moderator' }));
        return {
          ok: true,
          data: {
            messages: page,
            more: false,
            gap: null,
            me: ME,
            latestSeq: this.messages.length,
            readSeq: 0,
            present: [ME, BEN],
            posting: { locked: this.locked, slowSeconds: 0, mutedUntil: null },
            ...(removed.length > 0 ? { removed } : {}),
          },
        };
      }
      case 'group:history': {
        const after = p.after as number | undefined;
        const page = after === undefined ? [] : this.messages.filter((m) => m.seq > after);
        return { ok: true, data: { messages: page, more: false, gap: null } };
      }
      case 'message:send': {
        const clientId = p.clientId as string;
        this.sends.push({ clientId, confirmIdentifying: p.confirmIdentifying === true });
        const previous = this.messages.find((m) => m.clientId === clientId);
        const refusal = previous ? undefined : this.refusals.shift();
        if (refusal && refusal !== 'lostAck') return { ok: false, error: refusal };
        if (previous) return { ok: true, data: { seq: previous.seq, ts: previous.ts, duplicate: true } };
        const m: Message = {
          groupId: GROUP,
          seq: this.messages.length + 1,
          ts: 1_000 + this.messages.length,
          kind: 'text',
          author: ME,
          text: p.text as string,
          clientId,
        };
        this.messages.push(m);
        this.emit('message:new', m);
        if (refusal === 'lostAck') return { ok: false, error: { code: 'UNAVAILABLE', message: 'no answer' } };
        const support = this.support;
        this.support = null;
        return {
          ok: true,
          data: { seq: m.seq, ts: m.ts, duplicate: false, ...(support ? { support } : {}) },
        };
      }
      case 'reaction:set':
        return { ok: true, data: { count: 1 } };
      default:
        return { ok: true, data: {} };
    }
  }

  isConnected = () => this.connected;

  on<E extends ServerEventName>(event: E, handler: (payload: ServerPayload<E>) => void): () => void {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    this.handlers.set(event, set);
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }

  emit<E extends ServerEventName>(event: E, payload: ServerPayload<E>): void {
    if (!this.connected) return;
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }

  onConnectionChange(handler: (connected: boolean) => void): () => void {
    this.connectionHandlers.add(handler);
    return () => this.connectionHandlers.delete(handler);
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
    for (const handler of this.connectionHandlers) handler(connected);
  }

  /** A moderator removes a message, and the `message:removed` is lost (as while a node's subscriber is away). */
  removeUnheard(seq: number): void {
    const at = this.messages.findIndex((m) => m.seq === seq);
    const m = this.messages[at];
    if (m) this.messages[at] = { ...m, kind: 'removed', text: '', removedBy: 'moderator' };
  }

  /** Someone else posts; `unheard`: its `message:new` is lost. */
  post(author: { tag: string; name: string }, text: string, unheard = false): Message {
    const m: Message = {
      groupId: GROUP,
      seq: this.messages.length + 1,
      ts: 1_000 + this.messages.length,
      kind: 'text',
      author,
      text,
    };
    this.messages.push(m);
    if (!unheard) this.emit('message:new', m);
    return m;
  }
}

const rooms: GroupRoom[] = [];
function openRoom(server: FakeServer): GroupRoom {
  const room = new GroupRoom(GROUP, server);
  rooms.push(room);
  room.start();
  return room;
}

afterEach(() => {
  for (const room of rooms.splice(0)) room.stop();
  vi.useRealTimers();
});

const texts = (room: GroupRoom) => room.getSnapshot().messages.map((m) => m.text);

describe('GroupRoom', () => {
  it('when the group opens, then it shows history, who is here and me', async () => {
    const server = new FakeServer();
    server.post(BEN, 'hello');
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    expect(texts(room)).toEqual(['hello']);
    expect(room.getSnapshot().me).toEqual(ME);
    expect(room.getSnapshot().present.map((m) => m.name)).toEqual(['Ana', 'Ben']);
    expect(room.getSnapshot().readSeq).toBeNull(); // a first visit starts at the newest, without a line
  });

  it('when a batch of messages arrives, then each shows once, in seq order, and batches of other groups are ignored', async () => {
    const server = new FakeServer();
    server.post(BEN, 'one');
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    const at = (seq: number, text: string): Message => ({
      groupId: GROUP,
      seq,
      ts: 1_000 + seq,
      kind: 'text',
      author: BEN,
      text,
    });
    // Seq 1 again (already shown), then 2 and 3; a batch of another group must not land here.
    server.emit('message:batch', { groupId: GROUP, messages: [at(1, 'one'), at(2, 'two'), at(3, 'three')] });
    server.emit('message:batch', {
      groupId: 'other',
      messages: [{ ...at(4, 'elsewhere'), groupId: 'other' }],
    });
    expect(texts(room)).toEqual(['one', 'two', 'three']);
    server.emit('message:new', at(4, 'four'));
    expect(texts(room)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('when I send while offline, then it stays pending and goes once, with its client id, when back', async () => {
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    server.setConnected(false);
    room.send('written offline');
    await Promise.resolve();
    expect(room.getSnapshot().outbox.map((e) => [e.text, e.state])).toEqual([['written offline', 'pending']]);
    expect(server.sends).toEqual([]);

    server.setConnected(true);
    await vi.waitFor(() => expect(room.getSnapshot().outbox).toEqual([]));
    expect(texts(room)).toEqual(['written offline']);
    expect(server.sends).toHaveLength(1);
  });

  it('when an ack is lost, then the resend after a reconnect reuses the client id and the feed has one copy', async () => {
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    // Stored on the server, but neither the ack nor the broadcast reaches us.
    server.refusals.push('lostAck');
    const emit = server.emit.bind(server);
    server.emit = () => undefined;
    room.send('did it arrive?');
    await vi.waitFor(() => expect(room.getSnapshot().outbox[0]?.state).toBe('pending'));
    server.emit = emit;

    server.setConnected(false);
    server.setConnected(true);
    await vi.waitFor(() => expect(room.getSnapshot().outbox).toEqual([]));
    expect(texts(room)).toEqual(['did it arrive?']);
    expect(server.messages).toHaveLength(1);
    const ids = new Set(server.sends.map((s) => s.clientId));
    expect(ids.size).toBe(1);
  });

  it('when the privacy guard asks, then "send anyway" resends the same message, confirmed', async () => {
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    server.refusals.push({
      code: 'PRIVACY_CONFIRM_REQUIRED',
      message: 'may identify',
      findings: [{ kind: 'email', match: 'ana@school.org' }],
    });
    room.send('write to ana@school.org');
    await vi.waitFor(() => expect(room.getSnapshot().outbox[0]?.state).toBe('confirm'));

    room.confirmSend(room.getSnapshot().outbox[0]!.clientId);
    await vi.waitFor(() => expect(room.getSnapshot().outbox).toEqual([]));
    expect(server.sends.map((s) => s.confirmIdentifying)).toEqual([false, true]);
    expect(new Set(server.sends.map((s) => s.clientId)).size).toBe(1);
  });

  it('when my message suggests risk, then the ack’s resources are shown, though its broadcast came first', async () => {
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    const resources = [{ name: 'Helpline', contact: 'Call 988', hours: '24/7' }];
    server.support = resources;
    room.send('I feel hopeless');
    await vi.waitFor(() => expect(room.getSnapshot().support).toEqual(resources));
    expect(texts(room)).toEqual(['I feel hopeless']);
    room.dismissSupport();
    expect(room.getSnapshot().support).toBeNull();
  });

  it('when the privacy question carries resources, then they stay with the question (no second dialog); a mute that carries them says why', async () => {
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    const resources = [{ name: 'Helpline', contact: 'Call 988', hours: '24/7' }];
    server.refusals.push({
      code: 'PRIVACY_CONFIRM_REQUIRED',
      message: 'This may identify you',
      findings: [{ kind: 'phone', match: '07700 900123' }],
      support: resources,
    });
    room.send('I want to end it, call 07700 900123');
    await vi.waitFor(() => expect(room.getSnapshot().outbox[0]?.state).toBe('confirm'));
    expect(room.getSnapshot().outbox[0]?.error?.support).toEqual(resources);
    expect(room.getSnapshot().support).toBeNull();

    server.refusals.push({ code: 'MUTED', message: 'Muted', until: Date.now() + 60_000, support: resources });
    room.send('I want to end it tonight');
    await vi.waitFor(() => expect(room.getSnapshot().support).toEqual(resources));
    expect(room.getSnapshot().supportRefused).toBe(true);
    expect(room.getSnapshot().supportRefusedCode).toBe('MUTED');
  });

  it('when slow mode refuses, then the message waits and goes by itself once the wait is over', async () => {
    vi.useFakeTimers();
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.advanceTimersByTimeAsync(10);
    server.refusals.push({ code: 'SLOW_MODE', message: 'slow', retryAfterMs: 5_000 });
    room.send('patience');
    await vi.advanceTimersByTimeAsync(10);
    expect(room.getSnapshot().outbox[0]?.state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(room.getSnapshot().outbox).toEqual([]);
    expect(texts(room)).toEqual(['patience']);
  });

  it('when a message is removed or reacted to, then the feed shows the tombstone and the count', async () => {
    const server = new FakeServer();
    const m = server.post(BEN, 'something regrettable');
    const kept = server.post(BEN, 'something kind');
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));

    server.emit('message:removed', { groupId: GROUP, seq: m.seq, by: 'moderator' });
    server.emit('reaction:update', { groupId: GROUP, seq: kept.seq, kind: 'heart', count: 3 });
    const [removed, reacted] = room.getSnapshot().messages;
    expect(removed).toMatchObject({ kind: 'removed', text: '', removedBy: 'moderator' });
    expect(reacted?.reactions).toEqual({ heart: 3 });

    await room.react(kept.seq, 'hug');
    expect(room.getSnapshot().messages[1]?.mine).toEqual(['hug']);
  });

  it('when the server says resync, then the room reopens with since and from: a removal it never heard of becomes a tombstone, what it missed arrives, and the lock shows', async () => {
    const server = new FakeServer();
    server.post(BEN, 'one');
    server.post(BEN, 'two');
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    expect(texts(room)).toEqual(['one', 'two']);

    // While this node's subscriber was away: a removal, a message and a lock, none of them heard here.
    server.removeUnheard(1);
    server.post(BEN, 'three', true);
    server.locked = true;
    server.emit('groups:resync', {});

    await vi.waitFor(() => expect(texts(room)).toEqual(['', 'two', 'three']));
    const first = room.getSnapshot().messages[0];
    expect(first?.kind).toBe('removed');
    expect(first?.removedBy).toBe('moderator');
    expect(room.getSnapshot().locked).toBe(true);
    expect(room.getSnapshot().status).toBe('open');
    expect(server.opens.at(-1)).toEqual({ since: 2, from: 1 });
    // Sending still works after it.
    room.send('after the resync');
    await vi.waitFor(() => expect(texts(room)).toEqual(['', 'two', 'three', 'after the resync']));
  });

  it('when someone types, then they show as typing for a few seconds; a new message of theirs clears it', async () => {
    vi.useFakeTimers();
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.advanceTimersByTimeAsync(10);
    server.emit('typing', { groupId: GROUP, member: BEN });
    expect(room.getSnapshot().typing).toEqual([BEN]);
    await vi.advanceTimersByTimeAsync(4_100);
    expect(room.getSnapshot().typing).toEqual([]);

    server.emit('typing', { groupId: GROUP, member: BEN });
    server.post(BEN, 'done typing');
    expect(room.getSnapshot().typing).toEqual([]);
  });

  it('when messages arrive from others, then one polite announcement names who wrote', async () => {
    vi.useFakeTimers();
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.advanceTimersByTimeAsync(10);
    server.post(BEN, 'one');
    server.post(BEN, 'two');
    server.post({ tag: 'cleo', name: 'Cleo' }, 'three');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(room.getSnapshot().announcement?.text).toBe('3 new messages from Ben and Cleo');
  });

  it('when I am removed from the group, then the room says why and stops sending', async () => {
    const server = new FakeServer();
    const room = openRoom(server);
    await vi.waitFor(() => expect(room.getSnapshot().status).toBe('open'));
    server.emit('group:removed', { groupId: GROUP, reason: 'kicked' });
    expect(room.getSnapshot()).toMatchObject({ status: 'removed', removed: 'kicked' });
  });
});
