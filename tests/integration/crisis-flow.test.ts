import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationCheckMs } from '../../server/src/config.js';
import { messageKeys } from '../../server/src/features/messages/messages.keys.js';
import { startNode } from '../support/node.js';
import { sleep, waitFor } from '../support/ports.js';
import { queueOf, waitForQueue } from '../support/queue.js';
import { connect, request } from '../support/socket.js';
import { startTwoNodes, type TwoNodes } from '../support/two-nodes.js';

/** The crisis flow around group messages, on two nodes sharing one real Redis. */
let d: TwoNodes;
/** A short escalation timeout (6 s, checked every 1.5 s) so the escalation test need not wait 15 minutes. */
const ESCALATE_MINUTES = 0.1;
const env = {
  SEND_LIMIT_PER_10S: '10000',
  JOIN_LIMIT_PER_MINUTE: '10000',
  CRISIS_ESCALATE_MINUTES: String(ESCALATE_MINUTES),
};

const RISK = 'I hate this bloody job, I want to kill myself tonight.';

/** A group, with blocked terms set by its moderator when given. */
async function createGroup(name: string, blockedTerms: string[] = []): Promise<string> {
  const groupId = await d.createGroup(name);
  if (blockedTerms.length > 0) {
    const ack = await d.moderator.transport.request('mod:settings', {
      groupId,
      blockedTerms,
      reason: 'house rules',
    });
    expect(ack.ok).toBe(true);
  }
  return groupId;
}

beforeAll(async () => {
  d = await startTwoNodes(env);
});

afterAll(() => d.stop());

describe('crisis before blocked terms', () => {
  it('when a message with a blocked term suggests risk, then it is refused, the sender privately gets resources, and moderators get one urgent item without its text', async () => {
    const groupId = await createGroup('Refused but heard', ['bloody']);
    const m = await d.member(1);
    const tag = await d.joinAndOpen(m, groupId);
    const send = () =>
      m.transport.request('message:send', { groupId, clientId: 'refused-risk-01', text: RISK });
    const refused = await send();
    expect(!refused.ok && refused.error.code).toBe('BLOCKED_TERM');
    const support = !refused.ok ? (refused.error.support ?? []) : [];
    expect(support.length).toBeGreaterThan(0);
    expect(support.some((r) => r.call !== undefined)).toBe(true);
    // The client retries a refusal only when the member sends again; the same client id raises no second item.
    expect((await send()).ok).toBe(false);

    const items = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      urgent: true,
      automatic: true,
      reason: 'crisis',
      refused: true,
      refusedFor: 'blocked-term',
      message: null,
      subject: { tag },
      before: [],
      after: [],
    });
    expect(items[0]!.createdAt).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(items[0])).not.toMatch(/kill|bloody|tonight/i);

    // Nothing reached the group.
    const history = await m.transport.request('group:history', { groupId, after: 0, limit: 50 });
    expect(history.ok && history.data.messages).toEqual([]);

    // A blocked term without risk is refused as before: no resources, no item.
    const plain = await m.transport.request('message:send', {
      groupId,
      clientId: 'refused-plain-1',
      text: 'this bloody photocopier again',
    });
    expect(!plain.ok && plain.error.code).toBe('BLOCKED_TERM');
    expect(!plain.ok && plain.error.support).toBeUndefined();
    expect(await queueOf(d.moderator, groupId)).toHaveLength(1);
  });
});

describe('urgent item raised with the message', () => {
  it('when the ack of a crisis message is lost and the sender retries with the same client id on the other node, then there is one message, one urgent item, and the retry gets the resources', async () => {
    const groupId = await createGroup('Lost ack');
    const m = await d.member(0);
    await d.joinAndOpen(m, groupId);
    const text = "Honestly I don't want to be here anymore. I've been thinking about ending it.";
    const clientId = 'lost-ack-crisis-1';
    // Sent, then the connection drops before the ack can come back. It drops once the message is stored: a
    // socket closed at once may take the event with it (socket.io drops events of a socket that is gone), and
    // on a loaded machine it did, leaving nothing to retry.
    void request(m.socket, 'message:send', { groupId, clientId, text }, 60_000).catch(() => {});
    const raw = d.redis.client();
    try {
      await waitFor(async () => Number(await raw.get(messageKeys(d.redis.prefix).seq(groupId))) >= 1, {
        what: 'the message to be stored',
      });
    } finally {
      raw.disconnect();
    }
    await m.moveTo(d.nodes[1].url);
    const first = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
    const retry = await m.transport.request('message:send', { groupId, clientId, text });
    expect(retry.ok && retry.data.duplicate).toBe(true);
    expect(retry.ok && retry.data.support?.length).toBeGreaterThan(0);
    const again = await m.transport.request('message:send', { groupId, clientId, text });
    expect(again.ok && again.data.duplicate).toBe(true);

    const items = await queueOf(d.moderator, groupId);
    expect(items).toHaveLength(1);
    expect(items[0]!.id).toBe(first[0]!.id);
    expect(items[0]).toMatchObject({ urgent: true, automatic: true, reason: 'crisis' });
    expect(items[0]!.message?.seq).toBe(retry.ok ? retry.data.seq : -1);
    const history = await m.transport.request('group:history', { groupId, after: 0, limit: 50 });
    expect(history.ok && history.data.messages).toHaveLength(1);
    // Nothing is left marked pending once the item exists.
    const client = d.redis.client();
    try {
      expect(await client.zcard(`${d.redis.prefix}grp:{${groupId}}:crisis`)).toBe(0);
    } finally {
      client.disconnect();
    }
  });

  it('when a node stored a crisis-flagged message and died before raising its item, then a node starting up raises it, once', async () => {
    const groupId = await createGroup('Crashed between steps');
    const m = await d.member(0);
    await d.joinAndOpen(m, groupId);
    const { seq } = await m.send(groupId, 'an ordinary message, stored');
    expect(await queueOf(d.moderator, groupId)).toHaveLength(0);
    // The state the append script leaves when the node dies right after it: the mark, and no item.
    const client = d.redis.client();
    try {
      await client.zadd(`${d.redis.prefix}grp:{${groupId}}:crisis`, seq, String(seq));
      const third = await startNode({ redisUrl: d.redis.url, prefix: d.redis.prefix, env });
      try {
        const items = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ urgent: true, reason: 'crisis', message: { seq } });
        await waitFor(async () => (await client.zcard(`${d.redis.prefix}grp:{${groupId}}:crisis`)) === 0);
      } finally {
        await third.stop();
      }
      // Another sweep (another node starting) finds nothing to raise.
      await client.zadd(`${d.redis.prefix}grp:{${groupId}}:crisis`, seq, String(seq));
      const fourth = await startNode({ redisUrl: d.redis.url, prefix: d.redis.prefix, env });
      try {
        await waitFor(async () => (await client.zcard(`${d.redis.prefix}grp:{${groupId}}:crisis`)) === 0);
        expect(await queueOf(d.moderator, groupId)).toHaveLength(1);
      } finally {
        await fourth.stop();
      }
    } finally {
      client.disconnect();
    }
  });
});

describe('reaching out privately', () => {
  it('when a moderator reaches out about an at-risk item, then only that member gets it, live on the other node and kept until read; it is audited without its text', async () => {
    const groupId = await createGroup('Reach out');
    const atRisk = await d.member(1);
    const bystander = await d.member(1);
    const bystanderA = await d.member(0);
    await d.joinAndOpen(atRisk, groupId);
    await d.joinAndOpen(bystander, groupId);
    await d.joinAndOpen(bystanderA, groupId);
    const got = { atRisk: [] as string[], others: [] as string[] };
    atRisk.socket.on('care:message', (m) => got.atRisk.push(m.text));
    for (const m of [bystander, bystanderA, d.admin])
      m.socket.on('care:message', (c) => got.others.push(c.text));
    await atRisk.send(groupId, "I've been thinking about ending it. I don't want to be here anymore.");
    const [item] = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));

    const text = 'Hi, this is the moderation team. We are here for you.';
    const notAllowed = await bystander.transport.request('mod:reach-out', { reportId: item!.id, text });
    expect(!notAllowed.ok && notAllowed.error.code).toBe('NOT_FOUND');
    const sent = await d.moderator.transport.request('mod:reach-out', { reportId: item!.id, text });
    expect(sent.ok).toBe(true);

    await waitFor(() => got.atRisk.length === 1, { what: 'the live care message on node B' });
    expect(got.atRisk).toEqual([text]);
    const inbox = await atRisk.transport.request('care:inbox', {});
    expect(inbox.ok && inbox.data.messages).toEqual([
      expect.objectContaining({ text, groupId, groupName: 'Reach out' }),
    ]);
    for (const m of [bystander, bystanderA, d.admin]) {
      const theirs = await m.transport.request('care:inbox', {});
      expect(theirs.ok && theirs.data.messages).toEqual([]);
    }
    // A read message is gone, and reading someone else's id does nothing to theirs.
    const id = inbox.ok ? inbox.data.messages[0]!.id : '';
    expect((await bystander.transport.request('care:read', { id })).ok).toBe(true);
    const still = await atRisk.transport.request('care:inbox', {});
    expect(still.ok && still.data.messages).toHaveLength(1);
    expect((await atRisk.transport.request('care:read', { id })).ok).toBe(true);
    const after = await atRisk.transport.request('care:inbox', {});
    expect(after.ok && after.data.messages).toEqual([]);

    const audit = await d.admin.transport.request('mod:audit', { groupId, action: 'reach-out', limit: 10 });
    expect(audit.ok && audit.data.entries).toHaveLength(1);
    expect(JSON.stringify(audit.ok ? audit.data.entries : [])).not.toContain('here for you');
    expect(got.others).toEqual([]);
    // The alert itself stays open: reaching out is not closing it.
    expect(await queueOf(d.moderator, groupId)).toHaveLength(1);
  });
});

describe('escalation to coordinators', () => {
  it('when no moderator acknowledges an urgent alert within CRISIS_ESCALATE_MINUTES, then coordinators are alerted once, live on every node; an acknowledged alert is not escalated', async () => {
    // Both nodes run the escalator with a 6 s timeout; one claims each alert.
    const adminOnB = await connect(d.nodes[1]!.url, { cookie: d.admin.agent.cookie() });
    try {
      const groupId = await createGroup('Nobody answered');
      const heard: Record<string, string[]> = { a: [], b: [], member: [] };
      d.admin.socket.on('mod:escalated', (e) => e.groupId === groupId && heard.a!.push(e.reportId));
      adminOnB.on('mod:escalated', (e) => e.groupId === groupId && heard.b!.push(e.reportId));
      const m = await d.member(0);
      m.socket.on('mod:escalated', (e) => heard.member!.push(e.reportId));
      await d.joinAndOpen(m, groupId);
      await m.send(
        groupId,
        "I've been thinking about ending it. I don't want to be here anymore.",
        'escalate-000001',
      );
      const [item] = await waitForQueue(d.admin, groupId, (q) => (q.length > 0 ? q : null));
      const badge = await d.admin.transport.request('mod:urgent', {});
      expect(badge.ok && badge.data.unacknowledged).toBeGreaterThanOrEqual(1);
      const memberBadge = await m.transport.request('mod:urgent', {});
      expect(memberBadge.ok && memberBadge.data.unacknowledged).toBe(0);
      // A second alert, about another member (alerts about one member are one item), acknowledged at once by
      // reaching out: never escalated.
      const other = await d.member(1);
      other.socket.on('mod:escalated', (e) => heard.member!.push(e.reportId));
      await d.joinAndOpen(other, groupId);
      const sending = Date.now();
      await other.send(groupId, 'I have a plan to kill myself tonight.', 'escalate-000002');
      const secondAt = Date.now();
      const second = await waitForQueue(d.admin, groupId, (q) => q.find((i) => i.id !== item!.id) ?? null);
      const reached = await d.admin.transport.request('mod:reach-out', {
        reportId: second.id,
        text: 'We are here for you.',
      });
      expect(reached.ok).toBe(true);
      expect(Date.now() - sending, 'acknowledged within the escalation timeout').toBeLessThan(
        ESCALATE_MINUTES * 60_000,
      );

      await waitFor(() => heard.a!.length > 0 && heard.b!.length > 0, {
        timeoutMs: 40_000,
        what: 'the escalation on both nodes',
      });
      // Past the acknowledged alert's own timeout, and several escalator ticks later, still exactly one alert per
      // coordinator socket.
      const tick = escalationCheckMs(ESCALATE_MINUTES);
      await sleep(Math.max(3 * tick, secondAt + ESCALATE_MINUTES * 60_000 + 2 * tick - Date.now()));
      expect(heard.a).toEqual([item!.id]);
      expect(heard.b).toEqual([item!.id]);
      expect(heard.member).toEqual([]);
    } finally {
      adminOnB.close();
    }
  });
});
