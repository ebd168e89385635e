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
});
