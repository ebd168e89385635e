import { keyFor } from '@staffroom/shared/privacy/registry';

/** Stands for the n-th argument of a compiled key (a private-use character, in no key pattern or deployment prefix). */
const mark = (n: number) => `\uE000${n}`;
const MARKS = /\uE000(\d)/;

/**
 * A key builder with the registry's pattern resolved once. `sample` is `keyFor` applied to `mark(0)`,
 * `mark(1)`…; the builder puts its arguments where the marks are, so it returns exactly what `keyFor` would
 * (a unit test holds the two equal), without `keyFor`'s regex replace per call: the append builds seven keys
 * for every message.
 */
export function compileKey<A extends (string | number)[]>(sample: string): (...values: A) => string {
  const pieces = sample.split(MARKS);
  const literals = pieces.filter((_, i) => i % 2 === 0);
  const slots = pieces.filter((_, i) => i % 2 === 1).map(Number);
  if (slots.length === 0) return () => sample;
  return (...values) => {
    let key = literals[0] as string;
    for (let i = 0; i < slots.length; i++)
      key += String(values[slots[i] as number]) + (literals[i + 1] as string);
    return key;
  };
}

/**
 * Every Redis key the messages capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`). Hash tags keep one group's keys in one cluster slot.
 */
export const messageKeys = (p: string) => ({
  /** stream, metadata only. retention: the newest `HISTORY_MAX_MESSAGES` (trimmed exactly by the append script). */
  stream: compileKey<[groupId: string]>(keyFor(p, 'messages.stream', { groupId: mark(0) })),
  /**
   * hash: seq → text. Kept apart from the stream so removing a message really erases its text (stream entries
   * cannot be rewritten, and XDEL leaves the bytes in place until the whole stream node goes).
   * retention: the text of a trimmed message is deleted in the same script; a removed one becomes a tombstone.
   */
  texts: compileKey<[groupId: string]>(keyFor(p, 'messages.texts', { groupId: mark(0) })),
  /** retention: as long as the group. */
  seq: compileKey<[groupId: string]>(keyFor(p, 'messages.seq', { groupId: mark(0) })),
  /** retention: TTL `CLIENT_ID_TTL_SECONDS`. */
  clientId: compileKey<[groupId: string, accountId: string, clientId: string]>(
    keyFor(p, 'messages.clientId', { groupId: mark(0), accountId: mark(1), clientId: mark(2) }),
  ),
  /** retention: deleted with its message: when the message is removed, and when it is trimmed (append script). */
  reactions: compileKey<[groupId: string, seq: number]>(
    keyFor(p, 'messages.reactions', { groupId: mark(0), seq: mark(1) }),
  ),
  /** retention: an entry goes once the item is raised; at most PENDING_CRISIS_MAX. */
  crisis: compileKey<[groupId: string]>(keyFor(p, 'messages.crisis', { groupId: mark(0) })),
  /** pub/sub channel. retention: none needed (a channel stores nothing). */
  live: () => keyFor(p, 'messages.live'),
  /**
   * Shard channel (Redis Cluster mode): this group's stored messages, published with `SPUBLISH` by the append
   * script; the group's hash tag puts it in the slot of the group's keys. retention: none (stores nothing).
   */
  liveShard: compileKey<[groupId: string]>(keyFor(p, 'messages.liveShard', { groupId: mark(0) })),
  /** retention: TTL of the window (10 s). */
  sendRate: compileKey<[accountId: string]>(keyFor(p, 'messages.sendRate', { accountId: mark(0) })),
  /** retention: TTL of the slow window. */
  slowRate: compileKey<[groupId: string, accountId: string]>(
    keyFor(p, 'messages.slowRate', { groupId: mark(0), accountId: mark(1) }),
  ),
});
