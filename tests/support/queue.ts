import type { QueueItem } from '@staffroom/shared/schemas/moderation';
import type { TestMember } from './member.js';
import { sleep, waitFor } from './ports.js';

/**
 * One group's items in a moderator's queue, read as the real client would: `mod:queue` spends 8 points of the
 * account's event budget, so an answer of RATE_LIMITED is waited out (its `retryAfterMs`) and asked again. A test
 * that polled through refusals would be disconnected as a flood (SOCKET_ABUSE_REFUSALS) and time out from then on.
 */
export async function queueOf(m: TestMember, groupId: string, deadlineMs = 15_000): Promise<QueueItem[]> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const ack = await m.transport.request('mod:queue', {});
    if (ack.ok) return ack.data.items.filter((i) => i.groupId === groupId);
    if (ack.error.code !== 'RATE_LIMITED' || Date.now() > deadline) throw new Error(ack.error.code);
    await sleep(ack.error.retryAfterMs ?? 1_000);
  }
}

/** Polls one group's queue, at a pace the event budget allows, until `pick` finds something in it. */
export function waitForQueue<T>(
  m: TestMember,
  groupId: string,
  pick: (items: QueueItem[]) => T | null | undefined,
  { timeoutMs = 20_000, what = 'the moderation queue' } = {},
): Promise<NonNullable<T>> {
  return waitFor(async () => pick(await queueOf(m, groupId)), { timeoutMs, intervalMs: 250, what });
}

/** Polls until the group's queue holds at least one item, and returns them all. */
export const waitForItems = (m: TestMember, groupId: string) =>
  waitForQueue(m, groupId, (q) => (q.length > 0 ? q : null), { what: 'an item in the queue' });
