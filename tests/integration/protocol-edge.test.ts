import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEvents, type ClientEventName } from '@staffroom/shared/protocol/client-events';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { NAUGHTY_STRINGS, WRONG_TYPES } from '../fixtures/bad-inputs.js';
import { createInvite, signUp } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { disconnected } from '../support/socket.js';

/** Controls, bidi overrides and live markup must never survive into stored text. */
const UNSAFE_IN_STORED_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]|<script|<img|<svg/;

let redis: TestRedis;
let node: TestNode;
let attacker: TestMember;
let bystander: TestMember;
let groupId: string;
let invite: string;

beforeAll(async () => {
  redis = await startRedis();
  node = await startNode({
    redisUrl: redis.url,
    prefix: redis.prefix,
    // This file is about validation, not limits (tests/abuse holds those): the hostile client may send thousands
    // of events in a few seconds without being throttled or disconnected.
    env: {
      SEND_LIMIT_PER_10S: '100000',
      JOIN_LIMIT_PER_MINUTE: '100000',
      EVENT_BUDGET_PER_10S: '1000000',
      SOCKET_ABUSE_REFUSALS: '1000000',
    },
  });
  const admin = await signUp(node.url, node.bootstrapInvite as string);
  invite = await createInvite(admin);
  groupId = (await admin.post('/api/groups', { name: 'Edge', topic: 'general', guidelines: 'Be kind.' })).body
    .group.id;
  attacker = await TestMember.signUp(node.url, invite);
  bystander = await TestMember.signUp(node.url, invite);
  for (const m of [attacker, bystander]) {
    await m.join(groupId);
    await m.open(groupId);
  }
});

afterAll(async () => {
  attacker.close();
  bystander.close();
  await node.stop();
  await redis.stop();
});

/** Emits raw (untyped) and resolves with the ack. */
function raw(
  m: TestMember,
  event: string,
  payload: unknown,
): Promise<{ ok: boolean; error?: { code: string } }> {
  return new Promise((resolve, reject) => {
    (m.socket.timeout(5_000) as unknown as { emit(...a: unknown[]): void }).emit(
      event,
      payload,
      (err: Error | null, ack: never) => (err ? reject(err) : resolve(ack)),
    );
  });
}

describe('hostile payloads', () => {
  it('when every event gets wrong types, then each answer is a typed error and the server keeps serving', async () => {
    const rows: { event: string; cases: number; codes: string }[] = [];
    for (const event of Object.keys(clientEvents) as ClientEventName[]) {
      const codes = new Set<string>();
      for (const payload of WRONG_TYPES) {
        const ack = await raw(attacker, event, payload);
        if (ack.ok) continue; // e.g. me:get ignores nothing; `{}` is a valid payload for some events
        codes.add(ack.error?.code ?? 'none');
      }
      rows.push({ event, cases: WRONG_TYPES.length, codes: [...codes].sort().join(' ') });
      for (const code of codes) expect(Object.values(ErrorCode), `${event} → ${code}`).toContain(code);
    }
    console.table(rows);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const still = await bystander.send(groupId, 'still here');
    expect(still.seq).toBeGreaterThan(0);
  });

  it('when an unknown event is emitted, then it gets INVALID_PAYLOAD', async () => {
    expect(await raw(attacker, 'admin:drop-everything', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await raw(attacker, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
  });

  it('when an event carries its ack but no payload, or arguments past the payload, then it is answered', async () => {
    /** Emits raw with these arguments before the ack; resolves with the ack, or null after 2 s without one. */
    const withArgs = (args: unknown[], event: string) =>
      new Promise<{ ok: boolean; error?: { code: string } } | null>((resolve) => {
        (attacker.socket.timeout(2_000) as unknown as { emit(...a: unknown[]): void }).emit(
          event,
          ...args,
          (err: Error | null, ack: never) => resolve(err ? null : ack),
        );
      });
    const unanswered: string[] = [];
    for (const event of Object.keys(clientEvents) as ClientEventName[]) {
      const ack = await withArgs([], event);
      if (ack === null) unanswered.push(event);
      else if (!ack.ok) expect(Object.values(ErrorCode)).toContain(ack.error?.code);
    }
    expect(unanswered).toEqual([]);
    // The payload is the argument after the event name; what follows it (before the ack) is ignored.
    expect(await withArgs([{}, 'extra', 42], 'me:get')).toMatchObject({ ok: true });
    const sent = await withArgs(
      [{ groupId, clientId: 'extra-args-01', text: 'hi' }, 'extra'],
      'message:send',
    );
    expect(sent).toMatchObject({ ok: true });
    expect((await bystander.send(groupId, 'after acks without payloads')).seq).toBeGreaterThan(0);
  }, 150_000);

  it('when naughty strings are sent as messages, then each is stored clean or refused with a typed error', async () => {
    const outcomes: Record<string, number> = {};
    for (const [i, text] of NAUGHTY_STRINGS.entries()) {
      const ack = await raw(attacker, 'message:send', {
        groupId,
        clientId: `naughty-${i}-${Date.now()}`,
        text,
      });
      const key = ack.ok ? 'stored' : (ack.error?.code ?? 'none');
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (!ack.ok)
        expect(['INVALID_PAYLOAD', 'MESSAGE_EMPTY', 'MESSAGE_TOO_LONG']).toContain(ack.error?.code);
    }
    console.log('naughty strings as messages:', outcomes);
    const page = await attacker.transport.request('group:history', { groupId, limit: 200 });
    expect(page.ok).toBe(true);
    for (const m of page.ok ? page.data.messages : []) {
      expect(m.text).not.toMatch(UNSAFE_IN_STORED_TEXT);
    }
    expect((await bystander.send(groupId, 'after naughty strings')).seq).toBeGreaterThan(0);
  });

  it('when naughty strings go into every string field, then the answers are typed errors, never crashes', async () => {
    for (const text of NAUGHTY_STRINGS) {
      for (const payload of [
        { groupId: text },
        { groupId, since: text },
        { groupId, seq: 1, kind: text, on: true },
        { code: text, acceptGuidelines: true },
        { groupId, acceptGuidelines: true, alias: text },
      ]) {
        for (const event of ['group:open', 'reaction:set', 'group:join', 'group:history', 'typing:start']) {
          const ack = await raw(attacker, event, payload);
          if (!ack.ok) expect(Object.values(ErrorCode)).toContain(ack.error?.code);
        }
      }
    }
    expect((await bystander.send(groupId, 'after every field')).seq).toBeGreaterThan(0);
  });

  it('when a frame is larger than the 64 KB limit, then only that connection is closed', async () => {
    const victim = await TestMember.signUp(node.url, invite);
    const closed = disconnected(victim.socket);
    (victim.socket as unknown as { emit(...a: unknown[]): void }).emit('message:send', {
      groupId,
      clientId: 'huge-frame-1',
      text: 'x'.repeat(1_000_000),
    });
    expect(await closed).toMatch(/transport close|transport error|parse error/);
    victim.close();
    const ok = await bystander.send(groupId, 'after a huge frame');
    expect(ok.seq).toBeGreaterThan(0);
    await waitFor(async () => (await fetch(`${node.url}/healthz`)).ok);
  });

  it('when an event comes without an ack callback, then it is ignored', async () => {
    (attacker.socket as unknown as { emit(...a: unknown[]): void }).emit('message:send', {
      groupId,
      clientId: 'no-ack-0001',
      text: 'no ack',
    });
    const page = await attacker.transport.request('group:history', { groupId, limit: 5 });
    expect(page.ok && page.data.messages.some((m) => m.clientId === 'no-ack-0001')).toBe(false);
  });
});
