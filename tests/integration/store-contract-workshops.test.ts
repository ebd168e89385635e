import { describe, expect, it } from 'vitest';
import { createMemoryWorkshopStore } from '../../server/src/features/workshops/workshops.memory-store.js';
import { createRedisWorkshopStore } from '../../server/src/features/workshops/workshops.redis-store.js';
import type { WorkshopStore } from '../../server/src/features/workshops/workshops.store.js';
import { contractBackends } from '../support/contract.js';

/** The workshops store: one behaviour for embedded (memory) and Redis mode. */
const backends = contractBackends<WorkshopStore>(
  () => createMemoryWorkshopStore(),
  (redis, prefix) => createRedisWorkshopStore(redis, prefix),
);
const later = () => Date.now() + 3600_000;
const s1 = { groupId: 'g1', meetingId: 'm1' };
const s2 = { groupId: 'g1', meetingId: 'm2' };

describe.each(backends)('workshops store contract: %s', (_name, make) => {
  it('counts sign-ups per session, once per token, and withdraws', async () => {
    const store = make();
    expect(await store.signUpStatus(s1, 'a')).toEqual({ signedUp: false, count: 0 });
    expect(await store.signUp(s1, 'a', later())).toBe(1);
    expect(await store.signUp(s1, 'a', later())).toBe(1);
    expect(await store.signUp(s1, 'b', later())).toBe(2);
    expect(await store.signUp(s2, 'a', later())).toBe(1);
    expect(await store.signUpStatus(s1, 'b')).toEqual({ signedUp: true, count: 2 });
    expect(await store.withdraw(s1, 'b')).toBe(1);
    expect(await store.withdraw(s1, 'b')).toBe(1);
    expect(await store.withdraw({ groupId: 'g9', meetingId: 'none' }, 'a')).toBe(0);
    expect(await store.signUpStatus(s1, 'b')).toEqual({ signedUp: false, count: 1 });
  });

  it('takes one answer per token per session and counts scores', async () => {
    const store = make();
    expect(await store.scores(s1)).toEqual([0, 0, 0, 0, 0]);
    expect(await store.hasAnswered(s1, 'a')).toBe(false);
    expect(await store.answer(s1, 'a', 5, later(), 5)).toBe(true);
    expect(await store.answer(s1, 'a', 1, later(), 5)).toBe(false);
    expect(await store.answer(s1, 'b', 2, later(), 5)).toBe(true);
    expect(await store.answer(s2, 'a', 3, later(), 5)).toBe(true);
    expect(await store.hasAnswered(s1, 'a')).toBe(true);
    expect(await store.scores(s1)).toEqual([0, 1, 0, 0, 1]);
    expect(await store.scores(s2)).toEqual([0, 0, 1, 0, 0]);
  });

  it('review 2026-12-06: publishes the histogram only as frozen at each multiple of k answers', async () => {
    const store = make();
    const answers = [5, 4, 5, 3, 5, 1, 2];
    for (const [i, score] of answers.entries()) {
      expect(await store.answer(s1, `t${i}`, score, later(), 3)).toBe(true);
      const shown = await store.publishedScores(s1);
      // After 1-2 answers nothing; after 3-5 the first three; after 6-7 the first six.
      const frozen = answers.slice(0, Math.floor((i + 1) / 3) * 3);
      expect(shown, `after ${i + 1}`).toEqual(
        [1, 2, 3, 4, 5].map((v) => frozen.filter((x) => x === v).length),
      );
    }
    expect(await store.scores(s1)).toEqual([1, 1, 1, 1, 3]);
  });

  it('forgets a session once its time is up', async () => {
    const store = make();
    const soon = Date.now() + 1500;
    await store.signUp(s1, 'a', soon);
    await store.answer(s1, 'a', 4, soon, 5);
    await new Promise((resolve) => setTimeout(resolve, 3200));
    expect(await store.signUpStatus(s1, 'a')).toEqual({ signedUp: false, count: 0 });
    expect(await store.hasAnswered(s1, 'a')).toBe(false);
    expect(await store.scores(s1)).toEqual([0, 0, 0, 0, 0]);
  });
});
