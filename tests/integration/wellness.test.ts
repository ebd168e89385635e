import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PULSE_ITEMS,
  type ProgrammeWellness,
  type PulseBody,
  type PulseItemId,
  type WeekFigures,
} from '@staffroom/shared/schemas/wellness';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * 40 teachers over 6 weeks, on two nodes sharing a real Redis. Weeks are moved by the test clock seam
 * (`PULSE_TEST_CLOCK`: the nodes read the time from a Redis key), not waited for. Week 0 is the real current
 * week, so the one-to-one records (stamped with the real time) fall in it.
 */
const DAY = 86_400_000;
const FIRST_MONDAY = Math.floor(Date.now() / DAY) * DAY - ((new Date().getUTCDay() + 6) % 7) * DAY;
const WEEKS = 6;
const at = (week: number) => FIRST_MONDAY + week * 7 * DAY + 12 * 3600_000; // Monday noon of week `week`
const weekId = (week: number) => new Date(FIRST_MONDAY + week * 7 * DAY).toISOString().slice(0, 10);

type Cohort = 'one-to-one' | 'groups-only' | 'neither';
interface Teacher {
  m: TestMember;
  id: string;
  cohort: Cohort;
  firstYear: boolean;
  node: number;
}

let redis: TestRedis;
/** One connection for the whole file (each `redis.client()` opens a new one). */
let r: Redis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
const people: TestMember[] = [];
const teachers: Teacher[] = [];
let consultant: TestMember;
let groupId: string;

/** People counted for a week so far, read from the histogram counters. */
async function countedIn(week: number): Promise<number> {
  const h = await r.hgetall(`${redis.prefix}wellness:week:${weekId(week)}:histogram`);
  return Object.entries(h).reduce((s, [f, v]) => s + (f.endsWith('|_n') ? Number(v) : 0), 0);
}

/**
 * The next week begins: each node flushes what it holds of the week just ended within a tick, and only then
 * does the clock move on (a batch arriving after the week has been shown is dropped, by design).
 */
async function endWeek(week: number): Promise<void> {
  await setClock(FIRST_MONDAY + (week + 1) * 7 * DAY + 1000);
  const n = expected(week, () => true).n;
  await waitFor(async () => (await countedIn(week)) === n, {
    timeoutMs: 15_000,
    what: `week ${week} flushed`,
  });
  // And the group activity both nodes held (before a summary of the week can be frozen from it).
  const messages = postersOf(week).length * 2;
  await waitFor(
    async () =>
      Number((await r.hget(`${redis.prefix}wellness:week:${weekId(week)}:activity`, 'messages')) ?? 0) ===
      messages,
    { timeoutMs: 15_000, what: `week ${week} activity flushed` },
  );
}

const setClock = (ms: number) => r.set(`${redis.prefix}wellness:test-clock`, String(ms));

/** Teacher i's pulse in week w: deterministic, with skipped items and skipped weeks. */
function pulseOf(i: number, w: number): PulseBody | null {
  if (w >= 3 && (i + w) % 4 === 0) return null; // about a quarter skip the later weeks
  const answers: Partial<Record<PulseItemId, number>> = {};
  PULSE_ITEMS.forEach((item, j) => {
    if ((i * 7 + w * 3 + j) % 9 === 0) return; // this item skipped
    answers[item.id] = ((i * 3 + w * 5 + j * 11) % item.labels.length) + 1;
  });
  return { answers, ...(i % 3 === 0 ? { band: 'first-year' } : i % 3 === 1 ? { band: 'other' } : {}) };
}

/** What the programme view must show for a group, computed here from the script. */
function expected(w: number, include: (t: Teacher) => boolean) {
  const counts = Object.fromEntries(PULSE_ITEMS.map((item) => [item.id, item.labels.map(() => 0)]));
  let n = 0;
  teachers.forEach((t, i) => {
    const pulse = pulseOf(i, w);
    if (!pulse || !include(t)) return;
    n += 1;
    for (const [id, v] of Object.entries(pulse.answers)) {
      const row = counts[id] as number[];
      row[v - 1] = (row[v - 1] ?? 0) + 1;
    }
  });
  return { n, counts };
}

beforeAll(async () => {
  redis = await startRedis();
  r = redis.client();
  const env = {
    PULSE_TEST_CLOCK: 'true',
    PULSE_FLUSH_SECONDS: '0.3',
    PULSE_BATCH_MIN: '5',
    PULSE_WRITES_PER_HOUR: '20',
  };
  await setClock(at(0));
  const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env });
  nodes = [a, await startNode({ redisUrl: redis.url, prefix: redis.prefix, env })];
  admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
  people.push(admin);
  const memberInvite = await createInvite(admin.agent, 'member', 100);
  consultant = await TestMember.signUp(a.url, await createInvite(admin.agent, 'consultant', 5));
  people.push(consultant);
  expect(
    (
      await consultant.agent.request('PUT', '/api/consultant/profile', {
        displayName: 'Mentor',
        grades: ['2'],
        subjects: ['mathematics'],
        areas: ['classroom-management'],
        capacity: 10,
        availability: ['mon-pm'],
        paused: false,
        school: 'Riverside Elementary',
        district: 'North Valley District',
      })
    ).status,
  ).toBe(200);
  const group = await admin.agent.post('/api/groups', {
    name: 'Pulse testers',
    topic: 'workload-stress',
    description: 'A group.',
    guidelines: 'Be kind.',
    visibility: 'listed',
  });
  groupId = group.body.group.id as string;

  // 4 in one-to-one support, 16 in groups only, 20 in neither; every third teacher says "first year".
  for (let i = 0; i < 40; i++) {
    const node = i % 2;
    const m = await TestMember.signUp((nodes[node] as TestNode).url, memberInvite);
    people.push(m);
    const id = (await m.agent.get('/api/me')).body.me.id as string;
    const cohort: Cohort = i < 4 ? 'one-to-one' : i < 20 ? 'groups-only' : 'neither';
    if (cohort === 'one-to-one') {
      const req = await m.agent.post('/api/support-request', SUPPORT_REQUEST);
      expect(req.status).toBe(201);
      const offer = (await consultant.agent.get('/api/consultant/offers')).body.offers[0];
      const accepted = await consultant.agent.post(`/api/consultant/offers/${offer.requestId}/accept`);
      expect(accepted.body.conversationId).toBeTruthy();
    }
    if (cohort === 'groups-only') await m.join(groupId);
    teachers.push({ m, id, cohort, firstYear: i % 3 === 0, node });
  }
  // Two teachers of "neither" ask for one-to-one support and withdraw: six requests in week 0, four matched.
  for (const t of teachers.slice(38)) {
    expect((await t.m.agent.post('/api/support-request', SUPPORT_REQUEST)).status).toBe(201);
    expect((await t.m.agent.del('/api/support-request')).status).toBe(200);
  }
}, 240_000);

const SUPPORT_REQUEST = {
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages'],
  preferredTimes: ['mon-pm'],
};

/** Who posts in the group in week w (each twice): six people in week 0, three in week 1, nobody after. */
const postersOf = (w: number) => (w === 0 ? teachers.slice(4, 10) : w === 1 ? teachers.slice(10, 13) : []);

afterAll(async () => {
  for (const m of people) m.close();
  await Promise.all((nodes ?? []).map((n) => n.stop()));
  await r?.quit();
  await redis?.stop();
});

const programme = async (query = 'weeks=8'): Promise<ProgrammeWellness> => {
  const res = await admin.agent.get(`/api/programme/wellness?${query}`);
  expect(res.status).toBe(200);
  return res.body as ProgrammeWellness;
};

describe('wellness pulse across two nodes', () => {
  it('counts 40 teachers over 6 weeks into histograms only, suppresses the cohort of 4 with its complement, and keeps no answer linked to anyone', async () => {
    for (let w = 0; w < WEEKS; w++) {
      await setClock(at(w));
      // A node's tick freezes the week before the clock's (its summary, with the cohorts' teachers); were the
      // clock moved on before a tick ran (a loaded machine), that week would never be summarised.
      if (w > 0)
        await waitFor(
          async () =>
            (await r.hget(`${redis.prefix}wellness:week:${weekId(w - 1)}:activity`, 'frozen')) !== null,
          { timeoutMs: 20_000, what: `week ${w - 1} summarised` },
        );
      // The feedback box: three comments in week 0, four in week 1 (one refused as a second), none later.
      for (const [i, t] of teachers.entries()) {
        if (!((w === 0 && i < 3) || (w === 1 && i >= 10 && i < 14))) continue;
        expect((await t.m.agent.post('/api/pulse/feedback', { text: `Comment ${w}-${i}` })).status).toBe(201);
      }
      if (w === 1) {
        const twice = await (teachers[10] as Teacher).m.agent.post('/api/pulse/feedback', { text: 'again' });
        expect(twice.body.error).toBe('CONFLICT');
        expect((await admin.agent.post('/api/pulse/feedback', { text: 'x' })).body.error).toBe('FORBIDDEN');
      }
      for (const [i, t] of teachers.entries()) {
        const pulse = pulseOf(i, w);
        const status = await t.m.agent.get('/api/pulse');
        expect(status.body).toMatchObject({ week: weekId(w), answered: false });
        if (!pulse) continue;
        const res = await t.m.agent.post('/api/pulse', pulse);
        expect(res.status).toBe(201);
      }
      // Bad input changes nothing: out of range, a second answer (on the other node), a non-teacher.
      const first = teachers[teachers.findIndex((_, i) => pulseOf(i, w) !== null)] as Teacher;
      const other = createOther(first);
      expect((await other.post('/api/pulse', { answers: { stress: 6 } })).body.error).toBe('INVALID_PAYLOAD');
      expect((await other.post('/api/pulse', { answers: { isolation: 4 } })).body.error).toBe(
        'INVALID_PAYLOAD',
      );
      expect((await other.post('/api/pulse', { answers: { mood: 2 } })).body.error).toBe('INVALID_PAYLOAD');
      const second = await other.post('/api/pulse', { answers: { stress: 2 } });
      expect(second.body.error).toBe('CONFLICT');
      expect((await consultant.agent.post('/api/pulse', { answers: { stress: 2 } })).body.error).toBe(
        'FORBIDDEN',
      );
      expect((await first.m.agent.get('/api/pulse')).body.answered).toBe(true);
      // Group activity, through both nodes: counted in memory after each stored message, added on the tick.
      for (const t of postersOf(w)) {
        await t.m.open(groupId);
        await t.m.send(groupId, `Week ${w}, first`);
        await t.m.send(groupId, `Week ${w}, second`);
      }
      if (w === 0) {
        const meeting = await admin.agent.post(`/api/groups/${groupId}/meetings`, {
          title: 'Friday check-in',
          startsAt: Date.now(),
          durationMinutes: 30,
          host: 'Coordinator',
        });
        expect(meeting.status).toBe(201);
        await waitFor(
          async () =>
            (await r.hget(`${redis.prefix}wellness:week:${weekId(0)}:activity`, 'meetings')) === '1',
          { timeoutMs: 20_000, what: 'the meeting to be announced and counted' },
        );
      }
      if (w < WEEKS - 1) await endWeek(w);
    }
    // The week after: the last week closes; both nodes flush what they hold; then it can be shown.
    await endWeek(WEEKS - 1);
    await setClock(at(WEEKS) + DAY);
    const expectedTotal = expected(WEEKS - 1, () => true).n;
    const view = await waitFor(
      async () => {
        const v = await programme();
        return v.weeks.at(-1)?.respondents === expectedTotal ? v : null;
      },
      { timeoutMs: 20_000, what: 'the last week to be flushed by both nodes' },
    );

    expect(view.k).toBe(5);
    // Week 0's three comments wait for week 1's four: one batch of seven, week-granular, sorted, no account.
    expect(view.feedback).toEqual([
      {
        from: weekId(0),
        to: weekId(1),
        comments: [
          'Comment 0-0',
          'Comment 0-1',
          'Comment 0-2',
          'Comment 1-10',
          'Comment 1-11',
          'Comment 1-12',
          'Comment 1-13',
        ],
      },
    ]);
    expect(view.weeks.map((w) => w.week)).toEqual([
      weekId(-2),
      weekId(-1),
      ...Array.from({ length: WEEKS }, (_, w) => weekId(w)),
    ]);
    // Weeks before the pulse existed show nothing at all.
    for (const empty of view.weeks.slice(0, 2)) expect(empty.groups.every((g) => g.n === null)).toBe(true);

    for (let w = 0; w < WEEKS; w++) {
      const week = view.weeks[w + 2] as WeekFigures;
      const group = (name: string) => week.groups.find((g) => g.group === name);
      const check = (name: string, include: (t: Teacher) => boolean) => {
        const e = expected(w, include);
        const g = group(name);
        expect(g?.n, `${weekId(w)} ${name}`).toBe(e.n);
        for (const item of PULSE_ITEMS) expect(g?.items?.[item.id]?.counts).toEqual(e.counts[item.id]);
      };
      check('all', () => true);
      check('neither', (t) => t.cohort === 'neither');
      check('first-year', (t) => t.firstYear);
      check('not-first-year', (t) => !t.firstYear);
      // The cohort of 4 is hidden, and so is the next smallest: all − neither would give it otherwise.
      expect(group('one-to-one')).toMatchObject({ n: null, suppressed: 'fewer-than-k', items: null });
      expect(group('groups-only')).toMatchObject({ n: null, suppressed: 'complementary', items: null });
      // 40 teachers: participation is shown only when at least k did not answer.
      const e = expected(w, () => true);
      if (40 - e.n >= 5) expect(week.participation).toBeCloseTo(e.n / 40);
      else expect(week.participation).toBeNull();
    }

    // Participation per cohort: 4 in one-to-one support, 16 in groups only, 20 in neither (counted as each week
    // closed). The cohort of 4 takes "groups only" with it; "neither" shows once at least 5 of it did not answer.
    for (let w = 0; w < WEEKS; w++) {
      const week = view.weeks[w + 2] as WeekFigures;
      const cohort = (c: Cohort) => week.cohorts.find((x) => x.cohort === c);
      expect(cohort('one-to-one')).toMatchObject({ teachers: null, participation: null });
      expect(cohort('groups-only')).toMatchObject({ teachers: null, participation: null });
      const answered = expected(w, (t) => t.cohort === 'neither').n;
      if (w < 3) expect(cohort('neither')).toMatchObject({ teachers: null, suppressed: 'fewer-than-k' });
      else
        expect(cohort('neither')).toEqual({
          cohort: 'neither',
          teachers: 20,
          participation: answered / 20,
          suppressed: null,
        });
    }

    // Programme activity: week 0 had six posters (shown), week 1 three (hidden); six requests, four matched.
    const activity = view.activityWeeks;
    expect(activity.map((a) => a.week)).toEqual(view.weeks.map((w) => w.week));
    expect(activity[2]).toMatchObject({
      recorded: true,
      activeMembers: 6,
      activeGroups: 1,
      messages: 12,
      meetings: 1,
      requests: 6,
      matched: null,
      ended: null,
    });
    expect(activity[3]).toMatchObject({
      recorded: true,
      activeMembers: null,
      messages: null,
      requests: null,
    });
    for (const a of activity.slice(4))
      expect(a).toMatchObject({ recorded: true, messages: null, requests: null });
    // Weeks before the view existed were never summarised.
    expect(activity[0]).toMatchObject({ recorded: false, messages: null });
    expect(view.closingFeedback).toEqual([]);

    // Asking for one group, or fewer weeks, shows the same figures: nothing to subtract between queries.
    const narrow = await programme('weeks=3&group=neither');
    expect(narrow.weeks.map((w) => w.groups)).toEqual(
      view.weeks.slice(-3).map((w) => w.groups.filter((g) => g.group === 'neither')),
    );
    expect((await admin.agent.get('/api/programme/wellness?group=first-years')).body.error).toBe(
      'INVALID_PAYLOAD',
    );
    expect(
      ((await (teachers[0] as Teacher).m.agent.get('/api/programme/wellness')).body as { error: string })
        .error,
    ).toBe('FORBIDDEN');
    expect(await programme()).toEqual(view);

    // The Redis scan: counters and tokens only; no account id anywhere near the pulse.
    const ids = teachers.map((t) => t.id);
    const keys = await r.keys(`${redis.prefix}wellness:*`);
    const answeredSets = keys.filter((k) => k.endsWith(':answered'));
    const histograms = keys.filter((k) => k.endsWith(':histogram'));
    const activityHashes = keys.filter((k) => k.endsWith(':activity'));
    expect(
      keys
        .filter((k) => !answeredSets.includes(k) && !histograms.includes(k) && !activityHashes.includes(k))
        .sort(),
    ).toEqual(
      [
        `${redis.prefix}wellness:test-clock`,
        ...[0, 1].flatMap((w) => [
          `${redis.prefix}wellness:week:${weekId(w)}:feedback`,
          `${redis.prefix}wellness:week:${weekId(w)}:feedback-given`,
          `${redis.prefix}wellness:week:${weekId(w)}:posters`,
          `${redis.prefix}wellness:week:${weekId(w)}:active-groups`,
        ]),
        // Three comments in week 0 and three in week 1 reach k together: the batch shown is cut at week 1.
        `${redis.prefix}wellness:week:${weekId(1)}:feedback-cut`,
      ].sort(),
    );
    // Activity: counters and a frozen summary of counts; who posted only inside a HyperLogLog.
    for (const key of activityHashes) {
      const fields = await r.hgetall(key);
      for (const f of Object.keys(fields)) expect(f).toMatch(/^(messages|meetings|frozen)$/);
      expect(ids.some((id) => JSON.stringify(fields).includes(id))).toBe(false);
      expect(await r.ttl(key)).toBeGreaterThan(0);
    }
    for (const w of [0, 1]) {
      const key = `${redis.prefix}wellness:week:${weekId(w)}:posters`;
      expect(await r.pfcount(key)).toBe(postersOf(w).length);
      const raw = await r.getBuffer(key);
      expect(ids.some((id) => raw?.includes(id))).toBe(false);
      expect(await r.ttl(key)).toBeGreaterThan(0);
      expect(await r.smembers(`${redis.prefix}wellness:week:${weekId(w)}:active-groups`)).toEqual([groupId]);
    }
    expect(answeredSets).toHaveLength(WEEKS);
    for (const key of answeredSets) {
      const tokens = await r.smembers(key);
      for (const token of tokens) {
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(ids.some((id) => token.includes(id))).toBe(false);
      }
    }
    for (const key of histograms) {
      const fields = Object.keys(await r.hgetall(key));
      for (const f of fields)
        expect(f).toMatch(
          /^(_teachers|(one-to-one|groups-only|neither)\|(first-year|rest)\|(_n|[a-z]+\|\d))$/,
        );
      expect(await r.ttl(key)).toBeGreaterThan(0);
    }
    for (const key of answeredSets) expect(await r.ttl(key)).toBeGreaterThan(0);
    // Nothing keyed by an account mentions the pulse (no history was saved in this test).
    const all = await r.keys(`${redis.prefix}*`);
    expect(all.filter((k) => /pulse|wellness/.test(k) && ids.some((id) => k.includes(id)))).toEqual([]);
    expect(await r.dbsize()).toBeGreaterThan(0);
  }, 240_000);

  it('keeps a teacher’s sealed history for them alone, and deletes it on request', async () => {
    const t = teachers[5] as Teacher;
    const sealed = { ciphertext: 'c2VhbGVkIGJ5IHRoZSBkZXZpY2U=', iv: 'AAAAAAAAAAAAAAAA' };
    expect((await t.m.agent.request('PUT', '/api/pulse/history', sealed)).status).toBe(200);
    expect((await t.m.agent.get('/api/pulse/history')).body.history).toEqual(sealed);
    expect((await (teachers[6] as Teacher).m.agent.get('/api/pulse/history')).body.history).toBeNull();
    expect((await admin.agent.get('/api/pulse/history')).body.error).toBe('FORBIDDEN');
    expect(await r.ttl(`${redis.prefix}account:${t.id}:pulse-history`)).toBeGreaterThan(0);
    expect((await t.m.agent.del('/api/pulse/history')).status).toBe(200);
    expect((await t.m.agent.get('/api/pulse/history')).body.history).toBeNull();
    expect(await r.exists(`${redis.prefix}account:${t.id}:pulse-history`)).toBe(0);
  });
});

describe('wellness writes: guards and limits', () => {
  it('asks before keeping an identifying comment, shows crisis contacts, and limits writes per account across nodes', async () => {
    const week = (await (teachers[30] as Teacher).m.agent.get('/api/pulse')).body.week as string;
    const comments = `${redis.prefix}wellness:week:${week}:feedback`;
    const before = await r.lrange(comments, 0, -1);
    const identifying = await (teachers[30] as Teacher).m.agent.post('/api/pulse/feedback', {
      text: 'Call me on 07700 900123, I am the maths teacher at Riverside',
    });
    expect(identifying.status).toBe(428);
    expect(identifying.body.error).toBe('PRIVACY_CONFIRM_REQUIRED');
    expect(await r.lrange(comments, 0, -1)).toEqual(before);
    const risk = await (teachers[31] as Teacher).m.agent.post('/api/pulse/feedback', {
      text: 'Honestly I want to end my life, this job is too much',
    });
    expect(risk.status).toBe(201);
    expect(risk.body.support.length).toBeGreaterThan(0);

    // 20 writes an hour, counted across both nodes; then a pulse is refused before anything is recorded.
    const t = teachers[32] as Teacher;
    const sealed = { ciphertext: 'c2VhbGVk', iv: 'AAAAAAAAAAAAAAAA' };
    let accepted = 0;
    for (let i = 0; i < 25; i++) {
      const url = (nodes[i % 2] as TestNode).url;
      const res = await fetch(`${url}/api/pulse/history`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie: t.m.agent.cookie() },
        body: JSON.stringify(sealed),
      });
      if (res.status !== 200) {
        expect(((await res.json()) as { error: string }).error).toBe('RATE_LIMITED');
        break;
      }
      accepted += 1;
    }
    // Earlier weeks' pulses (up to six) spent from the same budget.
    expect(accepted).toBeGreaterThanOrEqual(14);
    expect(accepted).toBeLessThan(20);
    const pulse = await createOther(t).post('/api/pulse', { answers: { stress: 2 } });
    expect(pulse.body.error).toBe('RATE_LIMITED');
    expect((await t.m.agent.get('/api/pulse')).body.answered).toBe(false);
    // The limiter's keys name a token, never the account.
    const rateKeys = await r.keys(`${redis.prefix}rate:pulse*`);
    expect(rateKeys.length).toBeGreaterThan(0);
    expect(rateKeys.filter((k) => teachers.some((x) => k.includes(x.id)))).toEqual([]);
  });
});

/** The same teacher's session, talking to the other node. */
function createOther(t: Teacher) {
  const url = nodes[1 - t.node]?.url as string;
  return {
    post: async (path: string, body: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: t.m.agent.cookie() },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { error?: string } };
    },
  };
}
