import type { EventEdge } from '../../platform/realtime/on-event.js';
import type { AppSocket } from '../../platform/realtime/types.js';
import type { RetentionService } from './retention.service.js';

/** Socket events of the retention capability (validated and admitted by the edge). */
export function registerRetentionHandlers(
  socket: AppSocket,
  edge: EventEdge,
  retention: RetentionService,
): void {
  const { principal: p } = socket.data;
  edge.on(socket, 'group:retention', ({ groupId }) => retention.info(p, groupId));
  edge.on(socket, 'mod:retention', ({ groupId, days, reason }) => retention.set(p, groupId, days, reason));
}
