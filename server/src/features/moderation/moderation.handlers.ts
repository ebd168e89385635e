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

/** The moderation events, registered once per node (each handler reads the socket it is called for). */
export function registerModerationHandlers(edge: EventEdge, moderation: ModerationService): void {
  edge.handle('message:remove', async ({ groupId, seq, reason }, socket) => {
    await moderation.removeMessage(socket.data.principal, groupId, seq, reason ?? '');
    return {};
  });
  edge.handle('report:create', (input, socket) => moderation.report(socket.data.principal, input));
  edge.handle('report:mine', async (_, socket) => ({
    reports: await moderation.myReports(socket.data.principal),
  }));
  edge.handle('mod:groups', async (_, socket) => ({
    groups: await moderation.consoleGroups(socket.data.principal),
  }));
  edge.handle('mod:members', ({ groupId }, socket) => moderation.members(socket.data.principal, groupId));
  edge.handle('mod:mute', ({ groupId, tag, minutes, reason }, socket) =>
    moderation.mute(socket.data.principal, groupId, tag, minutes, reason),
  );
  edge.handle('mod:unmute', async ({ groupId, tag }, socket) => {
    await moderation.unmute(socket.data.principal, groupId, tag);
    return {};
  });
  edge.handle('mod:kick', async ({ groupId, tag, reason }, socket) => {
    await moderation.kick(socket.data.principal, groupId, tag, reason);
    return {};
  });
  edge.handle('mod:ban', ({ groupId, tag, minutes, reason, global }, socket) =>
    moderation.ban(socket.data.principal, groupId, tag, minutes, reason, global),
  );
  edge.handle('mod:ban-account', ({ pseudonym, minutes, reason }, socket) =>
    moderation.banAccount(socket.data.principal, pseudonym, minutes, reason),
  );
  edge.handle('mod:join-code', ({ groupId, reason }, socket) =>
    moderation.rotateJoinCode(socket.data.principal, groupId, reason),
  );
  edge.handle('mod:unban', async ({ banId, reason }, socket) => {
    await moderation.unban(socket.data.principal, banId, reason);
    return {};
  });
  edge.handle('mod:settings', ({ groupId, reason, ...patch }, socket) =>
    moderation.updateSettings(socket.data.principal, groupId, patch, reason),
  );
  edge.handle('mod:moderator', async ({ groupId, tag, on }, socket) => {
    await moderation.setModerator(socket.data.principal, groupId, tag, on);
    return {};
  });
  edge.handle('mod:candidates', ({ groupId }, socket) =>
    moderation.moderatorCandidates(socket.data.principal, groupId),
  );
  edge.handle('mod:appoint', async ({ groupId, pseudonym, on }, socket) => {
    await moderation.appointByPseudonym(socket.data.principal, groupId, pseudonym, on);
    return {};
  });
  edge.handle('mod:queue', async (_, socket) => ({ items: await moderation.queue(socket.data.principal) }));
  edge.handle('mod:resolve', async (input, socket) => {
    await moderation.resolve(socket.data.principal, input);
    return {};
  });
  edge.handle('mod:audit', (query, socket) => moderation.readAudit(socket.data.principal, query));
  edge.handle('mod:reach-out', (input, socket) => moderation.reachOut(socket.data.principal, input));
  edge.handle('mod:urgent', (_, socket) => moderation.urgentCount(socket.data.principal));
  edge.handle('mod:acknowledge', async ({ reportId }, socket) => {
    await moderation.acknowledge(socket.data.principal, reportId);
    return {};
  });
  edge.handle('mod:held', (input, socket) => moderation.decideHeld(socket.data.principal, input));
  edge.handle('care:inbox', (_, socket) => moderation.careInbox(socket.data.principal));
  edge.handle('care:read', async ({ id }, socket) => {
    await moderation.careRead(socket.data.principal, id);
    return {};
  });
}

/**
 * Per connection: moderators hear about their groups' queues, program moderators also about one-to-one
 * reports (the '' queue), admins about all (as metadata: which group, whether urgent).
 */
export async function moderationConnected(
  socket: AppSocket,
  moderation: ModerationService,
  log: Logger,
): Promise<void> {
  const { principal: p } = socket.data;
  try {
    const moderated =
      p.role === 'admin'
        ? ['*']
        : [...(await moderation.moderatedGroupIds(p.accountId)), ...(p.role === 'moderator' ? [''] : [])];
    if (moderated.length > 0) await socket.join(moderated.map(rooms.moderators));
  } catch (err) {
    log.warn({ err: String(err) }, 'could not join moderator rooms');
  }
}
