import type { MemberView } from '@staffroom/shared/schemas/groups';
import type { Message } from '@staffroom/shared/schemas/messages';
import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer, type AppSocket } from '../../platform/realtime/types.js';
import type { MessageService } from './messages.service.js';

export interface MessageHandlerDeps {
  io: AppServer;
  edge: EventEdge;
  messages: MessageService;
  /** How the member appears in a group open on this socket; throws when it is not open (from groups). */
  openGroupOf: (socket: AppSocket, groupId: string) => MemberView;
}

/**
 * Live delivery: every stored message reaches the sockets of this node that have its group open. Each node
 * delivers only to its own sockets; the store's publication reaches every node that follows the group. A node
 * follows a group while its room here exists (its first socket opened it, its last one left): on a Redis Cluster
 * that is the node's `SSUBSCRIBE` to the group's shard channel. `group:open` also awaits `follow` before it
 * reads history, so nothing published in between is missed.
 */
export function deliverMessages(io: AppServer, messages: MessageService): Promise<void> {
  const deliver = (message: Message) => {
    io.local.to(rooms.group(message.groupId)).emit('message:new', message);
  };
  const prefix = rooms.group('');
  const adapter = io.of('/').adapter;
  adapter.on('create-room', (room: string) => {
    // A failure here is met again by group:open, which awaits the same subscription.
    if (room.startsWith(prefix)) messages.follow(room.slice(prefix.length)).catch(() => undefined);
  });
  adapter.on('delete-room', (room: string) => {
    if (room.startsWith(prefix)) messages.unfollow(room.slice(prefix.length));
  });
  return messages.onMessage(deliver);
}

export function registerMessageHandlers(socket: AppSocket, deps: MessageHandlerDeps): void {
  const { io, edge, messages, openGroupOf } = deps;
  const { principal } = socket.data;

  edge.on(socket, 'message:send', (payload) =>
    messages.send(principal, openGroupOf(socket, payload.groupId), payload),
  );

  edge.on(socket, 'group:history', ({ groupId, ...query }) => {
    openGroupOf(socket, groupId);
    return messages.history(principal, groupId, query);
  });

  edge.on(socket, 'reaction:set', async ({ groupId, seq, kind, on }) => {
    openGroupOf(socket, groupId);
    const count = await messages.react(principal, groupId, seq, kind, on);
    io.to(rooms.group(groupId)).emit('reaction:update', { groupId, seq, kind, count });
    return { count };
  });
}
