import {
  FORMER_MEMBER,
  FORMER_TAG,
  type EraseAccountBody,
  type EraseMessages,
} from '@staffroom/shared/schemas/privacy';
import type {
  PrivacyAccounts,
  PrivacyCare,
  PrivacyConsultations,
  PrivacyGroups,
  PrivacyMessages,
  PrivacyModeration,
  PrivacyWellness,
} from './ports.js';

/** What erasure tells the rest of the system as it goes (sockets on every node, members, the other party). */
export interface ErasureNotifier {
  /**
   * On every node, before it resolves: the account's sockets are closed and per-node caches about it (bans,
   * moderators of `groupIds`) are dropped.
   */
  accountGone(accountId: string, groupIds: readonly string[]): Promise<void>;
  /** A message removed by the erasure, to every member who has the group open (as a moderator removal is). */
  removed(groupId: string, seq: number): void;
  /** A one-to-one conversation ended by the erasure, to the other participant. */
  conversationEnded(conversationId: string, peerId: string): void;
}

export interface EraseDeps {
  accounts: PrivacyAccounts;
  groups: PrivacyGroups;
  messages: PrivacyMessages;
  moderation: PrivacyModeration;
  care: PrivacyCare;
  consultations: PrivacyConsultations;
  wellness: PrivacyWellness;
  notify: ErasureNotifier;
  /** Forgets the account's throttles (event budgets, join limit). */
  forgetThrottles: (accountId: string) => Promise<void>;
  /** Makes erased data leave the disk too (Redis: AOF rewrite and snapshot); resolves when done or given up. */
  persist: () => Promise<void>;
  now?: () => number;
}

/**
 * Erasing an account: proven like a log-in, marked first (no log-in and no session from then on), then each
 * capability erases what is the account's, each step idempotent, and the record with its auth hash goes last, so
 * an interrupted erasure is finished by the owner asking again with the same passphrase.
 */
export function createEraseService(deps: EraseDeps) {
  const now = deps.now ?? Date.now;

  async function groupIds(): Promise<string[]> {
    return (await deps.groups.listGroups()).map((g) => g.id);
  }

  return {
    async erase(body: EraseAccountBody, deviceToken?: string): Promise<EraseMessages> {
      const account = await deps.accounts.proveOwner(body.pseudonym, body.authSecret, deviceToken);
      const memberships = await Promise.all(
        (await deps.groups.accountGroupIds(account.id)).map((g) => deps.groups.getMembership(g, account.id)),
      );
      const state = await deps.accounts.beginErasure(account, {
        messages: body.messages ?? 'remove',
        names: [account.pseudonym, ...memberships.flatMap((m) => (m ? [m.name] : []))],
        since: now(),
      });
      const id = account.id;
      const groups = await groupIds();

      // Sessions first: nothing acts as this account while the rest goes.
      await deps.accounts.endForErasure(id);
      await deps.notify.accountGone(id, groups);

      for (const groupId of groups) {
        const seqs = await deps.messages.eraseAuthor(groupId, id, state.messages, {
          tag: FORMER_TAG,
          name: FORMER_MEMBER,
        });
        if (state.messages === 'remove') for (const seq of seqs) deps.notify.removed(groupId, seq);
      }
      await deps.groups.eraseAccount(id);
      await deps.groups.deattributeMeetings(groups, state.names, FORMER_MEMBER);
      await deps.moderation.eraseAccount(id, state.names, groups, FORMER_MEMBER);
      await deps.care.eraseAccount(id);
      const ended = await deps.consultations.eraseAccount(id, now(), FORMER_MEMBER);
      for (const c of ended) deps.notify.conversationEnded(c.conversationId, c.peerId);
      await deps.wellness.deleteHistory(id);
      await deps.forgetThrottles(id);
      // Caches filled while the steps ran are dropped again.
      await deps.notify.accountGone(id, groups);
      await deps.accounts.finishErasure(id);
      await deps.persist();
      return state.messages;
    },
  };
}

export type EraseService = ReturnType<typeof createEraseService>;
