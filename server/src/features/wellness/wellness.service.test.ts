import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Principal } from '../../platform/principal.js';
import { createMemoryWellnessStore } from './wellness.memory-store.js';
import { createWellnessService } from './wellness.service.js';

const MONDAY = Date.UTC(2026, 9, 5, 9);
const WEEK = 7 * 86_400_000;

function setup() {
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
      meanHelpfulness: null,
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
  return { service, teacher, counted, setNow: (t: number) => (now = t) };
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
