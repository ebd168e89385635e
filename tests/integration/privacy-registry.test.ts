import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody, KeyBundle } from '@staffroom/shared/schemas/consultations';
import { REACTIONS } from '@staffroom/shared/schemas/messages';
import {
  entriesMatching,
  fieldRegExp,
  STORED,
  type Field,
  type StoredData,
  type StoredId,
} from '@staffroom/shared/privacy/registry';
import { conversationKey, createIdentity, type Identity } from '../../client/src/lib/e2e-crypto.js';
import { sealIntakeNote } from '../../client/src/features/consultations/model/intake-seal.js';
import { startCluster, logInFresh, type TestCluster } from '../support/cluster.js';
import {
  browserWrappingKey,
  createInvite,
  GOOD_PASSPHRASE,
  logInBody,
  uniquePseudonym,
} from '../support/http.js';
import { TestMember } from '../support/member.js';
import { requestPaced } from '../support/paced.js';
import { waitFor } from '../support/ports.js';
import { waitForQueue } from '../support/queue.js';
import { sealAs } from '../support/sealing.js';

/**
 * Issue 14, items 1, 2 and 7: the registry of stored data is the truth. A real Redis is filled through the real
 * flows on two nodes (sign-up, log-in, groups, messages, reactions, reports, moderation, care, meetings,
 * consultations with a sealed intake and sealed messages, the wellness pulse); then every key in the dump must
 * match exactly one declared pattern, with the declared type, and every hash field, stream field and JSON
 * property must be declared (and the declared, non-optional ones present).
 */
let cluster: TestCluster;
let redis: Redis;
const people: TestMember[] = [];
const invites: Record<string, string> = {};
const SCHOOL = 'Canary Brook Elementary';
const DISTRICT = 'Canary Hollow District';

async function person(role: 'member' | 'consultant' | 'moderator' | 'admin', node = 0): Promise<TestMember> {
  const m = await TestMember.signUp(cluster.nodes[node]!.url, invites[role]!);
  people.push(m);
  return m;
}

async function withKeys(m: TestMember): Promise<{ identity: Identity; bundle: KeyBundle }> {
  const made = await createIdentity(await browserWrappingKey(m.agent, m.pseudonym, GOOD_PASSPHRASE));
  expect((await m.agent.request('PUT', '/api/keys', made.bundle)).status).toBe(200);
  return made;
}

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const ack = await p;
  if (!ack.ok) throw new Error(ack.error.code);
  return ack.data;
}

const intake = (extra: Partial<IntakeBody> = {}): IntakeBody => ({
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages', 'check-ins'],
  preferredTimes: ['mon-pm'],
  ...extra,
});

/** The raw request JSON as stored (the requests hash). */
async function storedRequest(requestId: string): Promise<Record<string, unknown>> {
  const raw = await redis.hget(`${cluster.redis.prefix}requests`, requestId);
  return JSON.parse(raw ?? '{}') as Record<string, unknown>;
}

interface Found {
  key: string;
  type: string;
  /** Field → value (hash), or `#<n>` → entry fields (stream), or the value(s) (string, list, set, zset). */
  fields: string[][];
  values: string[];
}

async function dump(): Promise<Found[]> {
  const out: Found[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${cluster.redis.prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const found: Found = { key, type, fields: [], values: [] };
      if (type === 'hash') found.fields = [Object.entries(await redis.hgetall(key)).flat()];
      else if (type === 'stream')
        found.fields = (await redis.xrange(key, '-', '+')).map(([, fields]) => fields);
      else if (type === 'string') found.values = [(await redis.get(key)) ?? ''];
      else if (type === 'list') found.values = await redis.lrange(key, 0, -1);
      else if (type === 'set') found.values = await redis.smembers(key);
      else if (type === 'zset') found.values = await redis.zrange(key, 0, -1);
      if (type !== 'none') out.push(found);
    }
  } while (cursor !== '0');
  return out;
}

const jsonKeys = (text: string): string[] => {
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
};
const isFixed = (f: Field) => !f.name.includes('<');

/** Problems with one key against its declaration (empty when it is exactly as declared). */
function check(found: Found, id: StoredId): string[] {
  const entry: StoredData = STORED[id];
  const problems: string[] = [];
  const where = `${found.key} (${id})`;
  if (entry.type !== found.type) problems.push(`${where}: type ${found.type}, declared ${entry.type}`);
  const fields = entry.fields ?? [];
  const checkJson = (value: string, allowed: readonly string[], what: string) => {
    for (const k of jsonKeys(value))
      if (!allowed.includes(k)) problems.push(`${what}: undeclared property ${k}`);
  };
  if (found.type === 'hash' || found.type === 'stream') {
    for (const flat of found.fields) {
      const names: string[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const [name, value] = [flat[i]!, flat[i + 1]!];
        names.push(name);
        const spec = fields.find((f) => (isFixed(f) ? f.name === name : fieldRegExp(f.name).test(name)));
        if (!spec) problems.push(`${where}: undeclared field ${name}`);
        else if (spec.json) checkJson(value, spec.json, `${where} field ${name}`);
      }
      for (const f of fields.filter((x) => isFixed(x) && !x.optional))
        if (!names.includes(f.name)) problems.push(`${where}: declared field ${f.name} missing`);
    }
  } else if ((found.type === 'string' || found.type === 'list') && fields.length > 0) {
    for (const value of found.values) {
      const keys = jsonKeys(value);
      for (const k of keys)
        if (!fields.some((f) => f.name === k)) problems.push(`${where}: undeclared property ${k}`);
      for (const f of fields.filter((x) => !x.optional))
        if (!keys.includes(f.name)) problems.push(`${where}: declared property ${f.name} missing`);
    }
  }
  return problems;
}

/** Declared patterns the flows here do not reach, each with the reason. Anything else must be seen. */
const NOT_REACHED: Partial<Record<StoredId, string>> = {
  'moderation.reports': 'legacy: read, never written',
  'moderation.legacyOpenReports': 'legacy: read, never written',
  'wellness.testClock': 'only with PULSE_TEST_CLOCK',
  'wellness.feedbackCut':
    'needs k comments in closed weeks (aggregate.test.ts, store-contract-wellness.test.ts)',
  'messages.slowRate': 'expires with the slow-mode window before the dump',
  'messages.crisis': 'an entry lives only until its alert is raised',
  'consultations.offers': 'the only offer here is accepted',
  'consultations.waiting': 'no request waits here',
  'consultations.intakeNotes': 'deleted with the match (checked in its own test)',
  'consultations.openRequest': 'deleted with the match (checked in its own test)',
  'consultations.resources': 'shared resources (tests/integration/consultations-resources.test.ts)',
  'consultations.documents': 'shared documents (tests/integration/consultations-resources.test.ts)',
  'groups.presence': 'members close their groups before the dump',
  'messages.sendRate': 'expires within 10 s',
  'accounts.passphraseLock': 'Redis Cluster mode only (and deleted when the change ends)',
  'retention.sweepLock': 'deleted when the sweep ends (tests/integration/retention.test.ts)',
  'platform.migrationLock': 'deleted when the migration ends (tests/integration/backfill.test.ts)',
  'workshops.answered': 'needs a session that has ended (tests/integration/workshops.test.ts)',
  'workshops.useful': 'needs a session that has ended (tests/integration/workshops.test.ts)',
};

beforeAll(async () => {
  cluster = await startCluster({
    nodes: 2,
    env: {
      PULSE_BATCH_MIN: '5',
      PULSE_FLUSH_SECONDS: '0.2',
      CRISIS_ESCALATE_MINUTES: '0.02',
      SEND_LIMIT_PER_10S: '1000',
    },
  });
  redis = cluster.redis.client();
  const admin = await TestMember.signUp(cluster.nodes[0]!.url, cluster.bootstrapInvite);
  people.push(admin);
  for (const role of ['member', 'consultant', 'moderator', 'admin'] as const)
    invites[role] = await createInvite(admin.agent, role, 50);
}, 120_000);

afterAll(async () => {
  for (const m of people) m.close();
  await redis?.quit();
  await cluster?.stop();
});

describe('the registry of stored data against a real dump', () => {
  it('when every flow has written to Redis, then every key, field and JSON property is declared, and the declared fields are there', async () => {
    const admin = people[0]!;
    const b = cluster.nodes[1]!;

    // Accounts: log-ins (sessions, trusted browsers), a failed log-in (throttle), an extra invite.
    const teacher = await person('member');
    const other = await person('member', 1);
    const moderator = await person('moderator', 1);
    expect((await logInFresh(b.url, teacher.pseudonym)).res.status).toBe(200);
    expect(
      (await admin.agent.post('/api/auth/login', logInBody(other.pseudonym, 'not the passphrase at all')))
        .status,
    ).toBe(401);

    // Groups: an open group and an invite-only one; join with an alias; guidelines; read marks; a meeting.
    const created = await admin.agent.post('/api/groups', {
      name: 'Registry staffroom',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
    });
    const groupId = created.body.group.id as string;
    const hidden = await admin.agent.post('/api/groups', {
      name: 'Registry invite only',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
      visibility: 'invite-only',
    });
    const hiddenId = hidden.body.group.id as string;
    const tags: Record<string, string> = {};
    // Coordinators never join a group.
    for (const m of [teacher, other, moderator]) {
      const joined = await ok(
        m.transport.request('group:join', {
          groupId,
          acceptGuidelines: true,
          ...(m === other ? { alias: uniquePseudonym('QuietHeron') } : {}),
        }),
      );
      tags[m.pseudonym] = joined.me.tag;
      await m.open(groupId);
    }
    await ok(
      admin.transport.request('mod:moderator', { groupId, tag: tags[moderator.pseudonym]!, on: true }),
    );
    const meeting = await admin.agent.post(`/api/groups/${groupId}/meetings`, {
      title: 'Friday check-in',
      startsAt: Date.now() + 7 * 24 * 3600_000,
      durationMinutes: 30,
      host: admin.pseudonym,
    });
    expect(meeting.status).toBe(201);
    const rotated = await ok(
      admin.transport.request('mod:join-code', { groupId: hiddenId, reason: 'leaked' }),
    );
    expect(rotated.joinCode).toBeTruthy();
    // A coordinator who is not a member looks at the invite-only group: audited, once an hour.
    expect((await admin.agent.get(`/api/groups/${hiddenId}`)).status).toBe(200);

    // A workshop that takes sign-ups, a group's own retention window, and the crisis contacts set in the app.
    const workshop = await admin.agent.post(`/api/groups/${groupId}/meetings`, {
      title: 'Marking without drowning',
      format: 'workshop',
      agenda: 'Share one routine that saves time',
      signUp: true,
      startsAt: Date.now() + 3 * 24 * 3600_000,
      durationMinutes: 45,
      host: admin.pseudonym,
    });
    expect(workshop.status).toBe(201);
    await ok(admin.transport.request('mod:retention', { groupId, days: 90, reason: 'a shorter memory' }));
    expect(
      (
        await admin.agent.request('PUT', '/api/settings/crisis-contacts', {
          resources: [
            { name: 'District EAP', contact: 'Call 0800 555 0100', hours: '24/7', call: '08005550100' },
          ],
        })
      ).status,
    ).toBe(200);

    // Messages, reactions, read marks, a report, a removal, a mute, a ban, settings.
    const first = await teacher.send(groupId, 'The first message of the registry test');
    const workshopId = (workshop.body.meeting as { id: string }).id;
    expect(
      (await teacher.agent.request('PUT', `/api/groups/${groupId}/meetings/${workshopId}/signup`)).status,
    ).toBe(200);
    const second = await other.send(groupId, 'A message someone will report');
    await ok(
      other.transport.request('reaction:set', { groupId, seq: first.seq, kind: REACTIONS[0], on: true }),
    );
    await ok(teacher.transport.request('group:read', { groupId, seq: second.seq }));
    const report = await ok(
      teacher.transport.request('report:create', {
        groupId,
        seq: second.seq,
        reason: 'spam',
        note: 'looks like spam',
      }),
    );
    const third = await other.send(groupId, 'Another message to remove');
    await ok(moderator.transport.request('message:remove', { groupId, seq: third.seq, reason: 'off topic' }));
    await ok(
      moderator.transport.request('mod:resolve', { reportId: report.id, action: 'dismiss', reason: 'fine' }),
    );
    await ok(
      moderator.transport.request('mod:mute', {
        groupId,
        tag: tags[other.pseudonym]!,
        minutes: 60,
        reason: 'cool down',
      }),
    );
    await ok(moderator.transport.request('mod:settings', { groupId, slowSeconds: 5, reason: 'busy day' }));
    const banned = await person('member');
    const bannedTag = (await ok(banned.transport.request('group:join', { groupId, acceptGuidelines: true })))
      .me.tag;
    await ok(
      moderator.transport.request('mod:ban', { groupId, tag: bannedTag, minutes: null, reason: 'abuse' }),
    );
    const outsider = await person('member');
    await ok(
      admin.transport.request('mod:ban-account', {
        pseudonym: outsider.pseudonym,
        minutes: 60,
        reason: 'spam',
      }),
    );

    // A crisis message: an urgent item; a moderator reaches out (care inbox); nobody acknowledges another one.
    const atRisk = await person('member');
    await ok(atRisk.transport.request('group:join', { groupId, acceptGuidelines: true }));
    await atRisk.open(groupId);
    await ok(moderator.transport.request('mod:settings', { groupId, slowSeconds: 0, reason: 'calm again' }));
    await atRisk.send(groupId, "I've been thinking about ending it. I don't want to be here anymore.");
    const queue = await waitForQueue(moderator, groupId, (q) => (q.some((i) => i.urgent) ? q : null));
    const urgent = queue.find((i) => i.urgent)!;
    await ok(
      moderator.transport.request('mod:reach-out', { reportId: urgent.id, text: 'We are here for you.' }),
    );
    await atRisk.send(groupId, "I don't want to be here anymore. I keep thinking about ending it all.");
    // Refused (too long) but suggesting risk: an alert, counted against the account's budget for such alerts.
    const tooLong = await atRisk.transport.request('message:send', {
      groupId,
      clientId: 'registry-too-long-1',
      text: `${'The marking never stops. '.repeat(90)}I have a plan to kill myself tonight.`,
    });
    expect(!tooLong.ok && tooLong.error.code).toBe('MESSAGE_TOO_LONG');
    await waitFor(async () => (await redis.keys(`${cluster.redis.prefix}crisis:escalated:*`)).length > 0, {
      timeoutMs: 20_000,
      what: 'an unacknowledged alert to be escalated',
    });
    // The group holds flagged messages for a while: one waits for a moderator (its sender's held index).
    await ok(
      moderator.transport.request('mod:settings', { groupId, holdFlagged: true, reason: 'review first' }),
    );
    let attempt = 0;
    // Until the setting has reached the sender's node, each try is stored (and spends a send): paced, and a
    // RATE_LIMITED answer waited out, so the socket is never cut off as a flood.
    await waitFor(
      async () => {
        attempt += 1;
        const sent = await requestPaced(atRisk, 'message:send', {
          groupId,
          clientId: `registry-held-${attempt}`,
          text: 'Everyone would be better off without me, I just want to die.',
        });
        return sent.ok && sent.data.held === true;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'a flagged message to be held' },
    );
    await ok(
      moderator.transport.request('mod:settings', { groupId, holdFlagged: false, reason: 'as before' }),
    );

    // One-to-one support: a consultant with school and district, a teacher's intake with school and district
    // and a sealed note, the match, sealed messages, a goal, a check-in, pins, a report with a note, closing, feedback.
    const consultant = await person('consultant', 1);
    expect(
      (
        await consultant.agent.request('PUT', '/api/consultant/profile', {
          displayName: 'Registry Mentor',
          grades: ['2'],
          subjects: ['mathematics'],
          areas: ['classroom-management'],
          capacity: 3,
          availability: ['mon-pm'],
          paused: false,
          school: 'Another School Entirely',
          district: 'Another District',
        })
      ).status,
    ).toBe(200);
    const cKeys = await withKeys(consultant);
    const tKeys = await withKeys(teacher);
    const asked = await teacher.agent.post(
      '/api/support-request',
      intake({ school: SCHOOL, district: DISTRICT, hasNote: true }),
    );
    expect(asked.status).toBe(201);
    const requestId = asked.body.request.id as string;
    const work = (await teacher.agent.get('/api/support-request/notes')).body.work;
    const recipient = work.recipients.find(
      (r: { publicKey: string }) => r.publicKey === cKeys.identity.publicKey,
    );
    expect(
      (
        await teacher.agent.request('PUT', '/api/support-request/notes', {
          requestId,
          self: await sealIntakeNote(tKeys.identity, tKeys.identity.publicKey, requestId, 'a note'),
          copies: [
            {
              consultantId: recipient.consultantId,
              publicKey: cKeys.identity.publicKey,
              ...(await sealIntakeNote(tKeys.identity, cKeys.identity.publicKey, requestId, 'a note')),
            },
          ],
        })
      ).status,
    ).toBe(200);
    const open = await storedRequest(requestId);
    expect(open.schoolHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(open.districtHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { conversationId } = (await consultant.agent.post(`/api/consultant/offers/${requestId}/accept`))
      .body;
    const openT = await ok(teacher.transport.request('convo:open', { conversationId }));
    const peer = openT.view.peer.publicKey!;
    const key = await conversationKey(tKeys.identity, peer, conversationId);
    const sealed = await sealAs(tKeys.identity, peer, key, conversationId, 'message', 1, 'a sealed message');
    const sent = await ok(
      teacher.transport.request('convo:send', { conversationId, clientId: 'reg-0001', ...sealed }),
    );
    await ok(
      teacher.transport.request('convo:pin', {
        conversationId,
        pin: await sealAs(tKeys.identity, tKeys.identity.publicKey, key, conversationId, 'goal', 2, 'pin'),
      }),
    );
    await ok(
      teacher.transport.request('convo:goal', {
        conversationId,
        ...(await sealAs(tKeys.identity, peer, key, conversationId, 'goal', 3, '{"title":"a goal"}')),
      }),
    );
    await ok(
      teacher.transport.request('convo:checkin', {
        conversationId,
        startsAt: Date.now() + 3600_000,
        durationMinutes: 30,
        note: await sealAs(tKeys.identity, peer, key, conversationId, 'checkin', 4, 'a note'),
      }),
    );
    const consultantSide = await conversationKey(cKeys.identity, tKeys.identity.publicKey, conversationId);
    const reply = await sealAs(
      cKeys.identity,
      tKeys.identity.publicKey,
      consultantSide,
      conversationId,
      'message',
      1,
      'a reply to report',
    );
    const replied = await ok(
      consultant.transport.request('convo:send', { conversationId, clientId: 'reg-0002', ...reply }),
    );
    expect(replied.seq).toBe(sent.seq + 1);
    await ok(
      teacher.transport.request('convo:report', {
        conversationId,
        seq: replied.seq,
        reason: 'harassment',
        note: 'A note in my own words',
      }),
    );
    await ok(consultant.transport.request('convo:close', { conversationId }));
    await ok(teacher.transport.request('convo:close-confirm', { conversationId }));
    expect(
      (
        await teacher.agent.post(`/api/conversations/${conversationId}/feedback`, {
          helpfulness: 5,
          recommend: true,
          comment: 'It helped.',
        })
      ).status,
    ).toBeLessThan(300);

    // Wellness: five teachers on one node take the pulse (one batch), one seals a history, one leaves feedback.
    const pulsing = [teacher, ...(await Promise.all([1, 2, 3, 4].map(() => person('member'))))];
    for (const m of pulsing)
      expect((await m.agent.post('/api/pulse', { answers: { stress: 2 } })).status).toBeLessThan(300);
    await waitFor(
      async () => (await redis.keys(`${cluster.redis.prefix}wellness:week:*:histogram`)).length > 0,
      {
        what: 'the pulse batch to flush',
      },
    );
    expect(
      (
        await teacher.agent.request('PUT', '/api/pulse/history', {
          ciphertext: 'c2VhbGVkIGJ5IHRoZSBkZXZpY2U=',
          iv: 'AAAAAAAAAAAAAAAA',
        })
      ).status,
    ).toBe(200);
    expect(
      (await other.agent.post('/api/pulse/feedback', { text: 'More time to plan, please.' })).status,
    ).toBe(201);

    // Presence ends with the open groups: members close before the dump.
    for (const m of people) m.close();
    people.length = 0;

    const found = await dump();
    const problems: string[] = [];
    const seen = new Set<StoredId>();
    for (const f of found) {
      const ids = entriesMatching(f.key, cluster.redis.prefix);
      if (ids.length !== 1) {
        problems.push(`${f.key}: matches ${ids.length === 0 ? 'no declared pattern' : ids.join(', ')}`);
        continue;
      }
      seen.add(ids[0]!);
      problems.push(...check(f, ids[0]!));
    }
    expect(problems).toEqual([]);
    const unseen = (Object.keys(STORED) as StoredId[]).filter(
      (id) => STORED[id].type !== 'channel' && !seen.has(id) && !(id in NOT_REACHED),
    );
    expect(unseen).toEqual([]);

    // What is never stored: no address, no school or district in the clear, no account id with a pulse.
    const text = JSON.stringify(found);
    for (const never of [
      '127.0.0.1',
      '::1',
      SCHOOL,
      DISTRICT,
      SCHOOL.toLowerCase(),
      'Another School Entirely',
    ])
      expect(text.includes(never), never).toBe(false);
    // The request ended (matched): its fingerprints are gone.
    const ended = await storedRequest(requestId);
    expect(ended).toMatchObject({ status: 'matched', schoolHash: '', districtHash: '' });
  });
});

describe('coordinator accountability (item 6)', () => {
  it('when a coordinator opens an invite-only group’s page, then its moderators see it in the audit log, once an hour; coordinators cannot join it or see its members, and a refused member leaves no entry', async () => {
    const creator = await person('admin');
    const onlooker = await person('admin', 1);
    const created = await creator.agent.post('/api/groups', {
      name: 'Looked into',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
      visibility: 'invite-only',
    });
    expect(created.status).toBe(201);
    const { id: groupId, joinCode } = created.body.group as { id: string; joinCode: string };
    const moderator = await person('moderator');
    const modTag = (
      await ok(moderator.transport.request('group:join', { code: joinCode, acceptGuidelines: true }))
    ).me.tag;
    await ok(creator.transport.request('mod:moderator', { groupId, tag: modTag, on: true }));
    // Coordinators read no group: they neither join it (even with its code) nor see its members.
    const joined = await creator.transport.request('group:join', { code: joinCode, acceptGuidelines: true });
    expect(!joined.ok && joined.error.code).toBe('FORBIDDEN');
    expect((await ok(creator.transport.request('mod:members', { groupId }))).members).toEqual([]);

    // Another coordinator opens its page twice: one entry.
    expect((await onlooker.agent.get(`/api/groups/${groupId}`)).status).toBe(200);
    expect((await onlooker.agent.get(`/api/groups/${groupId}`)).status).toBe(200);
    // A member who is no moderator is refused and leaves nothing.
    const member = await person('member');
    await ok(member.transport.request('group:join', { code: joinCode, acceptGuidelines: true }));
    const refused = await member.transport.request('mod:members', { groupId });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');

    const log = await ok(
      moderator.transport.request('mod:audit', { groupId, action: 'coordinator-open', limit: 50 }),
    );
    expect(log.entries).toEqual([
      expect.objectContaining({
        actor: onlooker.pseudonym,
        action: 'coordinator-open',
        groupId,
        target: 'the invite-only group page',
      }),
    ]);
  });

  it('when a moderator rotates an invite-only group’s join code, then the old code opens nothing, the new one works, and the log says so', async () => {
    const coordinator = await person('admin');
    const created = await coordinator.agent.post('/api/groups', {
      name: 'Leaked link',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
      visibility: 'invite-only',
    });
    const { id: groupId, joinCode: oldCode } = created.body.group as { id: string; joinCode: string };
    const moderator = await person('moderator');
    const tag = (
      await ok(moderator.transport.request('group:join', { code: oldCode, acceptGuidelines: true }))
    ).me.tag;
    await ok(coordinator.transport.request('mod:moderator', { groupId, tag, on: true }));
    const { joinCode: newCode } = await ok(
      moderator.transport.request('mod:join-code', { groupId, reason: 'the link was shared outside' }),
    );
    expect(newCode).not.toBe(oldCode);
    const late = await person('member');
    const refused = await late.transport.request('group:join', { code: oldCode, acceptGuidelines: true });
    expect(!refused.ok && refused.error.code).toBe('NOT_FOUND');
    expect(await redis.exists(`${cluster.redis.prefix}grp-code:${oldCode}`)).toBe(0);
    await ok(late.transport.request('group:join', { code: newCode, acceptGuidelines: true }));
    const log = await ok(
      moderator.transport.request('mod:audit', { groupId, action: 'rotate-join-code', limit: 5 }),
    );
    expect(log.entries).toEqual([
      expect.objectContaining({ actor: moderator.pseudonym, reason: 'the link was shared outside' }),
    ]);
    // A member who is not a moderator cannot rotate it.
    const denied = await late.transport.request('mod:join-code', { groupId, reason: 'mine now' });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
  });
});

describe('school and district (item 7)', () => {
  it('when a teacher names their school and district, then Redis holds only keyed fingerprints, and they vanish when the request is withdrawn', async () => {
    const teacher = await person('member');
    const keys = await withKeys(teacher);
    const school = 'Plaintext Canary Primary';
    const district = 'Plaintext Canary Unified';
    const asked = await teacher.agent.post(
      '/api/support-request',
      intake({ grades: ['12'], subjects: ['music'], school, district, hasNote: true }),
    );
    expect(asked.status).toBe(201);
    const requestId = asked.body.request.id as string;
    expect(
      (
        await teacher.agent.request('PUT', '/api/support-request/notes', {
          requestId,
          self: await sealIntakeNote(keys.identity, keys.identity.publicKey, requestId, 'my note'),
          copies: [],
        })
      ).status,
    ).toBe(200);
    const open = await storedRequest(requestId);
    expect(open.schoolHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(open.districtHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(open.schoolHash).not.toBe(open.districtHash);
    const scan = async () => JSON.stringify(await dump()).toLowerCase();
    const whileOpen = await scan();
    for (const plain of [school, district])
      expect(whileOpen.includes(plain.toLowerCase()), plain).toBe(false);
    const p = cluster.redis.prefix;
    expect(await redis.exists(`${p}request:${requestId}:intake`)).toBe(1);

    expect((await teacher.agent.del('/api/support-request')).status).toBe(200);
    const ended = await storedRequest(requestId);
    expect(ended).toMatchObject({ status: 'withdrawn', schoolHash: '', districtHash: '' });
    const afterwards = await scan();
    for (const hash of [open.schoolHash, open.districtHash] as string[])
      expect(afterwards.includes(hash.toLowerCase()), 'a fingerprint outlived the request').toBe(false);
    expect(await redis.exists(`${p}request:${requestId}:intake`)).toBe(0);
    expect(await redis.sismember(`${p}requests:waiting`, requestId)).toBe(0);
  });
});
