import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer, type AppSocket } from '../../platform/realtime/types.js';
import type { RetentionService } from './retention.service.js';

/** Socket events of the retention capability (validated and admitted by the edge). */
export function registerRetentionHandlers(
  socket: AppSocket,
  deps: { io: AppServer; edge: EventEdge; retention: RetentionService },
): void {
  const { io, edge, retention } = deps;
  const { principal: p } = socket.data;
  edge.on(socket, 'group:retention', ({ groupId }) => retention.info(p, groupId));
  edge.on(socket, 'mod:retention', async ({ groupId, days, reason }) => {
    const next = await retention.set(p, groupId, days, reason);
    // Everyone with the group open, on every node, reads the new window in the group's info.
    io.to(rooms.group(groupId)).emit('group:retention', { groupId, ...next });
    return next;
  });
}
