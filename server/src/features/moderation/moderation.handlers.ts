import { z } from 'zod';
import type { Logger } from '../../platform/log.js';
import type { ClusterBus } from '../../platform/realtime/cluster.js';
import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer, type AppSocket } from '../../platform/realtime/types.js';
import type { ModerationService, Notifier } from './moderation.service.js';

/** At most one "queue changed" per group per this long from one node; a flood of reports is one notice. */
const QUEUE_NOTICE_EVERY_MS = 1_000;

/**
 * Coalesces notices per group: the first goes out at once, later ones within the window become one trailing
 * notice (urgent if any of them was). Entries leave when their window ends, so the map holds only groups
 * reported in the last second.
 */
function coalesce(send: (groupId: string, urgent: boolean) => void, everyMs: number) {
  const windows = new Map<string, { pending: boolean; urgent: boolean }>();
  return (groupId: string, urgent: boolean) => {
    const open = windows.get(groupId);
    if (open) {
      open.pending = true;
      open.urgent ||= urgent;
      return;
    }
    send(groupId, urgent);
    const window = { pending: false, urgent: false };
    windows.set(groupId, window);
    const timer = setTimeout(() => {
      windows.delete(groupId);
      if (window.pending) send(groupId, window.urgent);
    }, everyMs);
    timer.unref();
  };
}

/** Socket-room side of moderation notices. */
export function createNotifier(io: AppServer): Notifier {
  const queueChanged = coalesce(
    (groupId, urgent) =>
      io
        .to([rooms.moderators(groupId), rooms.moderators('*')])
        .emit('mod:queue-changed', { groupId, urgent }),
    QUEUE_NOTICE_EVERY_MS,
  );
  return {
    removed: (groupId, seq, by) => io.to(rooms.group(groupId)).emit('message:removed', { groupId, seq, by }),
    settings: (groupId, s) =>
      io.to(rooms.group(groupId)).emit('group:moderation', {
        groupId,
        locked: s.locked,
        slowSeconds: s.slowSeconds,
        careCard: s.careCard,
      }),
    notice: (accountId, n) => io.to(rooms.account(accountId)).emit('moderation:notice', n),
    queueChanged,
    reportUpdated: (accountId, id, status) =>
      io.to(rooms.account(accountId)).emit('report:updated', { id, status }),
    care: (accountId, message) => io.to(rooms.account(accountId)).emit('care:message', message),
    held: (accountId, h) => io.to(rooms.account(accountId)).emit('message:held', h),
    // Admins are the ones in the '*' moderators room.
    escalated: (e) => io.to(rooms.moderators('*')).emit('mod:escalated', e),
  };
}

const Evict = z.object({ groupId: z.string(), accountId: z.string(), reason: z.enum(['kicked', 'banned']) });
const GroupOnly = z.object({ groupId: z.string() });
const AccountOnly = z.object({ accountId: z.string(), lifted: z.boolean().optional() });
const Appoint = z.object({ groupId: z.string(), accountId: z.string(), on: z.boolean() });

/**
 * What every node does when moderation changes: drop its cache, and act on its own sockets before acking, so the
 * moderator's ack means the change holds everywhere.
 */
export function registerModerationTopics(
  bus: ClusterBus,
  io: AppServer,
  moderation: ModerationService,
): void {
  bus.on('moderation:group', (data) => moderation.invalidateGroup(GroupOnly.parse(data).groupId));
  bus.on('moderation:evict', (data) => {
    const { groupId, accountId, reason } = Evict.parse(data);
    moderation.invalidateGroup(groupId);
    io.local.in(rooms.account(accountId)).socketsLeave(rooms.group(groupId));
    io.local.to(rooms.account(accountId)).emit('group:removed', { groupId, reason });
  });
  bus.on('moderation:global-ban', (data) => {
    const { accountId, lifted } = AccountOnly.parse(data);
    moderation.invalidateGlobalBan(accountId);
    if (lifted) return;
    io.local.to(rooms.account(accountId)).emit('session:ended', { reason: 'revoked' });
    io.local.in(rooms.account(accountId)).disconnectSockets(true);
  });
  bus.on('moderation:moderator', (data) => {
    const { groupId, accountId, on } = Appoint.parse(data);
    moderation.invalidateGroup(groupId);
    const sockets = io.local.in(rooms.account(accountId));
    if (on) sockets.socketsJoin(rooms.moderators(groupId));
    else sockets.socketsLeave(rooms.moderators(groupId));
  });
}

export async function registerModerationHandlers(
  socket: AppSocket,
  edge: EventEdge,
  moderation: ModerationService,
  log: Logger,
): Promise<void> {
  const { principal: p } = socket.data;
  edge.on(socket, 'message:remove', async ({ groupId, seq, reason }) => {
    await moderation.removeMessage(p, groupId, seq, reason ?? '');
    return {};
  });
  edge.on(socket, 'report:create', (input) => moderation.report(p, input));
  edge.on(socket, 'report:mine', async () => ({ reports: await moderation.myReports(p) }));
  edge.on(socket, 'mod:groups', async () => ({ groups: await moderation.moderatedGroups(p) }));
  edge.on(socket, 'mod:members', ({ groupId }) => moderation.members(p, groupId));
  edge.on(socket, 'mod:mute', ({ groupId, tag, minutes, reason }) =>
    moderation.mute(p, groupId, tag, minutes, reason),
  );
  edge.on(socket, 'mod:unmute', async ({ groupId, tag }) => {
    await moderation.unmute(p, groupId, tag);
    return {};
  });
  edge.on(socket, 'mod:kick', async ({ groupId, tag, reason }) => {
    await moderation.kick(p, groupId, tag, reason);
    return {};
  });
  edge.on(socket, 'mod:ban', ({ groupId, tag, minutes, reason, global }) =>
    moderation.ban(p, groupId, tag, minutes, reason, global),
  );
  edge.on(socket, 'mod:ban-account', ({ pseudonym, minutes, reason }) =>
    moderation.banAccount(p, pseudonym, minutes, reason),
  );
  edge.on(socket, 'mod:join-code', ({ groupId, reason }) => moderation.rotateJoinCode(p, groupId, reason));
  edge.on(socket, 'mod:unban', async ({ banId, reason }) => {
    await moderation.unban(p, banId, reason);
    return {};
  });
  edge.on(socket, 'mod:settings', ({ groupId, reason, ...patch }) =>
    moderation.updateSettings(p, groupId, patch, reason),
  );
  edge.on(socket, 'mod:moderator', async ({ groupId, tag, on }) => {
    await moderation.setModerator(p, groupId, tag, on);
    return {};
  });
  edge.on(socket, 'mod:candidates', ({ groupId }) => moderation.moderatorCandidates(p, groupId));
  edge.on(socket, 'mod:appoint', async ({ groupId, pseudonym, on }) => {
    await moderation.appointByPseudonym(p, groupId, pseudonym, on);
    return {};
  });
  edge.on(socket, 'mod:queue', async () => ({ items: await moderation.queue(p) }));
  edge.on(socket, 'mod:resolve', async (input) => {
    await moderation.resolve(p, input);
    return {};
  });
  edge.on(socket, 'mod:audit', (query) => moderation.readAudit(p, query));
  edge.on(socket, 'mod:reach-out', (input) => moderation.reachOut(p, input));
  edge.on(socket, 'mod:urgent', () => moderation.urgentCount(p));
  edge.on(socket, 'mod:acknowledge', async ({ reportId }) => {
    await moderation.acknowledge(p, reportId);
    return {};
  });
  edge.on(socket, 'mod:held', (input) => moderation.decideHeld(p, input));
  edge.on(socket, 'care:inbox', () => moderation.careInbox(p));
  edge.on(socket, 'care:read', async ({ id }) => {
    await moderation.careRead(p, id);
    return {};
  });

  // Queue notifications: moderators hear about their groups, admins about all.
  try {
    const moderated = p.role === 'admin' ? ['*'] : await moderation.moderatedGroupIds(p.accountId);
    if (moderated.length > 0) await socket.join(moderated.map(rooms.moderators));
  } catch (err) {
    log.warn({ err: String(err) }, 'could not join moderator rooms');
  }
}
