import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer } from '../../platform/realtime/types.js';
import type { RetentionService } from './retention.service.js';

/** Socket events of the retention capability (validated and admitted by the edge), registered once per node. */
export function registerRetentionHandlers(deps: {
  io: AppServer;
  edge: EventEdge;
  retention: RetentionService;
}): void {
  const { io, edge, retention } = deps;
  edge.handle('group:retention', ({ groupId }, socket) => retention.info(socket.data.principal, groupId));
  edge.handle('mod:retention', async ({ groupId, days, reason }, socket) => {
    const next = await retention.set(socket.data.principal, groupId, days, reason);
    // Everyone with the group open, on every node, reads the new window in the group's info.
    io.to(rooms.group(groupId)).emit('group:retention', { groupId, ...next });
    return next;
  });
}
