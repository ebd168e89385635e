import type { z } from 'zod';
import {
  clientEvents,
  type ClientEventName,
  type ClientResult,
} from '@staffroom/shared/protocol/client-events';
import type { Ack } from '@staffroom/shared/protocol/ack';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { parseInput, toAck } from '../errors.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { AppSocket } from './types.js';

type Payload<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['payload']>;
export type EventHandler<E extends ClientEventName> = (
  payload: Payload<E>,
  socket: AppSocket,
) => Promise<ClientResult<E>> | ClientResult<E>;

const isEventName = (name: unknown): name is ClientEventName =>
  typeof name === 'string' && Object.hasOwn(clientEvents, name);

/**
 * The edge every client event passes: the payload is validated against the shared schema, the handler's result
 * or error becomes exactly one ack, and nothing a client sends can throw past this point.
 */
export function createEventEdge(log: Logger, metrics: Metrics) {
  const onUnexpected = (event: string) => (err: unknown) =>
    log.error({ err, event }, 'unexpected error in socket handler');

  /** Answers unknown events with a typed error instead of silence, and drops events without an ack. */
  function guard(socket: AppSocket): void {
    socket.use(([event, ...args], next) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return; // every client event carries an ack; anything else is noise
      if (!isEventName(event)) {
        metrics.errors.inc({ code: ErrorCode.INVALID_PAYLOAD, transport: 'socket' });
        (ack as (a: Ack<never>) => void)({
          ok: false,
          error: { code: ErrorCode.INVALID_PAYLOAD, message: 'Unknown event.' },
        });
        return;
      }
      next();
    });
  }

  function on<E extends ClientEventName>(socket: AppSocket, event: E, handler: EventHandler<E>): void {
    const listener = async (payload: unknown, ack: (a: Ack<ClientResult<E>>) => void) => {
      metrics.socketEvents.inc({ event });
      let answer: Ack<ClientResult<E>>;
      try {
        const data = parseInput(clientEvents[event].payload, payload) as Payload<E>;
        answer = { ok: true, data: await handler(data, socket) };
      } catch (err) {
        answer = toAck(err, onUnexpected(event));
        metrics.errors.inc({ code: answer.ok ? 'none' : answer.error.code, transport: 'socket' });
      }
      ack(answer);
    };
    // The typed-events map cannot express "validate first"; the listener takes unknown input on purpose.
    socket.on(event as string as never, listener as never);
  }

  return { guard, on };
}

export type EventEdge = ReturnType<typeof createEventEdge>;
