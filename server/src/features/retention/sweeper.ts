import type { Logger } from '../../platform/log.js';
import type { Metrics } from '../../platform/metrics.js';
import type { SweepLock } from './sweep-lock.js';

/** The kinds of data the sweep deletes, as counted in `staffroom_retention_removed_total{class}`. */
export const RETENTION_CLASSES = [
  'group-messages',
  'one-to-one',
  'reports',
  'audit',
  'meetings',
  'sanctions',
] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** Milliseconds since the epoch; injected so tests can sweep "days later" without waiting. */
export type Clock = () => number;

/**
 * One part of the sweep. `sweep` deletes what has expired as of `now`, calling `stillHolding` between batches
 * (it stops, returning what it did so far, when that answers false), and returns how many records it removed.
 */
export interface SweepStep {
  dataClass: RetentionClass;
  sweep(now: number, stillHolding: () => Promise<boolean>): Promise<number>;
}

export type SweepResult =
  | { ran: false }
  | { ran: true; now: number; removed: Record<RetentionClass, number>; failed: RetentionClass[] };

export interface SweeperDeps {
  lock: SweepLock;
  clock: Clock;
  steps: readonly SweepStep[];
  metrics?: Pick<Metrics, 'retentionRemoved' | 'retentionSweeps'>;
  log: Logger;
}

/**
 * The retention sweep: every node calls `run` on a timer, the lock lets one of them sweep at a time, and the
 * others skip the round ("busy"). One clock reading per run, so every step applies the same "now". A failing
 * step is logged and counted, and the others still run.
 */
export function createSweeper(deps: SweeperDeps) {
  const { lock, metrics, log } = deps;
  return {
    async run(): Promise<SweepResult> {
      const token = await lock.acquire();
      if (token === null) {
        metrics?.retentionSweeps.inc({ outcome: 'busy' });
        return { ran: false };
      }
      const now = deps.clock();
      const removed = Object.fromEntries(RETENTION_CLASSES.map((c) => [c, 0])) as Record<
        RetentionClass,
        number
      >;
      const failed: RetentionClass[] = [];
      let holding = true;
      const stillHolding = async () => (holding &&= await lock.extend(token));
      try {
        for (const step of deps.steps) {
          if (!(await stillHolding())) break;
          try {
            const n = await step.sweep(now, stillHolding);
            removed[step.dataClass] += n;
            if (n > 0) metrics?.retentionRemoved.inc({ class: step.dataClass }, n);
          } catch (err) {
            failed.push(step.dataClass);
            log.warn({ err: String(err), dataClass: step.dataClass }, 'retention sweep step failed');
          }
        }
      } finally {
        await lock.release(token).catch(() => {});
      }
      if (!holding)
        log.warn('retention sweep lost its lock (took longer than the lock period): stopped early');
      metrics?.retentionSweeps.inc({ outcome: failed.length > 0 ? 'failed' : 'ran' });
      const total = Object.values(removed).reduce((a, b) => a + b, 0);
      if (total > 0) log.info({ removed }, 'retention sweep removed expired records');
      return { ran: true, now, removed, failed };
    },
  };
}

/** Calls `batch(limit)` until it returns fewer than `limit` (or the lock is lost); returns the total. */
export async function drain(
  batch: (limit: number) => Promise<number>,
  stillHolding: () => Promise<boolean>,
  limit = SWEEP_BATCH,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await batch(limit);
    total += n;
    if (n < limit || !(await stillHolding())) return total;
  }
}

/** Records one store call deletes at most (so one Redis script stays short). */
export const SWEEP_BATCH = 500;
/** How long the lock holds without being extended: a node that dies mid-sweep frees it after this. */
export const SWEEP_LOCK_MS = 60_000;
