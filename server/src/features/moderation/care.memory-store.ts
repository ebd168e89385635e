import type { CareMessage } from '@staffroom/shared/schemas/moderation';
import { CARE_INBOX_MAX, CARE_TTL_SECONDS, type CareStore } from './care.store.js';

/** Embedded mode: same contract as the Redis store (bounded per account, expiring after the last message). */
export function createMemoryCareStore(clock: () => number = Date.now): CareStore {
  const inboxes = new Map<string, { messages: CareMessage[]; expiresAt: number }>();
  const live = (accountId: string) => {
    const inbox = inboxes.get(accountId);
    if (inbox && inbox.expiresAt <= clock()) inboxes.delete(accountId);
    return inboxes.get(accountId);
  };
  /** Escalated report ids with when they may be forgotten (kept as long as the Redis key). */
  const escalated = new Map<string, number>();
  return {
    async eraseAccount(accountId) {
      inboxes.delete(accountId);
    },
    async claimEscalation(reportId) {
      const at = clock();
      for (const [id, until] of escalated) if (until <= at) escalated.delete(id);
      if (escalated.has(reportId)) return false;
      escalated.set(reportId, at + CARE_TTL_SECONDS * 1000);
      return true;
    },
    async add(accountId, message) {
      const messages = [...(live(accountId)?.messages ?? []), { ...message }].slice(-CARE_INBOX_MAX);
      inboxes.set(accountId, { messages, expiresAt: clock() + CARE_TTL_SECONDS * 1000 });
    },
    async list(accountId) {
      return (live(accountId)?.messages ?? []).map((m) => ({ ...m }));
    },
    async remove(accountId, id) {
      const inbox = live(accountId);
      if (!inbox) return;
      inbox.messages = inbox.messages.filter((m) => m.id !== id);
      if (inbox.messages.length === 0) inboxes.delete(accountId);
    },
  };
}
