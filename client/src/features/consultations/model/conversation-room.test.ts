import { describe, expect, it } from 'vitest';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import type { ServerEventName, ServerPayload } from '@staffroom/shared/protocol/server-events';
import type { ConversationView, SealedMessage } from '@staffroom/shared/schemas/consultations';
import { conversationKey, seal, type Identity } from '../../../lib/e2e-crypto';
import { ConversationRoom, type ConvoConnection } from './conversation-room';
import { parseGoal, serializeGoal } from './goal';
import { dueReminder, reminderFor } from './reminder';

const CONVO = 'c1';

/** A key pair without the passphrase wrapping (PBKDF2 is the slow part, and not what these tests are about). */
async function identity(): Promise<Identity> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  return {
    privateKey: pair.privateKey,
    publicKey: JSON.stringify(await crypto.subtle.exportKey('jwk', pair.publicKey)),
  };
}

type Handler = (payload: unknown) => void;

/**
 * A tiny in-memory server with one conversation between me (teacher) and a consultant: seqs, a client id that
 * is answered with the first result when resent, live events, and a switch to drop the connection.
 */
class FakeServer implements ConvoConnection {
  connected = true;
  readonly messages: SealedMessage[] = [];
  readonly sends: string[] = [];
  /** While true, stored messages are not pushed live (as when pub/sub drops them). */
  silent = false;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly connectionHandlers = new Set<(connected: boolean) => void>();

  constructor(
    private readonly peerPublicKey: string,
    private readonly view: Partial<ConversationView> = {},
  ) {}

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
      case 'convo:open': {
        const since = (p.since as number | undefined) ?? 0;
        return {
          ok: true,
          data: {
            view: {
              id: CONVO,
              role: 'teacher',
              peer: { name: 'Mentor', publicKey: this.peerPublicKey },
              status: 'active',
              closeProposedBy: null,
              createdAt: 0,
              goals: [],
              checkIns: [],
              feedbackDone: false,
              blocked: false,
              ...this.view,
            },
            messages: this.messages.filter((m) => m.seq > since),
            more: false,
          },
        };
      }
      case 'convo:history': {
        const after = p.after as number;
        return { ok: true, data: { messages: this.messages.filter((m) => m.seq > after), more: false } };
      }
      case 'convo:send': {
        const clientId = p.clientId as string;
        this.sends.push(clientId);
        const previous = this.messages.find((m) => m.clientId === clientId);
        if (previous) return { ok: true, data: { seq: previous.seq, ts: previous.ts, duplicate: true } };
        const m = this.store('teacher', { ciphertext: p.ciphertext as string, iv: p.iv as string }, clientId);
        return { ok: true, data: { seq: m.seq, ts: m.ts, duplicate: false } };
      }
      default:
        return { ok: false, error: { code: 'INVALID_PAYLOAD', message: event } };
    }
  }

  store(from: 'teacher' | 'consultant', sealed: { ciphertext: string; iv: string }, clientId?: string) {
    const m: SealedMessage = {
      conversationId: CONVO,
      seq: this.messages.length + 1,
      ts: 1_000 + this.messages.length,
      from,
      ...sealed,
      ...(clientId ? { clientId } : {}),
    };
    this.messages.push(m);
    if (!this.silent) this.emit('convo:message', m);
    return m;
  }

  emit(event: ServerEventName, payload: unknown): void {
    for (const h of this.handlers.get(event) ?? []) h(payload);
  }

  isConnected(): boolean {
    return this.connected;
  }

  on<E extends ServerEventName>(event: E, handler: (payload: ServerPayload<E>) => void): () => void {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    this.handlers.set(event, set);
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }

  onConnectionChange(handler: (connected: boolean) => void): () => void {
    this.connectionHandlers.add(handler);
    return () => this.connectionHandlers.delete(handler);
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
    for (const h of this.connectionHandlers) h(connected);
  }
}

async function settle(room: ConversationRoom, check: () => boolean, what: string): Promise<void> {
  // Generous: the gap fill waits 1.5 s on purpose, and the unit project runs many files at once.
  const deadline = Date.now() + 8_000;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(room.getSnapshot().messages)}`);
}

async function setUp() {
  const [me, peer] = [await identity(), await identity()];
  const server = new FakeServer(peer.publicKey);
  const peerKey = await conversationKey(peer, me.publicKey, CONVO);
  const room = new ConversationRoom(CONVO, me, server);
  return { me, peer, server, peerKey, room };
}

const texts = (room: ConversationRoom) => room.getSnapshot().messages.map((m) => m.text);

describe('ConversationRoom', () => {
  it('when messages arrive twice and out of order, then each is shown once, in seq order, decrypted', async () => {
    const { server, peerKey, room } = await setUp();
    server.store('consultant', await seal(peerKey, 'one'));
    room.start();
    await settle(room, () => room.getSnapshot().status === 'open', 'open');
    server.silent = true;
    const second = server.store('consultant', await seal(peerKey, 'two'));
    const third = server.store('consultant', await seal(peerKey, 'three'));
    server.emit('convo:message', third);
    server.emit('convo:message', second);
    server.emit('convo:message', third);
    await settle(room, () => texts(room).length === 3, 'three messages');
    expect(texts(room)).toEqual(['one', 'two', 'three']);
    expect(room.getSnapshot().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    room.stop();
  });

  it('when a live message skips a seq, then the one in between is fetched from history', async () => {
    const { server, peerKey, room } = await setUp();
    room.start();
    await settle(room, () => room.getSnapshot().status === 'open', 'open');
    server.silent = true;
    server.store('consultant', await seal(peerKey, 'missed'));
    const later = server.store('consultant', await seal(peerKey, 'later'));
    server.emit('convo:message', later);
    await settle(room, () => texts(room).length === 2, 'the gap to fill');
    expect(texts(room)).toEqual(['missed', 'later']);
    room.stop();
  });

  it('when I write while disconnected, then it waits, and is sent once, in order, after the reconnect catch-up', async () => {
    const { server, peerKey, room } = await setUp();
    room.start();
    await settle(room, () => room.getSnapshot().status === 'open', 'open');
    server.setConnected(false);
    room.send('first offline');
    room.send('second offline');
    await new Promise((r) => setTimeout(r, 30));
    expect(room.getSnapshot().outbox.map((e) => [e.text, e.state])).toEqual([
      ['first offline', 'pending'],
      ['second offline', 'pending'],
    ]);
    server.silent = true;
    server.store('consultant', await seal(peerKey, 'while you were away'));
    server.silent = false;
    server.setConnected(true);
    await settle(room, () => texts(room).length === 3 && room.getSnapshot().outbox.length === 0, 'sent');
    expect(texts(room)).toEqual(['while you were away', 'first offline', 'second offline']);
    expect(new Set(server.sends).size).toBe(2);
    expect(room.getSnapshot().messages.filter((m) => m.mine)).toHaveLength(2);
    room.stop();
  });

  it('when a message was sealed for other keys, then it is shown as unreadable instead of failing', async () => {
    const { server, room } = await setUp();
    const stranger = await identity();
    const other = await conversationKey(stranger, (await identity()).publicKey, CONVO);
    server.store('consultant', await seal(other, 'sealed for someone else'));
    room.start();
    await settle(room, () => room.getSnapshot().messages.length === 1, 'the message');
    expect(texts(room)).toEqual([null]);
    room.stop();
  });
});

describe('goals and reminders', () => {
  it('reads back a goal it wrote, and tolerates a malformed one', () => {
    const goal = { title: 'Calmer transitions', status: 'met' as const, notes: [{ at: 5, text: 'Done' }] };
    expect(parseGoal(serializeGoal(goal))).toEqual(goal);
    expect(parseGoal('{"title":"x","status":"weird","notes":[1]}')).toEqual({
      title: 'x',
      status: 'not-started',
      notes: [],
    });
    expect(parseGoal('not json')).toBeNull();
    expect(parseGoal('{"status":"met"}')).toBeNull();
  });

  it('reminds from 15 minutes before an accepted check-in until it ends, and never for a proposal', () => {
    const at = 1_000_000_000;
    const accepted = { status: 'accepted' as const, startsAt: at, durationMinutes: 30 };
    expect(reminderFor(accepted, at - 16 * 60_000)).toBeNull();
    expect(reminderFor(accepted, at - 15 * 60_000)).toEqual({ kind: 'soon', minutes: 15 });
    expect(reminderFor(accepted, at - 30_000)).toEqual({ kind: 'soon', minutes: 1 });
    expect(reminderFor(accepted, at)).toEqual({ kind: 'now', endsAt: at + 30 * 60_000 });
    expect(reminderFor(accepted, at + 30 * 60_000)).toBeNull();
    expect(reminderFor({ ...accepted, status: 'proposed' }, at)).toBeNull();
    const later = { ...accepted, startsAt: at + 10 * 60_000 };
    expect(dueReminder([later, accepted], at - 60_000)?.checkIn).toBe(accepted);
  });
});
