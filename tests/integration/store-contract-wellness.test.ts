import { describe, expect, it } from 'vitest';
import { createMemoryWellnessStore } from '../../server/src/features/wellness/wellness.memory-store.js';
import { createRedisWellnessStore } from '../../server/src/features/wellness/wellness.redis-store.js';
import type { WellnessStore } from '../../server/src/features/wellness/wellness.store.js';
import { contractBackends } from '../support/contract.js';

/** The wellness store: one behaviour for embedded (memory) and Redis mode. */
const backends = contractBackends<WellnessStore>(
  () => createMemoryWellnessStore(),
  (redis, prefix) => createRedisWellnessStore(redis, prefix),
);

describe.each(backends)('wellness store contract: %s', (_name, make) => {
  it('claims one answer per token per week, and says only whether it was claimed', async () => {
    const store = make();
    expect(await store.hasClaimed('2026-11-30', 'tok-a')).toBe(false);
    expect(await store.claim('2026-11-30', 'tok-a', 60)).toBe(true);
    expect(await store.claim('2026-11-30', 'tok-a', 60)).toBe(false);
    expect(await store.claim('2026-12-07', 'tok-a', 60)).toBe(true);
    expect(await store.claim('2026-11-30', 'tok-b', 60)).toBe(true);
    expect(await store.hasClaimed('2026-11-30', 'tok-a')).toBe(true);
    expect(await store.hasClaimed('2026-11-30', 'tok-c')).toBe(false);
  });

  it('adds batches of counts to a week, keeps the latest teachers count, and reads absent weeks as empty', async () => {
    const store = make();
    await store.addCounts('2026-11-30', { 'neither|rest|_n': 5, 'neither|rest|stress|2': 3 }, 40, 600);
    await store.addCounts('2026-11-30', { 'neither|rest|_n': 6, 'one-to-one|rest|_n': 1 }, 41, 600);
    const [week, absent] = await store.weeks(['2026-11-30', '2026-12-07']);
    expect(week).toEqual({
      histogram: { 'neither|rest|_n': 11, 'neither|rest|stress|2': 3, 'one-to-one|rest|_n': 1 },
      teachers: 41,
    });
    expect(absent).toEqual({ histogram: {}, teachers: null });
    expect(await store.weeks([])).toEqual([]);
  });

  it('keeps one feedback comment per token per week, as text only', async () => {
    const store = make();
    expect(await store.addFeedback('2026-11-30', 'tok-a', 'More evening groups, please', 60, 600)).toBe(true);
    expect(await store.addFeedback('2026-11-30', 'tok-a', 'A second one', 60, 600)).toBe(false);
    expect(await store.addFeedback('2026-12-07', 'tok-a', 'Next week', 60, 600)).toBe(true);
    expect(await store.feedback(['2026-11-30', '2026-12-07', '2026-12-14'])).toEqual([
      ['More evening groups, please'],
      ['Next week'],
      [],
    ]);
  });

  it('keeps the first cut of a shown feedback batch, per week, and reads absent weeks as null', async () => {
    const store = make();
    await store.markFeedbackCut('2026-12-07', '2026-11-30', 600);
    await store.markFeedbackCut('2026-12-07', '2026-12-07', 600);
    expect(await store.feedbackCuts(['2026-11-30', '2026-12-07'])).toEqual([null, '2026-11-30']);
    expect(await store.feedbackCuts([])).toEqual([]);
  });

  it('keeps one sealed history per account until it is deleted', async () => {
    const store = make();
    expect(await store.history('acc1')).toBeNull();
    await store.saveHistory('acc1', { ciphertext: 'AAAA', iv: 'BBBB' }, 600);
    await store.saveHistory('acc1', { ciphertext: 'CCCC', iv: 'DDDD' }, 600);
    expect(await store.history('acc1')).toEqual({ ciphertext: 'CCCC', iv: 'DDDD' });
    expect(await store.history('acc2')).toBeNull();
    expect(await store.deleteHistory('acc1')).toBe(true);
    expect(await store.deleteHistory('acc1')).toBe(false);
    expect(await store.history('acc1')).toBeNull();
  });

  it('adds activity counts and people, freezes a week once, and reads absent weeks as empty', async () => {
    const store = make();
    await store.addActivity('2026-11-30', { messages: 3, meetings: 0 }, ['t1', 't2'], ['g1'], 600, 60);
    await store.addActivity('2026-11-30', { messages: 2, meetings: 1 }, ['t2', 't3'], ['g1', 'g2'], 600, 60);
    await store.addActivity('2026-11-30', { messages: 0, meetings: 0 }, [], [], 600, 60);
    expect(await store.activityPeople('2026-11-30')).toEqual({ posters: 3, activeGroups: 2 });
    expect(await store.activityPeople('2026-12-07')).toEqual({ posters: 0, activeGroups: 0 });
    const frozen = {
      posters: 3,
      activeGroups: 2,
      teachers: { 'one-to-one': 1, 'groups-only': 2, neither: 3, total: 6 },
      requests: 4,
      matched: { n: 2, medianHours: 5, buckets: [1, 1, 0, 0] },
      ended: { n: 1, medianDays: 9, endings: [1, 0, 0], lengths: [1, 0, 0, 0] },
    };
    expect(await store.freezeActivity('2026-11-30', frozen, 600)).toBe(true);
    expect(await store.freezeActivity('2026-11-30', { ...frozen, requests: 99 }, 600)).toBe(false);
    expect(await store.activity(['2026-11-30', '2026-12-07'])).toEqual([
      { counts: { messages: 5, meetings: 1 }, frozen },
      { counts: { messages: 0, meetings: 0 }, frozen: null },
    ]);
    expect(await store.activity([])).toEqual([]);
  });
});
