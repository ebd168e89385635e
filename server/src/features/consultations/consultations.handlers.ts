import type { ClientResult } from '@staffroom/shared/protocol/client-events';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { ReportReason } from '@staffroom/shared/schemas/moderation';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer } from '../../platform/realtime/types.js';
import type { ConsultationNotifier, ConsultationService } from './consultations.service.js';

const convoRoom = (id: string) => `convo:${id}`;

export function createConsultationNotifier(io: AppServer): ConsultationNotifier {
  return {
    offers: (consultantId) => io.to(rooms.account(consultantId)).emit('support:offers', {}),
    request: (teacherId) => io.to(rooms.account(teacherId)).emit('support:request', {}),
    conversation: (conversationId) =>
      io.to(convoRoom(conversationId)).emit('convo:changed', { conversationId }),
    message: (m) => io.to(convoRoom(m.conversationId)).emit('convo:message', m),
  };
}

export interface ConsultationHandlerDeps {
  edge: EventEdge;
  consultations: ConsultationService;
  /** Files a report about a one-to-one conversation, without any of its text (from moderation). */
  report: (
    p: Principal,
    input: {
      conversationId: string;
      seq: number;
      reason: ReportReason;
      note: string;
      confirmIdentifying?: boolean | undefined;
    },
  ) => Promise<ClientResult<'convo:report'>>;
}

/** The conversation events, registered once per node (each handler reads the socket it is called for). */
export function registerConsultationHandlers(deps: ConsultationHandlerDeps): void {
  const { edge, consultations: service } = deps;

  edge.handle('convo:open', async ({ conversationId, since }, socket) => {
    const p = socket.data.principal;
    const view = await service.view(p, conversationId); // participants only
    await socket.join(convoRoom(conversationId));
    return { view, ...(await service.history(p, conversationId, since, 500)) };
  });
  edge.handle('convo:history', ({ conversationId, after, limit }, socket) =>
    service.history(socket.data.principal, conversationId, after, limit),
  );
  edge.handle('convo:send', ({ conversationId, ...sealed }, socket) =>
    service.send(socket.data.principal, conversationId, sealed),
  );
  edge.handle('convo:goal', ({ conversationId, ...input }, socket) =>
    service.setGoal(socket.data.principal, conversationId, input),
  );
  edge.handle('convo:checkin', ({ conversationId, ...input }, socket) =>
    service.proposeCheckIn(socket.data.principal, conversationId, input),
  );
  edge.handle('convo:checkin-answer', ({ conversationId, checkInId, action }, socket) =>
    service.respondCheckIn(socket.data.principal, conversationId, checkInId, action),
  );
  edge.handle('convo:checkin-note', ({ conversationId, checkInId, note }, socket) =>
    service.setCheckInNote(socket.data.principal, conversationId, checkInId, note),
  );
  edge.handle('convo:resource-remove', async ({ conversationId, resourceId }, socket) => {
    await service.removeResource(socket.data.principal, conversationId, resourceId);
    return {};
  });
  edge.handle('convo:close', async ({ conversationId }, socket) => {
    await service.proposeClose(socket.data.principal, conversationId);
    return {};
  });
  edge.handle('convo:close-confirm', async ({ conversationId }, socket) => {
    await service.confirmClose(socket.data.principal, conversationId);
    return {};
  });
  edge.handle('convo:block', async ({ conversationId }, socket) => {
    await service.block(socket.data.principal, conversationId);
    return {};
  });
  edge.handle('convo:pin', async ({ conversationId, pin }, socket) => {
    await service.savePin(socket.data.principal, conversationId, pin); // participants only
    return {};
  });
  edge.handle('convo:intake-note', async ({ conversationId, ...body }, socket) => {
    await service.passOnNote(socket.data.principal, conversationId, body); // the conversation's teacher only
    return {};
  });
  edge.handle('convo:report', async (input, socket) => {
    const p = socket.data.principal;
    await service.view(p, input.conversationId); // participants only (NOT_FOUND otherwise)
    // Only a message that exists can be reported: a made-up seq would file a report about nothing.
    const { messages } = await service.history(p, input.conversationId, input.seq - 1, 1);
    if (messages[0]?.seq !== input.seq) throw new AppError(ErrorCode.NOT_FOUND, 'No such message.');
    return deps.report(p, input);
  });
}
