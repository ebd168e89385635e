import type { MemberView } from '@staffroom/shared/schemas/groups';
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

export function registerMessageHandlers(socket: AppSocket, deps: MessageHandlerDeps): void {
  const { io, edge, messages, openGroupOf } = deps;
  const { principal } = socket.data;

  edge.on(socket, 'message:send', async (payload) => {
    const member = openGroupOf(socket, payload.groupId);
    const { ack, broadcast } = await messages.send(principal, member, payload);
    if (broadcast) io.to(rooms.group(payload.groupId)).emit('message:new', broadcast);
    return ack;
  });

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
