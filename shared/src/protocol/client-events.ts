import { z } from 'zod';
import { Me } from '../schemas/accounts.js';

/** An event the client emits: the payload the server validates, and the data of a successful ack. */
export interface ClientEventSpec {
  payload: z.ZodType;
  result: z.ZodType;
}

/**
 * Client → server events. The single registry both sides read: the server validates every payload against
 * `payload` at the edge, the client types its emits from it, and `docs/PROTOCOL.md` is generated from it.
 */
export const clientEvents = {
  /** Who am I on this connection (the socket's own view of the session). */
  'me:get': { payload: z.strictObject({}), result: Me },
} as const satisfies Record<string, ClientEventSpec>;

export type ClientEventName = keyof typeof clientEvents;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;
export type ClientResult<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['result']>;
