import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Principal } from '../../platform/principal.js';
import { createRateLimit } from '../../platform/rate-limit.js';
import type { SupportRecords } from './activity.js';
import { createMemoryWellnessStore } from './wellness.memory-store.js';
import { createWellnessService } from './wellness.service.js';

const MONDAY = Date.UTC(2026, 9, 5, 9);
const WEEK = 7 * 86_400_000;

const DAY = 86_400_000;
const RESOURCES = [{ name: 'Helpline', contact: '116 123', hours: '24/7' }];

function setup(opts: { records?: SupportRecords; writesPerHour?: number } = {}) {
  let now = MONDAY;
  const store = createMemoryWellnessStore(() => now);
  const service = createWellnessService({
    store,
    pepper: 'p'.repeat(32),
    k: 5,
    batchMin: 5,
    flushMs: 1000,
    weekStartDay: 1,
    retentionWeeks: 10,
    cohortOf: async () => 'neither',
    teacherCount: async () => 40,
    activity: async () => ({
      groups: 0,
      groupMembers: 0,
      supportWaiting: 0,
      supportActive: 0,
      feedbackResponses: 0,
    }),
    supportRecords: async () => opts.records ?? { requests: [], conversations: [] },
    cohortCounts: async () => ({ inSupport: 8, inGroupsOnly: 12 }),
    closingFeedback: async () => [],
    guards: { schoolNames: ['Riverside Elementary'], crisisResources: RESOURCES },
    writeLimit: createRateLimit({
      redis: null,
      keyPrefix: 'test',
      points: opts.writesPerHour ?? 100,
      durationSeconds: 3600,
      message: 'slow down',
    }),
    clock: async () => now,
    log: pino({ level: 'silent' }),
  });
  const teacher = (i: number): Principal => ({
    accountId: `acc${i}`,
    sessionId: `s${i}`,
    tokenHash: `t${i}`,
    pseudonym: `T${i}`,
    role: 'member',
  });
  const counted = async () =>
    Object.entries((await store.weeks(['2026-10-05']))[0]?.histogram ?? {}).reduce(
      (s, [f, v]) => s + (f.endsWith('|_n') ? v : 0),
      0,
    );
  return { service, store, teacher, counted, setNow: (t: number) => (now = t) };
}

describe('wellness service: batching', () => {
  it('holds answers until a batch of batchMin, then stores them in one step', async () => {
    const { service, teacher, counted } = setup();
    for (let i = 0; i < 4; i++) await service.answer(teacher(i), { answers: { stress: 2 } });
    await service.tick();
    expect(await counted()).toBe(0);
    await service.answer(teacher(4), { answers: { stress: 3 } });
    expect(await counted()).toBe(5);
    await expect(service.answer(teacher(4), { answers: {} })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      service.answer({ ...teacher(9), role: 'consultant' }, { answers: { stress: 1 } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('flushes a short batch once its week ends, and drops one that comes after the week could be shown', async () => {
    const a = setup();
    for (let i = 0; i < 3; i++) await a.service.answer(a.teacher(i), { answers: {} });
    a.setNow(Date.UTC(2026, 9, 12) + 1000); // the next week has just begun: within the grace
    await a.service.tick();
    expect(await a.counted()).toBe(3);

    const b = setup();
    for (let i = 0; i < 3; i++) await b.service.answer(b.teacher(i), { answers: {} });
    b.setNow(MONDAY + 2 * WEEK); // the week has long been shown: these must not move its figures
    await b.service.tick();
    expect(await b.counted()).toBe(0);
  });
});

const admin: Principal = { accountId: 'adm', sessionId: 's', tokenHash: 't', pseudonym: 'A', role: 'admin' };

describe('wellness service: programme activity', () => {
  it('counts messages, posters, groups and meetings in memory, adds them on the tick, and freezes the closed week', async () => {
    // Six requests made in the week, five matched in it after 2 h … 5 days; five ended in it, one by a block.
    const start = Date.UTC(2026, 9, 5);
    const records: SupportRecords = {
      requests: [0, 1, 2, 3, 4, 5].map((i) => ({
        createdAt: start + i * 3600_000,
        conversationId: i < 5 ? `c${i}` : null,
      })),
      conversations: [0, 1, 2, 3, 4].map((i) => ({
        id: `c${i}`,
        createdAt: start + i * 3600_000 + [2 * 3600_000, 3 * 3600_000, 2 * DAY, 5 * DAY, 5 * DAY][i]!,
        status: 'closed',
        closedAt: start + 6 * DAY,
        closeProposedBy: i === 1 ? 'consultant' : 'teacher',
        blocked: i === 4,
      })),
    };
    const { service, setNow } = setup({ records });
    await service.tick(); // reads the clock
    for (let i = 0; i < 12; i++) service.recordMessage(`acc${i % 6}`, `g${i % 2}`);
    service.recordMeeting();
    // Nothing is shown before the week has closed and every node could flush it.
    setNow(Date.UTC(2026, 9, 12) + 500);
    await service.tick();
    setNow(Date.UTC(2026, 9, 13));
    const view = await service.programme(admin, { weeks: 1 });
    expect(view.activityWeeks).toEqual([
      {
        week: '2026-10-05',
        recorded: true,
        activeMembers: 6,
        activeGroups: 2,
        messages: 12,
        meetings: 1,
        requests: 6,
        matched: {
          n: 5,
          medianHours: null,
          // 2, 0, 2, 1 per bucket: each under 5, so all hidden.
          buckets: {
            counts: [null, null, null, null],
            suppressed: ['fewer-than-k', 'fewer-than-k', 'fewer-than-k', 'fewer-than-k'],
          },
        },
        ended: {
          n: 5,
          // Every one lasted under two weeks: saying so would tell each one's length, so all are hidden.
          medianDays: null,
          endings: {
            counts: [null, null, null],
            suppressed: ['fewer-than-k', 'fewer-than-k', 'fewer-than-k'],
          },
          lengths: {
            counts: [null, null, null, null],
            suppressed: ['complementary', 'fewer-than-k', 'fewer-than-k', 'fewer-than-k'],
          },
        },
      },
    ]);
    // Cohort participation: 40 teachers, 8 in support, 12 in groups only, 20 neither; nobody answered.
    expect(view.weeks[0]?.cohorts.every((c) => c.teachers === null)).toBe(true);
  });

  it('stores posters as per-week tokens, never account ids, and counts each message in its own week', async () => {
    const { service, store, setNow } = setup();
    const stored: { week: string; posters: string[] }[] = [];
    const addActivity = store.addActivity.bind(store);
    store.addActivity = async (week, counts, posters, ...rest) => {
      stored.push({ week, posters: [...posters] });
      return addActivity(week, counts, posters, ...rest);
    };
    await service.tick();
    for (let i = 0; i < 12; i++) service.recordMessage(`acc${i % 6}`, 'g1');
    setNow(Date.UTC(2026, 9, 12) + 500); // the next week has begun: the node's week changes with the clock
    await service.tick();
    for (let i = 0; i < 6; i++) service.recordMessage(`acc${i}`, 'g1');
    await service.tick();
    expect(stored.map((s) => [s.week, s.posters.length])).toEqual([
      ['2026-10-05', 6],
      ['2026-10-12', 6],
    ]);
    const [first, second] = stored.map((s) => new Set(s.posters));
    expect([...first!, ...second!].some((t) => t.startsWith('acc'))).toBe(false);
    // The same six people, another week: other tokens (a week's tokens cannot be joined with the next's).
    expect([...second!].some((t) => first!.has(t))).toBe(false);
  });

  it('hides group activity when fewer than k people posted', async () => {
    const { service, setNow } = setup();
    await service.tick();
    for (let i = 0; i < 30; i++) service.recordMessage(`acc${i % 4}`, 'g1');
    setNow(Date.UTC(2026, 9, 12) + 500);
    await service.tick();
    setNow(Date.UTC(2026, 9, 13));
    const [week] = (await service.programme(admin, { weeks: 1 })).activityWeeks;
    expect(week).toMatchObject({ recorded: true, activeMembers: null, messages: null, activeGroups: null });
  });
});

describe('wellness service: the feedback box', () => {
  const teacher: Principal = {
    accountId: 'a1',
    sessionId: 's',
    tokenHash: 't',
    pseudonym: 'T',
    role: 'member',
  };

  it('asks before keeping a comment that may identify someone, and shows resources when it suggests risk', async () => {
    const { service } = setup();
    await expect(
      service.leaveFeedback(teacher, { text: 'Email me at jane.doe@example.com about it' }),
    ).rejects.toMatchObject({ code: 'PRIVACY_CONFIRM_REQUIRED' });
    expect(
      await service.leaveFeedback(teacher, {
        text: 'I want to end my life, nothing helps any more',
        confirmIdentifying: true,
      }),
    ).toEqual({ ok: true, support: RESOURCES });
    expect(
      await service.leaveFeedback({ ...teacher, accountId: 'a2' }, { text: 'More evening groups' }),
    ).toEqual({ ok: true });
  });

  it('limits writes per account', async () => {
    const { service } = setup({ writesPerHour: 2 });
    await service.leaveFeedback(teacher, { text: 'One' });
    await service.saveHistory(teacher, { ciphertext: 'AAAA', iv: 'BBBB' });
    await expect(service.answer(teacher, { answers: {} })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await service.answer({ ...teacher, accountId: 'a2' }, { answers: {} });
  });
});
