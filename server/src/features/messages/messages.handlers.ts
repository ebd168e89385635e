import type { MemberView } from '@staffroom/shared/schemas/groups';
import type { EventEdge } from '../../platform/realtime/on-event.js';
import {
  encodeEventParts,
  writeToLocalRoom,
  type EncodedEvent,
} from '../../platform/realtime/encoded-emit.js';
import { rooms, type AppServer, type AppSocket } from '../../platform/realtime/types.js';
import { createDeliveryQueue, type DeliveryTiming } from './delivery-queue.js';
import type { MessageService } from './messages.service.js';

export interface MessageHandlerDeps {
  io: AppServer;
  edge: EventEdge;
  messages: MessageService;
  /** How the member appears in a group open on this socket; throws when it is not open (from groups). */
  openGroupOf: (socket: AppSocket, groupId: string) => MemberView;
}

/**
 * At most this many messages, and about this many bytes, in one `message:batch` frame; a longer run for a
 * group is split into several frames, in order.
 */
export const MAX_BATCH = 50;
export const MAX_BATCH_CHARS = 64 * 1024;

export interface DeliveryCounters {
  /** Frames written to sockets, and the messages they carried (the ratio is the batching factor). */
  delivered?: (frames: number, messages: number) => void;
}

/**
 * Live delivery: every stored message reaches the sockets of this node that have its group open. Each node
 * delivers only to its own sockets; the store's publication reaches every node that follows the group. A node
 * follows a group while its room here exists (its first socket opened it, its last one left): on a Redis Cluster
 * that is the node's `SSUBSCRIBE` to the group's shard channel. `group:open` also awaits `follow` before it
 * reads history, so nothing published in between is missed.
 *
 * Messages are collected until the event loop has handled every read that is ready (`setImmediate`), or a
 * slice of them is due sooner (`createDeliveryQueue`), then written per group: one message as `message:new`,
 * several as one `message:batch` in the order they arrived (seq order per group), encoded once and the same
 * frame written to every member (`writeToLocalRoom`). Under load, more messages share a frame, so a node pays
 * one write per member per slice rather than per message.
 * Who receives is decided at the write: a socket that left the room (closed the group, was removed) in between
 * gets nothing, which is what it would get a moment later anyway.
 */
export function deliverMessages(
  io: AppServer,
  messages: MessageService,
  counters: DeliveryCounters = {},
  timing: DeliveryTiming = {},
): Promise<void> {
  const write = (groups: Map<string, Buffer[]>) => {
    let frames = 0;
    let delivered = 0;
    for (const [groupId, list] of groups) {
      const room = rooms.group(groupId);
      for (let start = 0; start < list.length;) {
        let end = start + 1;
        let bytes = (list[start] as Buffer).length;
        while (
          end < list.length &&
          end - start < MAX_BATCH &&
          bytes + (list[end] as Buffer).length <= MAX_BATCH_CHARS
        ) {
          bytes += (list[end] as Buffer).length;
          end++;
        }
        let event: EncodedEvent;
        if (end - start === 1) {
          event = encodeEventParts('message:new', [list[start] as Buffer]);
        } else {
          const parts: (Buffer | string)[] = [`{"groupId":${JSON.stringify(groupId)},"messages":[`];
          for (let i = start; i < end; i++) {
            if (i > start) parts.push(',');
            parts.push(list[i] as Buffer);
          }
          parts.push(']}');
          event = encodeEventParts('message:batch', parts);
        }
        const sockets = writeToLocalRoom(io, room, event);
        frames += sockets;
        delivered += sockets * (end - start);
        start = end;
      }
    }
    counters.delivered?.(frames, delivered);
  };
  const deliver = createDeliveryQueue(write, timing);
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

/** The message events, registered once per node (each handler reads the socket it is called for). */
export function registerMessageHandlers(deps: MessageHandlerDeps): void {
  const { io, edge, messages, openGroupOf } = deps;

  edge.handle('message:send', (payload, socket) =>
    messages.send(socket.data.principal, openGroupOf(socket, payload.groupId), payload),
  );

  edge.handle('group:history', ({ groupId, ...query }, socket) => {
    openGroupOf(socket, groupId);
    return messages.history(socket.data.principal, groupId, query);
  });

  edge.handle('reaction:set', async ({ groupId, seq, kind, on }, socket) => {
    openGroupOf(socket, groupId);
    const count = await messages.react(socket.data.principal, groupId, seq, kind, on);
    io.to(rooms.group(groupId)).emit('reaction:update', { groupId, seq, kind, count });
    return { count };
  });
}
