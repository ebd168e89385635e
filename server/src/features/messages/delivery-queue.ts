/**
 * A loop turn's backlog is written in slices, not all at its end: once this many messages wait, or the oldest
 * has waited this long (ms), what waits is written as soon as the current read's handlers are done (a
 * microtask), before the turn's later reads. Without a cap, the first message read after a stall (a
 * collection, a busy moment of the machine) waited for the guards and the append of every message read after it
 * in the same turn, then for all their writes: the delivery latency's tail (issue 15). The count keeps batching
 * where it pays (several messages of one group share a frame); the time bounds the wait.
 */
export const FLUSH_AT_MESSAGES = 32;
export const FLUSH_AFTER_MS = 1;

export interface DeliveryTiming {
  /** A clock in ms (default `performance.now`); tests pass their own. */
  now?: () => number;
  flushAtMessages?: number;
  flushAfterMs?: number;
}

/**
 * Collects delivered messages per group and hands them to `write` in arrival order: at the end of the loop
 * turn (`setImmediate`), or sooner, in a microtask, when `FLUSH_AT_MESSAGES` wait or the oldest has waited
 * `FLUSH_AFTER_MS`. Every message is written exactly once, and one group's messages in the order they came.
 */
export function createDeliveryQueue(
  write: (groups: Map<string, Buffer[]>) => void,
  timing: DeliveryTiming = {},
): (groupId: string, json: Buffer) => void {
  const now = timing.now ?? (() => performance.now());
  const atMessages = timing.flushAtMessages ?? FLUSH_AT_MESSAGES;
  const afterMs = timing.flushAfterMs ?? FLUSH_AFTER_MS;
  let pending = new Map<string, Buffer[]>();
  let count = 0;
  let firstAt = 0;
  let turnEndScheduled = false;
  let soonScheduled = false;
  const flush = () => {
    if (count === 0) return;
    const groups = pending;
    pending = new Map();
    count = 0;
    write(groups);
  };
  const atTurnEnd = () => {
    turnEndScheduled = false;
    flush();
  };
  const soon = () => {
    soonScheduled = false;
    flush();
  };
  return (groupId, json) => {
    let list = pending.get(groupId);
    if (!list) {
      list = [];
      pending.set(groupId, list);
    }
    list.push(json);
    if (++count === 1) firstAt = now();
    if (!turnEndScheduled) {
      turnEndScheduled = true;
      setImmediate(atTurnEnd);
    } else if (!soonScheduled && (count >= atMessages || now() - firstAt >= afterMs)) {
      soonScheduled = true;
      queueMicrotask(soon);
    }
  };
}
