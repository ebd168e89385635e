import type { HistoryPage, OpenedGroup } from '@staffroom/shared/protocol/client-events';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { HeldMessage } from '@staffroom/shared/schemas/messages';
import { AppError } from '../../platform/errors.js';
import type { Logger } from '../../platform/log.js';
import type { Principal } from '../../platform/principal.js';
import type { RateLimit } from '../../platform/rate-limit.js';
import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer, type AppSocket } from '../../platform/realtime/types.js';
import { memberView, type GroupService } from './groups.service.js';
import type { PresenceTracker } from './presence.js';

export interface GroupHandlerDeps {
  io: AppServer;
  edge: EventEdge;
  groups: GroupService;
  presence: PresenceTracker;
  /** Joins and opens per account per minute, cluster-wide. */
  joinLimit: RateLimit;
  /** Lock, slow mode and this member's mute in a group (from moderation). */
  posting: (
    p: Principal,
    groupId: string,
  ) => Promise<{ locked: boolean; slowSeconds: number; mutedUntil: number | null; careCard?: boolean }>;
  /** This member's own messages held for review in the group (from moderation); absent: none are held. */
  held?: (p: Principal, groupId: string) => Promise<HeldMessage[]>;
  /** Throws MUTED or GROUP_LOCKED when this member may not post here now (from moderation). */
  mayPost: (p: Principal, groupId: string) => Promise<unknown>;
  /** Resolves once this node receives the group's live messages (from messages; a cluster subscribes per group). */
  follow?: (groupId: string) => Promise<void>;
  /** A page of history for a member (from messages); on a reopen, what changed among the messages it shows. */
  history: (
    p: Principal,
    groupId: string,
    query: { since?: number | undefined; from?: number | undefined },
  ) => Promise<HistoryPage & Pick<OpenedGroup, 'latestSeq' | 'removed' | 'reactions'>>;
  /**
   * Tests only (`TEST_GROUP_OPEN_PAUSE_MS`, refused outside `NODE_ENV=test`): `group:open` waits this long
   * between its membership check and its room join, and again before it marks the group open, so a test can
   * land a ban inside either window deterministically. 0 in every deployment.
   */
  testPauseMs?: number;
}

/** Typing notices are relayed at most this often per socket and group. */
const TYPING_EVERY_MS = 2_000;

/** Takes a group off every socket of this account on every node, and tells them why. */
export function removeAccountFromGroup(
  io: AppServer,
  accountId: string,
  groupId: string,
  reason: 'left' | 'kicked' | 'banned',
): void {
  const account = io.in(rooms.account(accountId));
  account.socketsLeave(rooms.group(groupId));
  io.to(rooms.account(accountId)).emit('group:removed', { groupId, reason });
}

/**
 * After this node's Redis subscriber was away, a kick, ban or leave published meanwhile never took this node's
 * sockets out of the group's room, and they would go on receiving its messages. Checks the membership of every
 * group open on a local socket again (one read each, `concurrency` at a time) and takes the socket out of the
 * rooms it no longer belongs in; the client, told to resync, reopens and hears NOT_FOUND. A check that fails for
 * another reason (Redis away again) leaves the socket as it is: the next resync checks again. Resolves with how
 * many were taken out.
 */
export async function recheckOpenGroups(
  io: AppServer,
  groups: Pick<GroupService, 'requireMembership'>,
  log: Logger,
  concurrency = 8,
): Promise<number> {
  const open: { socket: AppSocket; groupId: string }[] = [];
  for (const socket of io.of('/').sockets.values())
    for (const groupId of socket.data.openGroups.keys()) open.push({ socket, groupId });
  let next = 0;
  let removed = 0;
  let failed = 0;
  const worker = async () => {
    for (let item = open[next++]; item; item = open[next++]) {
      const { socket, groupId } = item;
      if (!socket.connected || !socket.rooms.has(rooms.group(groupId))) continue;
      try {
        await groups.requireMembership(socket.data.principal, groupId);
      } catch (err) {
        if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND) {
          await socket.leave(rooms.group(groupId)); // presence follows through watchGroupRooms
          removed += 1;
        } else failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, open.length) }, worker));
  if (removed > 0 || failed > 0)
    log.info({ checked: open.length, removed, failed }, 'open groups checked again after a resync');
  return removed;
}

/** The member view of a group open on this socket, or NOT_FOUND. */
export function openGroupOf(socket: AppSocket, groupId: string) {
  const member = socket.data.openGroups.get(groupId);
  // The room is the authority: a kick or ban removes the socket from it on every node at once.
  if (!member || !socket.rooms.has(rooms.group(groupId))) {
    throw new AppError(ErrorCode.NOT_FOUND, 'Open the group first (or it is no longer available to you).');
  }
  return member;
}

/** The group events, registered once per node (each handler reads the socket it is called for). */
export function registerGroupHandlers(deps: GroupHandlerDeps): void {
  const { edge, groups, presence } = deps;
  /** When each socket last relayed typing, per group: made at its first typing notice, gone with the socket. */
  const typingOf = new WeakMap<AppSocket, Map<string, number>>();

  edge.handle('group:join', async (payload, socket) => {
    const principal = socket.data.principal;
    await deps.joinLimit.consume(principal.accountId);
    return groups.join(principal, payload);
  });

  edge.handle('group:preview', ({ code }) => groups.preview(code));

  edge.handle('group:leave', async ({ groupId }, socket) => {
    const principal = socket.data.principal;
    await groups.leave(principal, groupId);
    removeAccountFromGroup(deps.io, principal.accountId, groupId, 'left');
    return {};
  });

  edge.handle('group:open', async ({ groupId, since, from }, socket): Promise<OpenedGroup> => {
    const principal = socket.data.principal;
    await deps.joinLimit.consume(principal.accountId);
    const membership = await groups.requireMembership(principal, groupId);
    const me = memberView(membership);
    if (deps.testPauseMs) await new Promise((resolve) => setTimeout(resolve, deps.testPauseMs));
    // Join the room before reading history, so nothing published in between is missed (the client dedupes).
    await socket.join(rooms.group(groupId));
    // A ban or kick that landed between the check above and the join published its eviction before this socket
    // was in the room: check again now that it is, and leave if the membership is gone.
    // Also wait until this node receives the group's messages (a Redis Cluster subscribes per group), so nothing
    // stored after the history read below can be missed.
    try {
      await groups.requireMembership(principal, groupId);
      await deps.follow?.(groupId);
    } catch (err) {
      await socket.leave(rooms.group(groupId));
      throw err;
    }
    if (deps.testPauseMs) await new Promise((resolve) => setTimeout(resolve, deps.testPauseMs));
    // A ban or kick that landed after the re-check took the socket out of the room again (every node applies it
    // before the moderator's ack): then the group is not open here, shows nobody present, and gives no page.
    if (!socket.rooms.has(rooms.group(groupId)))
      throw new AppError(ErrorCode.NOT_FOUND, 'This group is no longer available to you.');
    if (!socket.data.openGroups.has(groupId)) {
      socket.data.openGroups.set(groupId, me);
      await presence.add(groupId, me);
    }
    const [page, readSeq, present, posting, held] = await Promise.all([
      deps.history(principal, groupId, { since, from }),
      groups.readMark(principal, groupId),
      presence.list(groupId),
      deps.posting(principal, groupId),
      deps.held ? deps.held(principal, groupId) : Promise.resolve([]),
    ]);
    return { ...page, me, readSeq, present, posting, ...(held.length > 0 ? { held } : {}) };
  });

  edge.handle('group:close', async ({ groupId }, socket) => {
    await socket.leave(rooms.group(groupId)); // presence follows through watchGroupRooms
    return {};
  });

  edge.handle('typing:start', async ({ groupId }, socket) => {
    const principal = socket.data.principal;
    const member = openGroupOf(socket, groupId);
    // Someone who may not post is not "typing" to the group either (muted, or the group is locked).
    await deps.mayPost(principal, groupId);
    const now = Date.now();
    let lastTyping = typingOf.get(socket);
    if (!lastTyping) {
      lastTyping = new Map();
      typingOf.set(socket, lastTyping);
    }
    if (now - (lastTyping.get(groupId) ?? 0) >= TYPING_EVERY_MS) {
      lastTyping.set(groupId, now);
      socket.to(rooms.group(groupId)).emit('typing', { groupId, member });
    }
    return {};
  });

  edge.handle('group:read', async ({ groupId, seq }, socket) => {
    const principal = socket.data.principal;
    await groups.requireMembership(principal, groupId);
    await groups.markRead(principal, groupId, seq);
    return {};
  });
}

/**
 * However a socket leaves a group room (closing the group, leaving it, a kick or ban from any node through the
 * adapter, or disconnecting), the group stops being open on it and presence is updated. One place for all.
 */
export function watchGroupRooms(io: AppServer, presence: PresenceTracker, log: Logger): void {
  const prefix = rooms.group('');
  io.of('/').adapter.on('leave-room', (room: string, socketId: string) => {
    if (!room.startsWith(prefix)) return;
    const groupId = room.slice(prefix.length);
    const socket = io.of('/').sockets.get(socketId);
    const member = socket?.data.openGroups.get(groupId);
    if (!socket || !member) return;
    socket.data.openGroups.delete(groupId);
    presence
      .remove(groupId, member)
      .catch((err: unknown) => log.warn({ err: String(err) }, 'presence remove failed'));
  });
}
