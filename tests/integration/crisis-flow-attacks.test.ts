import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationCheckMs } from '../../server/src/config.js';
import { createAgent, createInvite, GOOD_PASSPHRASE, signUp } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { sleep, waitFor } from '../support/ports.js';
import { queueOf, waitForQueue } from '../support/queue.js';
import { startTwoNodes, type TwoNodes } from '../support/two-nodes.js';

/**
 * Issue 11, parts 3-4, tried as a hostile tester would: a message that suggests risk, refused or held back for
 * another reason than a blocked term (identifying details, a mute, a locked group), and a report changed to
 * "someone may be at risk", on two nodes sharing one real Redis.
 */
let d: TwoNodes;
/** A short escalation timeout (6 s, checked every 1.5 s), as in crisis-flow.test.ts. */
const ESCALATE_MINUTES = 0.1;
const env = {
  SEND_LIMIT_PER_10S: '10000',
  JOIN_LIMIT_PER_MINUTE: '10000',
  CRISIS_ESCALATE_MINUTES: String(ESCALATE_MINUTES),
  REFUSED_ALERTS_PER_HOUR: '5',
};

/** Risk and a phone number: the privacy guard asks for confirmation. */
const RISK_WITH_PHONE = "I can't go on, I want to kill myself tonight. Please call me on 07700 900123.";
const RISK = 'I have a plan to kill myself tonight.';

beforeAll(async () => {
  d = await startTwoNodes(env);
});

afterAll(() => d.stop());

describe('identifying details do not hide risk', () => {
  it('when a group message suggests risk and names a phone number, then the confirmation request carries the resources, moderators get one urgent item without its text, and sending anyway keeps it one item', async () => {
    const groupId = await d.createGroup('Risk and a phone number');
    const m = await d.member(1);
    const tag = await d.joinAndOpen(m, groupId);
    const clientId = 'risk-phone-0001';
    const asked = await m.transport.request('message:send', { groupId, clientId, text: RISK_WITH_PHONE });
    expect(!asked.ok && asked.error.code).toBe('PRIVACY_CONFIRM_REQUIRED');
    const support = !asked.ok ? (asked.error.support ?? []) : [];
    expect(support.length).toBeGreaterThan(0);
    // The member may never confirm (they close the tab): moderators know at once, without the text.
    const items = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      urgent: true,
      automatic: true,
      reason: 'crisis',
      subject: { tag },
      refused: true,
      refusedFor: 'identifying',
    });
    expect(JSON.stringify(items[0])).not.toMatch(/kill|07700|tonight/i);
    // Asking again with the same client id raises nothing more.
    const again = await m.transport.request('message:send', { groupId, clientId, text: RISK_WITH_PHONE });
    expect(!again.ok && again.error.code).toBe('PRIVACY_CONFIRM_REQUIRED');

    // Sent anyway: posted, with the resources; alerts about this member stay one item.
    const sent = await m.transport.request('message:send', {
      groupId,
      clientId,
      text: RISK_WITH_PHONE,
      confirmIdentifying: true,
    });
    expect(sent.ok).toBe(true);
    expect(sent.ok && sent.data.support?.length).toBeGreaterThan(0);
    const after = await waitForQueue(d.moderator, groupId, (q) => (q[0]?.alerts?.length === 2 ? q : null));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ urgent: true, reason: 'crisis', subject: { tag } });
    expect(after[0]!.alerts!.filter((a) => a.message !== null)).toHaveLength(1);
  });

  it('when a report note suggests risk and names a phone number, then the confirmation request carries the resources', async () => {
    const groupId = await d.createGroup('Report note');
    const author = await d.member(0);
    const reporter = await d.member(1);
    await d.joinAndOpen(author, groupId);
    await d.joinAndOpen(reporter, groupId);
    const { seq } = await author.send(groupId, 'Marking again all weekend.');
    const ack = await reporter.transport.request('report:create', {
      groupId,
      seq,
      reason: 'other',
      note: RISK_WITH_PHONE,
    });
    expect(!ack.ok && ack.error.code).toBe('PRIVACY_CONFIRM_REQUIRED');
    expect(!ack.ok && ack.error.support?.length).toBeGreaterThan(0);
  });
});

describe('the privacy guard on what members read of a meeting', () => {
  it('when a meeting’s host is given as a real name, then scheduling it needs an explicit "anyway"', async () => {
    const groupId = await d.createGroup('Meeting host');
    const body = {
      title: 'Marking together',
      startsAt: Date.now() + 3_600_000,
      durationMinutes: 45,
      host: 'Sarah Johnson',
    };
    const asked = await d.admin.agent.post(`/api/groups/${groupId}/meetings`, body);
    expect(asked.status).toBe(428);
    expect(asked.body).toMatchObject({ error: 'PRIVACY_CONFIRM_REQUIRED', field: 'host' });
    const anyway = await d.admin.agent.post(`/api/groups/${groupId}/meetings`, {
      ...body,
      confirmIdentifying: true,
    });
    expect(anyway.status).toBe(201);
  });
});

describe('the privacy guard on names shown to everyone', () => {
  it("when a teacher signs up, or joins a group, under a real name the rule's lists do not hold, then it is refused; an invented one is fine", async () => {
    const invite = await createInvite(d.admin.agent, 'member', 10);
    for (const pseudonym of [
      'oluwaseun.adeyemi',
      'chidi_okafor',
      'NguyenThilan',
      'WeiZhang',
      'fatima_alsayed',
    ]) {
      const res = await createAgent(d.nodes[0].url).post('/api/auth/signup', {
        invite,
        pseudonym,
        passphrase: GOOD_PASSPHRASE,
      });
      expect(res.status, pseudonym).toBe(400);
      expect(res.body).toMatchObject({ error: 'PSEUDONYM_REJECTED', field: 'pseudonym' });
    }
    expect(
      (await signUp(d.nodes[1].url, invite, 'QuietHeron42'.concat(String(Date.now() % 1000)))) !== null,
    ).toBe(true);

    const groupId = await d.createGroup('Names in a group');
    const m = await d.member(1);
    const joined = await m.transport.request('group:join', {
      groupId,
      acceptGuidelines: true,
      alias: 'siobhan.oconnor',
    });
    expect(!joined.ok && joined.error.code).toBe('PSEUDONYM_REJECTED');
    const fine = await m.transport.request('group:join', {
      groupId,
      acceptGuidelines: true,
      alias: 'MarkingMountain',
    });
    expect(fine.ok && fine.data.me.name).toBe('MarkingMountain');
  });
});

describe('a sanction does not hide risk', () => {
  it('when a muted member writes a message that suggests risk, then the refusal carries the resources and moderators get one urgent item without its text', async () => {
    const groupId = await d.createGroup('Muted but heard');
    const m = await d.member(0);
    const tag = await d.joinAndOpen(m, groupId);
    const muted = await d.moderator.transport.request('mod:mute', {
      groupId,
      tag,
      minutes: 60,
      reason: 'cool off',
    });
    expect(muted.ok).toBe(true);
    const send = () =>
      m.transport.request('message:send', { groupId, clientId: 'muted-risk-0001', text: RISK });
    const refused = await send();
    expect(!refused.ok && refused.error.code).toBe('MUTED');
    expect(!refused.ok && refused.error.support?.length).toBeGreaterThan(0);
    expect((await send()).ok).toBe(false);
    const items = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      urgent: true,
      reason: 'crisis',
      message: null,
      subject: { tag },
      refusedFor: 'muted',
    });
    expect(JSON.stringify(items[0])).not.toMatch(/kill|tonight|plan/i);
    // Without risk, a muted member's message is refused as before: no resources, no item.
    const plain = await m.transport.request('message:send', {
      groupId,
      clientId: 'muted-plain-001',
      text: 'Anyone else marking tonight?',
    });
    expect(!plain.ok && plain.error.code).toBe('MUTED');
    expect(!plain.ok && plain.error.support).toBeUndefined();
    expect(await queueOf(d.moderator, groupId)).toHaveLength(1);
  });

  it('when the group is locked and a member writes a message that suggests risk, then the refusal carries the resources and moderators get an urgent item', async () => {
    const groupId = await d.createGroup('Locked but heard');
    const m = await d.member(1);
    const tag = await d.joinAndOpen(m, groupId);
    const locked = await d.moderator.transport.request('mod:settings', {
      groupId,
      locked: true,
      reason: 'night',
    });
    expect(locked.ok).toBe(true);
    const refused = await m.transport.request('message:send', {
      groupId,
      clientId: 'locked-risk-001',
      text: RISK,
    });
    expect(!refused.ok && refused.error.code).toBe('GROUP_LOCKED');
    expect(!refused.ok && refused.error.support?.length).toBeGreaterThan(0);
    const items = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      urgent: true,
      reason: 'crisis',
      subject: { tag },
      refusedFor: 'locked',
    });
  });
});

describe('at and over the length limit', () => {
  it('when a message of exactly the limit ends with risk written with zero-width characters, then it is posted and flagged; one character more is refused with the resources and an urgent item', async () => {
    const groupId = await d.createGroup('Long letters');
    const m = await d.member(0);
    const tag = await d.joinAndOpen(m, groupId);
    const ending = ' I want to k\u200Bill my\u200Dself tonight.'; // a zero-width space and a zero-width joiner
    const text = 'The marking never stops. '.repeat(200).slice(0, 2_000 - [...ending].length) + ending;
    expect([...text].length).toBe(2_000);
    const sent = await m.transport.request('message:send', { groupId, clientId: 'at-limit-0001', text });
    expect(sent.ok && sent.data.support?.length).toBeGreaterThan(0);
    await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));

    const over = await m.transport.request('message:send', {
      groupId,
      clientId: 'over-limit-001',
      text: `x${text}`,
    });
    expect(!over.ok && over.error.code).toBe('MESSAGE_TOO_LONG');
    expect(!over.ok && over.error.support?.length).toBeGreaterThan(0);
    const items = await waitForQueue(d.moderator, groupId, (q) => (q[0]?.alerts?.length === 2 ? q : null));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ urgent: true, subject: { tag } });
    expect(items[0]!.alerts!.some((a) => a.refusedFor === 'too-long')).toBe(true);
    // Without risk, an over-long message is refused as before: no resources, no item.
    const plain = await m.transport.request('message:send', {
      groupId,
      clientId: 'over-plain-001',
      text: 'y'.repeat(2_001),
    });
    expect(!plain.ok && plain.error.code).toBe('MESSAGE_TOO_LONG');
    expect(!plain.ok && plain.error.support).toBeUndefined();
  });
});

describe('a message too long even to send', () => {
  it('when the browser sends only the part of a very long message that suggests risk, marked tooLong, then nothing is posted, the refusal carries the resources, and one urgent item is raised however often it is sent', async () => {
    const groupId = await d.createGroup('Very long letters');
    const m = await d.member(1);
    const tag = await d.joinAndOpen(m, groupId);
    // Short enough to post: the mark alone keeps it out of the group.
    const excerpt = `The reports are due Friday. ${RISK}`;
    const send = (clientId: string, text = excerpt) =>
      m.transport.request('message:send', { groupId, clientId, text, tooLong: true });
    const refused = await send('long-risk-0001');
    expect(!refused.ok && refused.error.code).toBe('MESSAGE_TOO_LONG');
    expect(!refused.ok && refused.error.support?.length).toBeGreaterThan(0);
    expect((await send('long-risk-0001')).ok).toBe(false); // pressed again: the same client id
    const items = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ urgent: true, reason: 'crisis', message: null, subject: { tag } });
    expect(items[0]!.alerts ?? [items[0]]).toHaveLength(1);
    expect(items[0]!.alerts?.[0]?.refusedFor ?? items[0]!.refusedFor).toBe('too-long');
    expect(JSON.stringify(items[0])).not.toMatch(/kill|tonight|plan|reports/i);
    const history = await m.transport.request('group:history', { groupId });
    expect(history.ok && history.data.messages.filter((x) => x.kind === 'text')).toEqual([]);
    // Without risk, the mark still keeps it out, with no resources and no item.
    const plain = await send('long-plain-001', 'Just a very long moan about marking.');
    expect(!plain.ok && plain.error.code).toBe('MESSAGE_TOO_LONG');
    expect(!plain.ok && plain.error.support).toBeUndefined();
    expect(await queueOf(d.moderator, groupId)).toHaveLength(1);
  });
});

describe('a flood of refused messages that suggest risk', () => {
  it('when one account sends many over-long risky messages under new client ids, then each refusal still carries the resources, but moderators get at most the budget of alerts about them', async () => {
    const groupId = await d.createGroup('Flooded with alerts');
    const m0 = await d.member(0);
    const tag = await d.joinAndOpen(m0, groupId);
    const long = `${'The marking never stops. '.repeat(90)}${RISK}`;
    for (let i = 0; i < 12; i++) {
      const refused = await m0.transport.request('message:send', {
        groupId,
        clientId: `alert-flood-${String(i).padStart(3, '0')}`,
        text: long,
      });
      expect(!refused.ok && refused.error.code).toBe('MESSAGE_TOO_LONG');
      expect(!refused.ok && refused.error.support?.length).toBeGreaterThan(0);
    }
    const items = await waitForQueue(d.moderator, groupId, (q) =>
      (q[0]?.alerts?.length ?? 0) >= 5 ? q : null,
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ urgent: true, subject: { tag } });
    await new Promise((r) => setTimeout(r, 500));
    expect((await queueOf(d.moderator, groupId))[0]?.alerts).toHaveLength(5);
  });
});

describe('reaching out privately, attacked', () => {
  it('when the member has left the group, or the moderator moderates another group, then nobody is sent anything; an empty text is a typed error', async () => {
    const groupId = await d.createGroup('Reach out attacked');
    const otherGroup = await d.createGroup('Another staffroom');
    const otherMod = await TestMember.signUp(
      d.nodes[1].url,
      await createInvite(d.admin.agent, 'moderator', 1),
    );
    d.adopt(otherMod);
    const modTag = await d.joinAndOpen(otherMod, otherGroup);
    expect(
      (await d.admin.transport.request('mod:moderator', { groupId: otherGroup, tag: modTag, on: true })).ok,
    ).toBe(true);
    const atRisk = await d.member(0);
    await d.joinAndOpen(atRisk, groupId);
    const got: string[] = [];
    atRisk.socket.on('care:message', (m) => got.push(m.text));
    await atRisk.send(groupId, RISK);
    const [item] = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
    const text = 'Hi, this is the moderation team. We are here for you.';

    const elsewhere = await otherMod.transport.request('mod:reach-out', { reportId: item!.id, text });
    expect(!elsewhere.ok && elsewhere.error.code).toBe('NOT_FOUND');
    const empty = await d.moderator.transport.request('mod:reach-out', { reportId: item!.id, text: '   ' });
    expect(!empty.ok && empty.error.code).toBe('INVALID_PAYLOAD');

    expect((await atRisk.transport.request('group:leave', { groupId })).ok).toBe(true);
    const gone = await d.moderator.transport.request('mod:reach-out', { reportId: item!.id, text });
    expect(gone.ok).toBe(false);
    const inbox = await atRisk.transport.request('care:inbox', {});
    expect(inbox.ok && inbox.data.messages).toEqual([]);
    expect(got).toEqual([]);
  });
});

describe('escalation of every urgent item', () => {
  it('when a member reports a message as "other" with a note that says someone may be at risk, and no moderator acknowledges it, then coordinators are alerted', async () => {
    const groupId = await d.createGroup('Worried colleague');
    const heard: string[] = [];
    d.admin.socket.on('mod:escalated', (e) => e.groupId === groupId && heard.push(e.reportId));
    const author = await d.member(0);
    const reporter = await d.member(1);
    await d.joinAndOpen(author, groupId);
    await d.joinAndOpen(reporter, groupId);
    const { seq } = await author.send(groupId, 'Not coming in tomorrow. Sorting my things out.');
    const report = await reporter.transport.request('report:create', {
      groupId,
      seq,
      reason: 'other',
      note: 'She told me she has pills saved up and a plan to take them all tonight.',
    });
    expect(report.ok && report.data.support?.length).toBeGreaterThan(0);
    const [item] = await waitForQueue(d.moderator, groupId, (q) => (q.length > 0 ? q : null));
    expect(item).toMatchObject({ urgent: true });
    await waitFor(() => heard.length > 0, { timeoutMs: 40_000, what: 'the escalation' });
    expect(heard).toEqual([item!.id]);
    // Supportive actions work on it as on any at-risk item: reaching out reaches the author, only them.
    const got: string[] = [];
    author.socket.on('care:message', (m) => got.push(m.text));
    const reached = await d.moderator.transport.request('mod:reach-out', {
      reportId: item!.id,
      text: 'We are here for you.',
    });
    expect(reached.ok).toBe(true);
    await waitFor(() => got.length === 1, { what: 'the care message' });
    const theirs = await reporter.transport.request('care:inbox', {});
    expect(theirs.ok && theirs.data.messages).toEqual([]);
  });
});

describe('escalation of alerts about one person', () => {
  it('when a member writes two messages that suggest risk seconds apart and nobody acknowledges, then coordinators get one escalation, not one per message', async () => {
    const groupId = await d.createGroup('One person, two alerts');
    const heard: string[] = [];
    d.admin.socket.on('mod:escalated', (e) => e.groupId === groupId && heard.push(e.reportId));
    const m = await d.member(1);
    await d.joinAndOpen(m, groupId);
    await m.send(groupId, RISK);
    // A third of the timeout apart (as 4 s of 12 s): the first is not overdue yet when the second comes.
    await sleep((ESCALATE_MINUTES * 60_000) / 3);
    await m.send(groupId, "I've been thinking about ending it. I don't want to be here anymore.");
    const secondAt = Date.now();
    const [item] = await waitForQueue(d.moderator, groupId, (q) => (q[0]?.alerts?.length === 2 ? q : null));
    await waitFor(() => heard.length > 0, { timeoutMs: 40_000, what: 'the escalation' });
    // Past the second alert's own timeout, and a few ticks more.
    const tick = escalationCheckMs(ESCALATE_MINUTES);
    await sleep(Math.max(3 * tick, secondAt + ESCALATE_MINUTES * 60_000 + 3 * tick - Date.now()));
    expect(heard).toEqual([item!.id]);
  });
});

describe('a report changed to "someone may be at risk"', () => {
  it('when a member reports a message as spam, then again as a crisis, then the item becomes urgent', async () => {
    const groupId = await d.createGroup('Second thoughts');
    const author = await d.member(0);
    const reporter = await d.member(1);
    await d.joinAndOpen(author, groupId);
    await d.joinAndOpen(reporter, groupId);
    const { seq } = await author.send(groupId, 'Whatever. Nothing matters now, goodbye all.');
    const first = await reporter.transport.request('report:create', {
      groupId,
      seq,
      reason: 'spam',
      note: '',
    });
    expect(first.ok).toBe(true);
    const second = await reporter.transport.request('report:create', {
      groupId,
      seq,
      reason: 'crisis',
      note: '',
    });
    expect(second.ok).toBe(true);
    const items = await queueOf(d.moderator, groupId);
    expect(items.some((i) => i.urgent && i.reason === 'crisis')).toBe(true);
  });
});
