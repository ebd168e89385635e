import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log.js';
import { createMetrics } from '../../platform/metrics.js';
import { createMemorySweepLock } from './sweep-lock.js';
import { createSweeper, drain, type SweepStep } from './sweeper.js';

const log = createLogger('silent');

describe('retention sweeper', () => {
  it('reads the clock once per run, hands every step the same now, and counts what each removed', async () => {
    let now = 1_000;
    const seen: number[] = [];
    const steps: SweepStep[] = [
      { dataClass: 'group-messages', sweep: async (at) => (seen.push(at), 3) },
      { dataClass: 'audit', sweep: async (at) => (seen.push(at), 0) },
    ];
    const metrics = createMetrics();
    const sweeper = createSweeper({ lock: createMemorySweepLock(), clock: () => now++, steps, metrics, log });
    const result = await sweeper.run();
    expect(result).toMatchObject({ ran: true, now: 1_000, removed: { 'group-messages': 3, audit: 0 } });
    expect(seen).toEqual([1_000, 1_000]);
    const removed = (await metrics.retentionRemoved.get()).values.map((v) => [v.labels.class, v.value]);
    expect(removed).toEqual([['group-messages', 3]]);
  });

  it('a failing step is reported and the others still run', async () => {
    const steps: SweepStep[] = [
      {
        dataClass: 'reports',
        sweep: async () => {
          throw new Error('boom');
        },
      },
      { dataClass: 'meetings', sweep: async () => 2 },
    ];
    const metrics = createMetrics();
    const sweeper = createSweeper({ lock: createMemorySweepLock(), clock: () => 5, steps, metrics, log });
    expect(await sweeper.run()).toMatchObject({ ran: true, failed: ['reports'], removed: { meetings: 2 } });
    const outcomes = (await metrics.retentionSweeps.get()).values.map((v) => [v.labels.outcome, v.value]);
    expect(outcomes).toEqual([['failed', 1]]);
  });

  it('two overlapping runs in one process: the second skips (embedded mode), and the lock is free after', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const steps: SweepStep[] = [{ dataClass: 'audit', sweep: async () => (calls++, await gate, 1) }];
    const sweeper = createSweeper({ lock: createMemorySweepLock(), clock: () => 0, steps, log });
    const first = sweeper.run();
    expect(await sweeper.run()).toEqual({ ran: false });
    release();
    expect(await first).toMatchObject({ ran: true });
    expect(await sweeper.run()).toMatchObject({ ran: true });
    expect(calls).toBe(2);
  });

  it('drain calls batches until one comes back short, and stops when the lock is lost', async () => {
    const sizes = [5, 5, 2, 9];
    expect(
      await drain(
        async () => sizes.shift() ?? 0,
        async () => true,
        5,
      ),
    ).toBe(12);
    let holding = 2;
    expect(
      await drain(
        async () => 5,
        async () => --holding > 0,
        5,
      ),
    ).toBe(10);
  });
});
