import { z } from 'zod';

/** Why the server ended a session or connection; the client shows a matching message. */
export const SessionEndReason = z.enum(['logged-out', 'logged-out-everywhere', 'revoked', 'expired']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** Server → client events and their payloads. */
export const serverEvents = {
  /** This session was ended (logout elsewhere, revoked from settings, expiry): the socket closes next. */
  'session:ended': z.object({ reason: SessionEndReason }),
  /** This node is shutting down: reconnect (the client does so by itself; this is for the status line). */
  'server:draining': z.object({}),
} as const satisfies Record<string, z.ZodType>;

export type ServerEventName = keyof typeof serverEvents;
export type ServerPayload<E extends ServerEventName> = z.output<(typeof serverEvents)[E]>;
