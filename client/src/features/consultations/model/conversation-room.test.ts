import { describe, expect, it } from 'vitest';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import type { ServerEventName, ServerPayload } from '@staffroom/shared/protocol/server-events';
import type {
  CheckIn,
  ConversationView,
  Sealed,
  SealedGoal,
  SealedMessage,
  SealKind,
} from '@staffroom/shared/schemas/consultations';
import { conversationKey, seal, type Identity } from '../../../lib/e2e-crypto';
import { encodeMessageBody, keyFingerprint, sealItem, sealPin } from '../../../lib/e2e-seal';
import { ConversationRoom, type ConvoConnection } from './conversation-room';
import { openIntakeNote, sealIntakeNote } from './intake-seal';
import { memoryPinStore, type PinStore } from './pins';
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
  readonly payloads: Record<string, unknown>[] = [];
  goals: SealedGoal[] = [];
  checkIns: CheckIn[] = [];
  pin: Sealed | null = null;
  myCounter = 0;
  /** While true, stored messages are not pushed live (as when pub/sub drops them). */
  silent = false;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly connectionHandlers = new Set<(connected: boolean) => void>();

  constructor(
    public peerPublicKey: string,
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
    this.payloads.push({ event, ...p });
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
              myPin: this.pin,
              myCounter: this.myCounter,
              goals: this.goals,
              checkIns: this.checkIns,
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
        const m = this.store('teacher', { ...(p as unknown as Sealed) }, clientId);
        return { ok: true, data: { seq: m.seq, ts: m.ts, duplicate: false } };
      }
      case 'convo:pin':
        this.pin = p.pin as Sealed;
        return { ok: true, data: {} };
      case 'convo:report':
        return { ok: true, data: { id: 'r1' } };
      case 'convo:intake-note':
        return { ok: true, data: {} };
      default:
        return { ok: false, error: { code: 'INVALID_PAYLOAD', message: event } };
    }
  }

  store(from: 'teacher' | 'consultant', sealed: Sealed, clientId?: string) {
    const m: SealedMessage = {
      conversationId: CONVO,
      seq: this.messages.length + 1,
      ts: 1_000 + this.messages.length,
      from,
      ciphertext: sealed.ciphertext,
      iv: sealed.iv,
      ...(sealed.meta ? { meta: sealed.meta } : {}),
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

/** Seals as a browser of `who` does: its fingerprint, the counter given, a message's text as a message body. */
async function sealBy(
  who: Identity,
  to: Identity,
  key: CryptoKey,
  kind: SealKind,
  counter: number,
  text: string,
) {
  const sender = await keyFingerprint(who.publicKey);
  const recipient = await keyFingerprint(to.publicKey);
  const plaintext = kind === 'message' ? encodeMessageBody({ text }) : text;
  return sealItem(key, CONVO, { v: 2, kind, sender, recipient, counter }, plaintext);
}

async function setUp(pins: PinStore = memoryPinStore(), me?: Identity, view: Partial<ConversationView> = {}) {
  const self = me ?? (await identity());
  const peer = await identity();
  const server = new FakeServer(peer.publicKey, view);
  const peerKey = await conversationKey(peer, self.publicKey, CONVO);
  const room = new ConversationRoom(CONVO, self, server, Date.now, pins);
  let counter = 0;
  /** The peer's next message, sealed as its browser would. */
  const says = (text: string) => sealBy(peer, self, peerKey, 'message', ++counter, text);
  return { me: self, peer, server, peerKey, room, says };
}

const texts = (room: ConversationRoom) => room.getSnapshot().messages.map((m) => m.text);
const refusals = (room: ConversationRoom) => room.getSnapshot().messages.map((m) => m.refusal);
const opened = (room: ConversationRoom) => settle(room, () => room.getSnapshot().status === 'open', 'open');

describe('ConversationRoom', () => {
  it('when messages arrive twice and out of order, then each is shown once, in seq order, decrypted', async () => {
    const { server, room, says } = await setUp();
    server.store('consultant', await says('one'));
    room.start();
    await settle(room, () => room.getSnapshot().status === 'open', 'open');
    server.silent = true;
    const second = server.store('consultant', await says('two'));
    const third = server.store('consultant', await says('three'));
    server.emit('convo:message', third);
    server.emit('convo:message', second);
    server.emit('convo:message', third);
    await settle(room, () => texts(room).length === 3, 'three messages');
    expect(texts(room)).toEqual(['one', 'two', 'three']);
    expect(room.getSnapshot().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    room.stop();
  });

  it('when a live message skips a seq, then the one in between is fetched from history', async () => {
    const { server, room, says } = await setUp();
    room.start();
    await settle(room, () => room.getSnapshot().status === 'open', 'open');
    server.silent = true;
    server.store('consultant', await says('missed'));
    const later = server.store('consultant', await says('later'));
    server.emit('convo:message', later);
    await settle(room, () => texts(room).length === 2, 'the gap to fill');
    expect(texts(room)).toEqual(['missed', 'later']);
    room.stop();
  });

  it('when I write while disconnected, then it waits, and is sent once, in order, after the reconnect catch-up', async () => {
    const { server, room, says } = await setUp();
    room.start();
    await settle(room, () => room.getSnapshot().status === 'open', 'open');
    server.setConnected(false);
    void room.send('first offline');
    void room.send('second offline');
    await new Promise((r) => setTimeout(r, 30));
    expect(room.getSnapshot().outbox.map((e) => [e.text, e.state])).toEqual([
      ['first offline', 'pending'],
      ['second offline', 'pending'],
    ]);
    server.silent = true;
    server.store('consultant', await says('while you were away'));
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
    const someone = await identity();
    const other = await conversationKey(stranger, someone.publicKey, CONVO);
    server.store(
      'consultant',
      await sealBy(stranger, someone, other, 'message', 1, 'sealed for someone else'),
    );
    room.start();
    await settle(room, () => room.getSnapshot().messages.length === 1, 'the message');
    expect(texts(room)).toEqual([null]);
    expect(refusals(room)).toEqual(['unreadable']);
    room.stop();
  });
});

/** The crisis guard runs in the browsers: the server never reads a one-to-one message, so it cannot. */
describe('ConversationRoom crisis check', () => {
  const RISK = 'I can’t do this anymore. I want to end it all, I have the pills ready for tonight.';
  const OTHER = 'A colleague told me she has a plan to kill herself this weekend. What do I do?';

  it('when I write a message that signals risk, then it is still sealed and sent, and I am told to show the resources', async () => {
    const { server, room } = await setUp();
    room.start();
    await opened(room);
    expect(await room.send('Thanks, the meeting went well.')).toBeNull();
    expect(await room.send(RISK)).toBe('self');
    expect(await room.send(OTHER)).toBe('other');
    await settle(room, () => room.getSnapshot().outbox.length === 0 && texts(room).length === 3, 'sent');
    expect(texts(room)).toEqual(['Thanks, the meeting went well.', RISK, OTHER]);
    expect(server.sends).toHaveLength(3);
    // Sealed: the plaintext is in nothing the server was given, and nothing about the check was sent either.
    expect(JSON.stringify(server.payloads)).not.toContain('pills');
    expect(server.payloads.every((p) => p.event !== 'convo:report')).toBe(true);
    room.stop();
  });

  it('when the consultant receives a message from the teacher that signals risk, then only that one is flagged', async () => {
    const { server, room, says } = await setUp(memoryPinStore(), undefined, { role: 'consultant' });
    server.store('teacher', await says('Hello, thank you for taking this on.'));
    room.start();
    await opened(room);
    server.store('teacher', await says(RISK));
    server.store('teacher', await says(OTHER));
    await settle(room, () => texts(room).length === 3, 'three messages');
    expect(room.getSnapshot().messages.map((m) => m.signalsRisk)).toEqual([false, true, false]);
    // Reflecting the teacher's words back is part of the work: the consultant is not shown the teacher's dialog.
    expect(await room.send(`You wrote: "${RISK}" I am here.`)).toBeNull();
    room.stop();
  });

  it('when the consultant opens a goal or a check-in note the teacher sealed that signals risk, then it is flagged; their own are not', async () => {
    const { me, peer, peerKey, server, room } = await setUp(memoryPinStore(), undefined, {
      role: 'consultant',
    });
    const mine = await conversationKey(me, peer.publicKey, CONVO);
    const goal = (title: string, notes: string[] = []) =>
      JSON.stringify({ title, status: 'in-progress', notes: notes.map((text, at) => ({ at, text })) });
    const g1 = await sealBy(peer, me, peerKey, 'goal', 1, goal('Calmer mornings', ['Tried the timer']));
    const g2 = await sealBy(peer, me, peerKey, 'goal', 2, goal('Get to Friday', [RISK]));
    const g3 = await sealBy(peer, me, peerKey, 'goal', 3, goal('Support a colleague', [OTHER]));
    const g4 = await sealBy(me, peer, mine, 'goal', 4, goal(`They wrote: ${RISK}`));
    server.goals = [
      { id: 'g1', updatedAt: 1, ...g1 },
      { id: 'g2', updatedAt: 2, ...g2 },
      { id: 'g3', updatedAt: 3, ...g3 },
      { id: 'g4', updatedAt: 4, ...g4 },
    ];
    const base = { startsAt: 5, durationMinutes: 30, status: 'accepted' as const };
    server.checkIns = [
      { id: 'k1', ...base, proposedBy: 'teacher', note: await sealBy(peer, me, peerKey, 'checkin', 5, RISK) },
      {
        id: 'k2',
        ...base,
        proposedBy: 'teacher',
        note: await sealBy(peer, me, peerKey, 'checkin', 6, 'Lesson plan'),
      },
      { id: 'k3', ...base, proposedBy: 'consultant', note: await sealBy(me, peer, mine, 'checkin', 7, RISK) },
    ];
    room.start();
    await opened(room);
    expect(room.getSnapshot().goals.map((g) => [g.id, g.signals])).toEqual([
      ['g1', null],
      ['g2', 'self'],
      ['g3', 'other'],
      ['g4', null],
    ]);
    expect(room.getSnapshot().checkIns.map((c) => [c.id, c.noteSignals])).toEqual([
      ['k1', 'self'],
      ['k2', null],
      ['k3', null],
    ]);
    room.stop();
  });

  it('when the teacher opens the same goal and note, then nothing is flagged', async () => {
    const { me, peer, peerKey, server, room } = await setUp();
    const g = await sealBy(peer, me, peerKey, 'goal', 1, JSON.stringify({ title: RISK, status: 'met' }));
    server.goals = [{ id: 'g1', updatedAt: 1, ...g }];
    const note = await sealBy(peer, me, peerKey, 'checkin', 2, RISK);
    server.checkIns = [
      { id: 'k1', startsAt: 5, durationMinutes: 30, status: 'accepted', proposedBy: 'consultant', note },
    ];
    room.start();
    await opened(room);
    expect(room.getSnapshot().goals.map((x) => x.signals)).toEqual([null]);
    expect(room.getSnapshot().checkIns.map((x) => x.noteSignals)).toEqual([null]);
    room.stop();
  });

  it('when two teachers are paired reciprocally, then the one in the consultant place is checked as a writer and flags the other as a reader', async () => {
    const reciprocal = { mine: { offers: [], wants: [] }, theirs: { offers: [], wants: [] } };
    const { server, room, says } = await setUp(memoryPinStore(), undefined, {
      role: 'consultant',
      reciprocal,
    });
    room.start();
    await opened(room);
    // My own message: the writer's check, as for a teacher.
    expect(await room.send(RISK)).toBe('self');
    // The partner's message (the teacher's side of the record): flagged for me, as for any consultant.
    server.store('teacher', await says(RISK));
    await settle(room, () => texts(room).length === 2, 'both messages');
    expect(room.getSnapshot().messages.at(-1)).toMatchObject({ mine: false, signalsRisk: true });
    room.stop();
  });

  it('when the partner in the consultant place of a reciprocal pair writes risk, then the teacher side is shown it too', async () => {
    const reciprocal = { mine: { offers: [], wants: [] }, theirs: { offers: [], wants: [] } };
    const { server, room, says } = await setUp(memoryPinStore(), undefined, { reciprocal });
    server.store('consultant', await says(RISK));
    room.start();
    await opened(room);
    await settle(room, () => texts(room).length === 1, 'the message');
    expect(room.getSnapshot().messages.map((m) => m.signalsRisk)).toEqual([true]);
    room.stop();
  });

  it('when the teacher receives the same words from the consultant, then nothing is flagged (the banner is for the consultant)', async () => {
    const { server, room, says } = await setUp();
    room.start();
    await opened(room);
    server.store('consultant', await says(RISK));
    await settle(room, () => texts(room).length === 1, 'the message');
    expect(room.getSnapshot().messages.map((m) => m.signalsRisk)).toEqual([false]);
    room.stop();
  });
});

/** The server turned hostile: each way it can tamper is detected, shown as refused, never as genuine. */
describe('ConversationRoom against a tampering server', () => {
  it('when the server replays a message, then the copy is refused and the original stays', async () => {
    const { server, room, says } = await setUp();
    const first = server.store('consultant', await says('only once'));
    server.store('consultant', first); // the same ciphertext and context again, at a later seq
    room.start();
    await settle(room, () => texts(room).length === 2, 'both rows');
    expect(texts(room)).toEqual(['only once', null]);
    expect(refusals(room)).toEqual([null, 'replayed']);
    room.stop();
  });

  it('when the server reflects my own message back as the other person’s, then it is refused', async () => {
    const { me, server, peer, room } = await setUp();
    const mineKey = await conversationKey(me, peer.publicKey, CONVO);
    const reflected = await sealBy(me, peer, mineKey, 'message', 1, 'I am struggling with period 3');
    server.store('consultant', reflected);
    room.start();
    await settle(room, () => texts(room).length === 1, 'the row');
    expect(room.getSnapshot().messages[0]).toMatchObject({ mine: false, text: null, refusal: 'reflected' });
    room.stop();
  });

  it('when the server swaps the order of two messages, then the one out of place is refused', async () => {
    const { me, server, peer, peerKey, room } = await setUp();
    const early = await sealBy(peer, me, peerKey, 'message', 1, 'first written');
    const late = await sealBy(peer, me, peerKey, 'message', 2, 'second written');
    server.store('consultant', late);
    server.store('consultant', early);
    room.start();
    await settle(room, () => texts(room).length === 2, 'both rows');
    expect(texts(room)).toEqual(['second written', null]);
    expect(refusals(room)).toEqual([null, 'reordered']);
    room.stop();
  });

  it('when a message fills a hole late, then it is accepted (arriving late is not a reorder)', async () => {
    const { server, room, says } = await setUp();
    room.start();
    await opened(room);
    server.silent = true;
    server.store('consultant', await says('missed'));
    const later = server.store('consultant', await says('later'));
    server.emit('convo:message', later);
    await settle(room, () => texts(room).length === 2, 'the gap to fill');
    expect(refusals(room)).toEqual([null, null]);
    room.stop();
  });

  it('when the server moves a goal into the feed, or a message into the goals, then both are refused', async () => {
    const { me, server, peer, peerKey, room, says } = await setUp();
    const goal = await sealBy(peer, me, peerKey, 'goal', 5, JSON.stringify({ title: 'Calm', status: 'met' }));
    server.store('consultant', goal);
    const message = await says('a message, not a goal');
    server.goals = [{ id: 'g1', updatedAt: 1, ...message }];
    room.start();
    await settle(room, () => texts(room).length === 1, 'the row');
    expect(room.getSnapshot().messages[0]).toMatchObject({ text: null, refusal: 'kind' });
    expect(room.getSnapshot().goals[0]).toMatchObject({ content: null, refusal: 'kind' });
    room.stop();
  });

  it('when the server rewrites the context (counter) or strips it, then the item is refused', async () => {
    const { server, room, says } = await setUp();
    const sealed = await says('hello');
    server.store('consultant', { ...sealed, meta: { ...sealed.meta, counter: 99 } });
    const legacyKey = await conversationKey(await identity(), (await identity()).publicKey, CONVO);
    server.store('consultant', await seal(legacyKey, 'old format'));
    room.start();
    await settle(room, () => texts(room).length === 2, 'both rows');
    expect(refusals(room)).toEqual(['tampered', 'legacy']);
    expect(texts(room)).toEqual([null, null]);
    room.stop();
  });

  it('when the server swaps the other person’s key, then sending stops until I acknowledge, and the pin holds on a new browser', async () => {
    const pins = memoryPinStore();
    const { me, server, room, says } = await setUp(pins);
    server.store('consultant', await says('before'));
    room.start();
    await settle(room, () => texts(room).length === 1, 'the first message');
    expect(server.pin).not.toBeNull(); // pinned at first use, and a sealed copy given to the server
    expect(room.getSnapshot().keyChanged).toBe(false);

    const mallory = await identity();
    const malloryKey = await conversationKey(mallory, me.publicKey, CONVO);
    server.peerPublicKey = mallory.publicKey;
    server.store('consultant', await sealBy(mallory, me, malloryKey, 'message', 2, 'trust me'));
    room.sync();
    await settle(room, () => room.getSnapshot().keyChanged, 'the key-change notice');
    await settle(room, () => texts(room).length === 2, 'the new row');
    expect(texts(room)).toEqual(['before', null]); // still opened with the pinned key, the new one hidden
    expect(room.canSeal()).toBe(false);
    void room.send('are you there?');
    await settle(room, () => room.getSnapshot().outbox[0]?.state === 'failed', 'send refused');
    expect(server.sends).toEqual([]);

    // A new browser (no device pin) restores the pin from the sealed copy: the change is still noticed.
    const elsewhere = new ConversationRoom(CONVO, me, server, Date.now, memoryPinStore());
    elsewhere.start();
    await settle(elsewhere, () => elsewhere.getSnapshot().keyChanged, 'notice on the new browser');
    elsewhere.stop();
    // A pin sealed by anyone but me (the server making one up) is ignored: it cannot pin Mallory silently.
    server.pin = await sealPin(mallory, CONVO, mallory.publicKey);
    const forged = new ConversationRoom(CONVO, me, server, Date.now, pins);
    forged.start();
    await settle(forged, () => forged.getSnapshot().keyChanged, 'notice despite a forged pin');
    forged.stop();

    room.acknowledgeKeyChange();
    await settle(room, () => !room.getSnapshot().keyChanged && texts(room)[1] === 'trust me', 're-pinned');
    expect(room.canSeal()).toBe(true);
    room.stop();
  });

  it('when I send a message, then it carries no franking commitment; a message an earlier version sealed with one still opens, and a message that is no message body is refused', async () => {
    const { me, server, peer, peerKey, room } = await setUp();
    const sender = await keyFingerprint(peer.publicKey);
    const recipient = await keyFingerprint(me.publicKey);
    // Sealed as earlier versions did: a franking key inside, a commitment in the context (nothing checks it now).
    const older = await sealItem(
      peerKey,
      CONVO,
      { v: 2, kind: 'message', sender, recipient, counter: 1, commitment: 'C'.repeat(43) },
      JSON.stringify({ t: 'from before', fk: 'K'.repeat(43) }),
    );
    server.store('consultant', older);
    const notABody = await sealItem(
      peerKey,
      CONVO,
      { v: 2, kind: 'message', sender, recipient, counter: 2 },
      'x',
    );
    server.store('consultant', notABody);
    room.start();
    await opened(room);
    await room.send('from now');
    await settle(room, () => room.getSnapshot().outbox.length === 0 && texts(room).length === 3, 'sent');
    expect(texts(room)).toEqual(['from before', null, 'from now']);
    expect(refusals(room)).toEqual([null, 'tampered', null]);
    const sent = server.payloads.find((p) => p.event === 'convo:send') as unknown as Sealed;
    expect(sent.meta).toEqual({ v: 2, kind: 'message', sender: recipient, recipient: sender, counter: 1 });
    room.stop();
  });

  it('when the server relabels who proposed a check-in, copies a note, or rolls a goal back, then those are refused', async () => {
    const { me, server, peer, peerKey, room } = await setUp();
    const note = await sealBy(peer, me, peerKey, 'checkin', 1, 'Bring the seating plan');
    const base = { startsAt: 5, durationMinutes: 30, status: 'proposed' as const };
    server.checkIns = [
      { id: 'k1', ...base, proposedBy: 'consultant', note },
      { id: 'k2', ...base, proposedBy: 'teacher', note }, // reflected as mine
      { id: 'k3', ...base, proposedBy: 'consultant', note }, // the same note again
    ];
    const v1 = await sealBy(peer, me, peerKey, 'goal', 2, JSON.stringify({ title: 'Calm', status: 'met' }));
    const v2 = await sealBy(peer, me, peerKey, 'goal', 4, JSON.stringify({ title: 'Calmer', status: 'met' }));
    server.goals = [{ id: 'g1', updatedAt: 1, ...v2 }];
    room.start();
    await settle(room, () => room.getSnapshot().goals.length === 1, 'the goal');
    expect(room.getSnapshot().checkIns.map((c) => [c.noteText, c.noteRefusal])).toEqual([
      ['Bring the seating plan', null],
      [null, 'reflected'],
      [null, 'replayed'],
    ]);
    expect(room.getSnapshot().goals[0]?.content?.title).toBe('Calmer');
    server.goals = [{ id: 'g1', updatedAt: 2, ...v1 }]; // the older version comes back
    room.sync();
    await settle(room, () => room.getSnapshot().goals[0]?.refusal === 'reordered', 'the rollback refused');
    expect(room.getSnapshot().goals[0]?.content).toBeNull();
    room.stop();
  });

  it('opens resources the other person shared and a note they completed on my check-in; refuses a resource sealed as another kind or relabelled as mine', async () => {
    const view: Partial<ConversationView> = {};
    const { me, peer, peerKey, room } = await setUp(memoryPinStore(), undefined, view);
    const link = JSON.stringify({ type: 'link', title: 'Roles cards', url: 'https://example.org/roles' });
    const bad = JSON.stringify({ type: 'link', title: 'Sneaky', url: 'javascript:alert(1)' });
    const r1 = await sealBy(peer, me, peerKey, 'resource', 1, link);
    const r2 = await sealBy(peer, me, peerKey, 'goal', 2, link);
    const r3 = await sealBy(peer, me, peerKey, 'resource', 3, link);
    const r4 = await sealBy(peer, me, peerKey, 'resource', 4, bad);
    const note = await sealBy(peer, me, peerKey, 'checkin', 5, 'What I noticed: calm start');
    const at = { ts: 1, documentSize: 0 };
    // The fake server answers `convo:open` with this view (the items are sealed once the keys exist).
    Object.assign(view, {
      resources: [
        { id: 'a', from: 'consultant', ...at, ...r1 },
        { id: 'b', from: 'consultant', ...at, ...r2 },
        { id: 'c', from: 'teacher', ...at, ...r3 },
        { id: 'd', from: 'consultant', ...at, ...r4 },
      ],
      checkIns: [
        {
          id: 'k1',
          startsAt: 5,
          durationMinutes: 30,
          status: 'accepted',
          proposedBy: 'teacher',
          noteBy: 'consultant',
          note,
        },
      ],
    });
    room.start();
    await opened(room);
    const shown = room.getSnapshot().resources;
    expect(shown.map((r) => [r.id, r.content?.type ?? null, r.refusal])).toEqual([
      ['a', 'link', null],
      ['b', null, 'kind'],
      ['c', null, 'reflected'],
      ['d', null, 'kind'],
    ]);
    expect(shown[0]?.mine).toBe(false);
    expect(room.getSnapshot().checkIns[0]?.noteText).toBe('What I noticed: calm start');
    room.stop();
  });

  it('when my history already holds my counter 7, then my next message uses 8, and a report carries my note, never a message', async () => {
    const { me, peer, server, room, says } = await setUp();
    const mineKey = await conversationKey(me, peer.publicKey, CONVO);
    server.store('teacher', await sealBy(me, peer, mineKey, 'message', 7, 'from another device'));
    server.store('consultant', await says('rude words'));
    room.start();
    await opened(room);
    void room.send('next');
    await settle(room, () => server.sends.length === 1, 'sent');
    const sent = server.payloads.find((p) => p.event === 'convo:send') as { meta: { counter: number } };
    expect(sent.meta.counter).toBe(8);
    expect((await room.report(2, 'harassment', 'They were curt with me.')).ok).toBe(true);
    const report = server.payloads.find((p) => p.event === 'convo:report');
    expect(report).toEqual({
      event: 'convo:report',
      conversationId: CONVO,
      seq: 2,
      reason: 'harassment',
      note: 'They were curt with me.',
    });
    expect(JSON.stringify(server.payloads.filter((p) => p.event === 'convo:report'))).not.toContain(
      'rude words',
    );
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

describe('ConversationRoom: the intake note of a hand assignment', () => {
  const REQUEST = 'request-1';
  const NOTE = 'Thirty in the room and no aide since October.';
  const passOns = (server: FakeServer) => server.payloads.filter((p) => p.event === 'convo:intake-note');
  const handAssigned = async (me: Identity): Promise<Partial<ConversationView>> => ({
    intake: {
      grades: ['2'],
      subjects: ['mathematics'],
      reasons: ['challenging-class'],
      focus: 'classroom-management',
      workStyles: ['messages'],
      preferredTimes: [],
      noteNotPassedOn: true,
      notePending: true,
    },
    noteToPass: { requestId: REQUEST, ...(await sealIntakeNote(me, me.publicKey, REQUEST, NOTE)) },
  });

  it('when the teacher opens it, then my own copy is sealed again to the pinned key of the consultant, once', async () => {
    const me = await identity();
    const view = await handAssigned(me);
    const { peer, server, room } = await setUp(memoryPinStore(), me, view);
    room.start();
    await room.notePassedOn();
    const [sent, ...more] = passOns(server);
    expect(more).toEqual([]);
    expect(sent).toMatchObject({ conversationId: CONVO, requestId: REQUEST, recipientKey: peer.publicKey });
    const copy = sent as unknown as { ciphertext: string; iv: string };
    // The consultant opens it with the teacher's key; nobody else's key opens it.
    expect(await openIntakeNote(peer, me.publicKey, REQUEST, copy)).toBe(NOTE);
    await expect(openIntakeNote(await identity(), me.publicKey, REQUEST, copy)).rejects.toBeTruthy();
    // Another sync with the same work does not send it again.
    room.sync();
    await room.notePassedOn();
    expect(passOns(server)).toHaveLength(1);
    room.stop();
  });

  it('when the server gives another key than the one pinned for the consultant, then the note is not sealed to it', async () => {
    const me = await identity();
    const pins = memoryPinStore();
    const view: Partial<ConversationView> = {};
    const { server, room } = await setUp(pins, me, view);
    room.start();
    await opened(room); // the consultant's key pinned at first use, before any note was due
    room.stop();

    const mallory = await identity();
    server.peerPublicKey = mallory.publicKey;
    Object.assign(view, await handAssigned(me));
    const again = new ConversationRoom(CONVO, me, server, Date.now, pins);
    again.start();
    await again.notePassedOn();
    expect(again.getSnapshot().keyChanged).toBe(true);
    expect(passOns(server)).toEqual([]);
    again.stop();
  });

  it('when I am the consultant, or my own copy does not open, then nothing is sent', async () => {
    const me = await identity();
    const someoneElse = await identity();
    const asConsultant = await setUp(memoryPinStore(), me, {
      ...(await handAssigned(me)),
      role: 'consultant',
    });
    asConsultant.room.start();
    await asConsultant.room.notePassedOn();
    expect(passOns(asConsultant.server)).toEqual([]);
    asConsultant.room.stop();
    // A copy sealed by another key (a server passing off someone else's note as mine) does not open here.
    const foreign = await setUp(memoryPinStore(), me, await handAssigned(someoneElse));
    foreign.room.start();
    await foreign.room.notePassedOn();
    expect(passOns(foreign.server)).toEqual([]);
    foreign.room.stop();
  });
});
