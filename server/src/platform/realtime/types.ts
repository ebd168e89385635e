import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@staffroom/shared/protocol/event-maps';
import type { MemberView } from '@staffroom/shared/schemas/groups';
import type { Principal } from '../principal.js';

/** Events between server processes (socket.io `serverSideEmit`), e.g. cache invalidation. */
export type InterServerEvents = Record<string, never>;

export interface SocketData {
  principal: Principal;
  /** Groups open on this socket, with how this member appears in each. Membership was checked at open. */
  openGroups: Map<string, MemberView>;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket.io rooms the platform manages. Groups and conversations add their own, namespaced the same way. */
export const rooms = {
  account: (accountId: string) => `account:${accountId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  group: (groupId: string) => `group:${groupId}`,
};
