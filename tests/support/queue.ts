import type { QueueItem } from '@staffroom/shared/schemas/moderation';
import type { TestMember } from './member.js';
import { requestPaced } from './paced.js';
import { waitFor } from './ports.js';

/** One group's items in a moderator's queue, read paced (`mod:queue` costs 8 points of the event budget). */
export async function queueOf(m: TestMember, groupId: string, deadlineMs = 15_000): Promise<QueueItem[]> {
  const ack = await requestPaced(m, 'mod:queue', {}, deadlineMs);
  if (!ack.ok) throw new Error(ack.error.code);
  return ack.data.items.filter((i) => i.groupId === groupId);
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
