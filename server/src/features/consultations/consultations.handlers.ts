import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { ReportReason } from '@staffroom/shared/schemas/moderation';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer, type AppSocket } from '../../platform/realtime/types.js';
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
  /** Reveals one message's text to coordinators (from moderation). */
  reveal: (
    p: Principal,
    input: { conversationId: string; seq: number; text: string; reason: ReportReason; verified: boolean },
  ) => Promise<{ id: string }>;
}

export function registerConsultationHandlers(socket: AppSocket, deps: ConsultationHandlerDeps): void {
  const { edge, consultations: service } = deps;
  const { principal: p } = socket.data;

  edge.on(socket, 'convo:open', async ({ conversationId, since }) => {
    const view = await service.view(p, conversationId); // participants only
    await socket.join(convoRoom(conversationId));
    return { view, ...(await service.history(p, conversationId, since, 500)) };
  });
  edge.on(socket, 'convo:history', ({ conversationId, after, limit }) =>
    service.history(p, conversationId, after, limit),
  );
  edge.on(socket, 'convo:send', ({ conversationId, ...sealed }) => service.send(p, conversationId, sealed));
  edge.on(socket, 'convo:goal', ({ conversationId, ...input }) => service.setGoal(p, conversationId, input));
  edge.on(socket, 'convo:checkin', ({ conversationId, ...input }) =>
    service.proposeCheckIn(p, conversationId, input),
  );
  edge.on(socket, 'convo:checkin-answer', ({ conversationId, checkInId, action }) =>
    service.respondCheckIn(p, conversationId, checkInId, action),
  );
  edge.on(socket, 'convo:checkin-note', ({ conversationId, checkInId, note }) =>
    service.setCheckInNote(p, conversationId, checkInId, note),
  );
  edge.on(socket, 'convo:resource-remove', async ({ conversationId, resourceId }) => {
    await service.removeResource(p, conversationId, resourceId);
    return {};
  });
  edge.on(socket, 'convo:close', async ({ conversationId }) => {
    await service.proposeClose(p, conversationId);
    return {};
  });
  edge.on(socket, 'convo:close-confirm', async ({ conversationId }) => {
    await service.confirmClose(p, conversationId);
    return {};
  });
  edge.on(socket, 'convo:block', async ({ conversationId }) => {
    await service.block(p, conversationId);
    return {};
  });
  edge.on(socket, 'convo:pin', async ({ conversationId, pin }) => {
    await service.savePin(p, conversationId, pin); // participants only
    return {};
  });
  edge.on(socket, 'convo:intake-note', async ({ conversationId, ...body }) => {
    await service.passOnNote(p, conversationId, body); // the conversation's teacher only
    return {};
  });
  edge.on(socket, 'convo:report', async ({ frankingKey, ...input }) => {
    await service.view(p, input.conversationId); // participants only (NOT_FOUND otherwise)
    // Only a message that exists can be revealed: a made-up seq would file a report about nothing.
    const { messages } = await service.history(p, input.conversationId, input.seq - 1, 1);
    if (messages[0]?.seq !== input.seq) throw new AppError(ErrorCode.NOT_FOUND, 'No such message.');
    // The franking check says whether the text was really sent, in this conversation, by the other person.
    const verified = await service.verifyFranking(
      p,
      input.conversationId,
      input.seq,
      input.text,
      frankingKey,
    );
    return deps.reveal(p, { ...input, verified });
  });
}
