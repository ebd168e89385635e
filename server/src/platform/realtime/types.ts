import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@staffroom/shared/protocol/event-maps';
import type { MemberView } from '@staffroom/shared/schemas/groups';
import type { Principal } from '../principal.js';

/** A change every node must apply before the action that caused it is acknowledged (see cluster.ts). */
export interface ClusterChange {
  topic: string;
  data: Record<string, unknown>;
}

/** Events between server processes (socket.io `serverSideEmit`). */
export interface InterServerEvents {
  'cluster:change': (change: ClusterChange, ack: (applied: boolean) => void) => void;
}

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
  /** Moderators of a group (and admins, in `moderators('*')`): report queue notifications. */
  moderators: (groupId: string) => `mods:${groupId}`,
};
