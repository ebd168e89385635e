import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody } from '@staffroom/shared/schemas/consultations';
import type { ClientEventName } from '@staffroom/shared/protocol/client-events';
import {
  reasonsFromFragment,
  referralFragment,
} from '../../client/src/features/consultations/model/referral.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { sleep } from '../support/ports.js';
import { request } from '../support/socket.js';

/**
 * Issue 16, item 4: referral with consent. The referral link is made in the referrer's browser and carries the
 * reasons in its fragment, which no browser sends to a server; the teacher submits the intake themself. Here,
 * on two nodes sharing one Redis, each kind of referrer (a teacher such as a staff representative, a moderator,
 * a consultant who is not the one matched) tries every route and every event it has, and learns nothing of the
 * referred teacher's request; and Redis holds nothing that links the referrer to it.
 */
let cluster: TestCluster;
const people: TestMember[] = [];
const invites: Record<string, string> = {};

type Role = 'member' | 'moderator' | 'consultant';
async function person(role: Role, node = 0): Promise<TestMember> {
  const m = await TestMember.signUp(cluster.nodes[node]!.url, invites[role]!);
  people.push(m);
  return m;
}

/** Every GET route the API has for a logged-in account (the groups' per-id route is tried with the ids below). */
const ROUTES = [
  '/api/me',
  '/api/session',
  '/api/sessions',
  '/api/invites',
  '/api/info',
  '/api/groups',
  '/api/meetings/week',
  '/api/consultant/profile',
  '/api/consultant/offers',
  '/api/support-request',
  '/api/support-request/notes',
  '/api/conversations',
  '/api/keys',
  '/api/programme/consultations',
  '/api/pulse',
  '/api/pulse/history',
  '/api/programme/wellness',
  '/api/settings/crisis-contacts',
];

/** Every key with its raw value, so nothing escapes the scan whatever its type. */
async function dumpRedis(): Promise<{ key: string; text: string }[]> {
  const raw = cluster.redis.client();
  const out: { key: string; text: string }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of keys) out.push({ key, text: (await raw.dumpBuffer(key))?.toString('latin1') ?? '' });
  } while (cursor !== '0');
  await raw.quit();
  return out;
}

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2 });
  const admin = await TestMember.signUp(cluster.nodes[0]!.url, cluster.bootstrapInvite);
  people.push(admin);
  for (const role of ['member', 'moderator', 'consultant'] as const)
    invites[role] = await createInvite(admin.agent, role, 20);
}, 60_000);

afterAll(async () => {
  for (const m of people) m.close();
  await cluster?.stop();
});

describe('referral with consent', () => {
  it('when a referrer hands a teacher a link and the teacher asks through it, then the referrer learns nothing by any route or event, and Redis links nothing', async () => {
    // The matched consultant, and three referrers on the other node: a staff rep (teacher), a moderator, and a
    // consultant who does not fit the request.
    const matched = await person('consultant', 0);
    expect(
      (
        await matched.agent.request('PUT', '/api/consultant/profile', {
          displayName: 'Mentor Who Fits',
          grades: ['4'],
          subjects: ['science'],
          areas: ['planning'],
          capacity: 3,
          availability: ['tue-pm'],
          paused: false,
        })
      ).status,
    ).toBe(200);
    const otherConsultant = await person('consultant', 1);
    expect(
      (
        await otherConsultant.agent.request('PUT', '/api/consultant/profile', {
          displayName: 'Someone Else',
          grades: ['11'],
          subjects: ['music'],
          areas: ['assessment'],
          capacity: 3,
          availability: ['fri-am'],
          paused: false,
        })
      ).status,
    ).toBe(200);
    const referrers = [await person('member', 1), await person('moderator', 1), otherConsultant];
    const referrerIds = await Promise.all(
      referrers.map(async (r) => ((await r.agent.get('/api/me')).body.me as { id: string }).id),
    );

    // Everything each referrer hears from now on, on either node.
    const heard: { who: number; event: string; args: unknown[] }[] = [];
    referrers.forEach((r, who) =>
      r.socket.onAny((event: string, ...args: unknown[]) => heard.push({ who, event, args })),
    );

    const snapshot = async (r: TestMember) => {
      const out: Record<string, { status: number; body: unknown }> = {};
      for (const path of ROUTES) {
        const res = await r.agent.get(path);
        out[path] = { status: res.status, body: res.body };
      }
      return out;
    };
    /** The support routes, which must read exactly the same before and after (others carry clocks). */
    const supportOnly = (s: Record<string, { status: number; body: unknown }>) =>
      Object.fromEntries(
        Object.entries(s).filter(([path]) => /consultant|support|conversations|keys|programme/.test(path)),
      );
    const before = await Promise.all(referrers.map(snapshot));
    const keysBefore = (await dumpRedis()).map((e) => e.key);

    // The referrer's browser makes the link; the fragment never reaches a server (nothing here sends it).
    const link = `${cluster.nodes[1]!.url}/support/ask${referralFragment(['new-assignment', 'workload-stress'])}`;
    const fragment = new URL(link).hash;
    expect(fragment).toBe('#refer=new-assignment,workload-stress');

    // The teacher opens it (the ask page reads the fragment) and sends the intake, on the other node.
    const teacher = await person('member', 0);
    const teacherId = ((await teacher.agent.get('/api/me')).body.me as { id: string }).id;
    const intake: IntakeBody = {
      grades: ['4'],
      subjects: ['science'],
      reasons: reasonsFromFragment(fragment),
      focus: 'planning',
      workStyles: ['messages'],
      preferredTimes: ['tue-pm'],
      hasNote: false,
    };
    const asked = await teacher.agent.post('/api/support-request', intake);
    expect(asked.status).toBe(201);
    const { id: requestId, alias } = asked.body.request as { id: string; alias: string };
    const offers = (await matched.agent.get('/api/consultant/offers')).body.offers as { requestId: string }[];
    expect(offers.map((o) => o.requestId)).toContain(requestId);
    const accepted = await matched.agent.post(`/api/consultant/offers/${requestId}/accept`);
    expect(accepted.status).toBe(200);
    const conversationId = accepted.body.conversationId as string;
    expect(conversationId).toBeTruthy();
    // The teacher's own conversation now; the reasons they sent are the link's.
    expect(JSON.stringify((await teacher.agent.get('/api/conversations')).body)).toContain(conversationId);
    await sleep(500); // any fan-out across nodes would have arrived by now

    // Redis, before the referrers go probing (their own rate counters would appear): the referral left nothing. No new key names a referrer, no key or value holds a referrer's id
    // together with the request's, and the fragment appears nowhere.
    const stored = await dumpRedis();
    const keysAfter = new Set(stored.map((e) => e.key));
    for (const id of referrerIds) {
      const named = (keys: Iterable<string>) => [...keys].filter((k) => k.includes(id)).sort();
      expect(named(keysAfter)).toEqual(named(keysBefore));
    }
    for (const { key, text } of stored) {
      const entry = key + text;
      expect(entry).not.toContain('refer=');
      const linksRequest = [requestId, conversationId, teacherId].some((s) => entry.includes(s));
      if (!linksRequest) continue;
      for (const id of referrerIds) expect(entry).not.toContain(id);
    }
    const secrets = [requestId, alias, conversationId, teacher.pseudonym, teacherId];
    for (const [i, r] of referrers.entries()) {
      const after = await snapshot(r);
      // The support routes read exactly as before the teacher asked: not even a count moved.
      expect(supportOnly(after)).toEqual(supportOnly(before[i]!));
      // The coordinator's counts are refused to anyone but a coordinator.
      expect(after['/api/programme/consultations']!.status).toBe(403);
      const text = JSON.stringify(after);
      for (const s of secrets) expect(text).not.toContain(s);
      // The conversation by its id (were it ever learned): refused, and nothing about it in the answer.
      const tries: [ClientEventName, Record<string, unknown>][] = [
        ['convo:open', { conversationId }],
        ['convo:history', { conversationId, after: 0 }],
        ['convo:close', { conversationId }],
        ['convo:block', { conversationId }],
      ];
      for (const [event, payload] of tries) {
        const ack = (await request(r.socket, event, payload as never)) as { ok: boolean };
        expect(ack.ok).toBe(false);
        for (const s of secrets.slice(1)) expect(JSON.stringify(ack)).not.toContain(s);
      }
      expect(
        (await r.agent.post(`/api/consultant/offers/${requestId}/accept`)).status,
      ).toBeGreaterThanOrEqual(400);
      expect(
        (
          await r.agent.post(`/api/conversations/${conversationId}/feedback`, {
            helpfulness: 4,
            recommend: true,
          })
        ).status,
      ).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify((await r.agent.get(`/api/groups/${requestId}`)).body)).not.toContain(alias);
    }
    // No event reached any referrer about support, nor carried anything of the request.
    expect(heard.filter((h) => h.event.startsWith('support:') || h.event.startsWith('convo:'))).toEqual([]);
    for (const s of secrets) expect(JSON.stringify(heard)).not.toContain(s);
  }, 90_000);
});
