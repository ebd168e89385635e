import { keyFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the messages capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`). Hash tags keep one group's keys in one cluster slot.
 */
export const messageKeys = (p: string) => ({
  /** stream, metadata only. retention: the newest `HISTORY_MAX_MESSAGES` (trimmed exactly by the append script). */
  stream: (groupId: string) => keyFor(p, 'messages.stream', { groupId }),
  /**
   * hash: seq → text. Kept apart from the stream so removing a message really erases its text (stream entries
   * cannot be rewritten, and XDEL leaves the bytes in place until the whole stream node goes).
   * retention: the text of a trimmed message is deleted in the same script; a removed one becomes a tombstone.
   */
  texts: (groupId: string) => keyFor(p, 'messages.texts', { groupId }),
  /** retention: as long as the group. */
  seq: (groupId: string) => keyFor(p, 'messages.seq', { groupId }),
  /** retention: TTL `CLIENT_ID_TTL_SECONDS`. */
  clientId: (groupId: string, accountId: string, clientId: string) =>
    keyFor(p, 'messages.clientId', { groupId, accountId, clientId }),
  /** retention: deleted with its message: when the message is removed, and when it is trimmed (append script). */
  reactions: (groupId: string, seq: number) => keyFor(p, 'messages.reactions', { groupId, seq }),
  /** retention: an entry goes once the item is raised; at most PENDING_CRISIS_MAX. */
  crisis: (groupId: string) => keyFor(p, 'messages.crisis', { groupId }),
  /** pub/sub channel. retention: none needed (a channel stores nothing). */
  live: () => keyFor(p, 'messages.live'),
  /**
   * Shard channel (Redis Cluster mode): this group's stored messages, published with `SPUBLISH` by the append
   * script; the group's hash tag puts it in the slot of the group's keys. retention: none (stores nothing).
   */
  liveShard: (groupId: string) => keyFor(p, 'messages.liveShard', { groupId }),
  /** retention: TTL of the window (10 s). */
  sendRate: (accountId: string) => keyFor(p, 'messages.sendRate', { accountId }),
  /** retention: TTL of the slow window. */
  slowRate: (groupId: string, accountId: string) => keyFor(p, 'messages.slowRate', { groupId, accountId }),
});
