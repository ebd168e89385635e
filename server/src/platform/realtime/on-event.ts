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
import type { Admission } from './admission.js';
import { writeAcksEncoded } from './encoded-emit.js';
import type { AppSocket } from './types.js';

type Payload<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['payload']>;
export type EventHandler<E extends ClientEventName> = (
  payload: Payload<E>,
  socket: AppSocket,
) => Promise<ClientResult<E>> | ClientResult<E>;

const isEventName = (name: unknown): name is ClientEventName =>
  typeof name === 'string' && Object.hasOwn(clientEvents, name);

export interface EdgeLimits {
  admission: Admission;
  /** Events one socket may have in flight; more are refused at once (RATE_LIMITED), never queued. */
  maxInFlight: number;
  /** Refusals one socket may collect within `abuseWindowMs` before it is disconnected. */
  abuseRefusals: number;
  abuseWindowMs: number;
}

/** Per socket, weakly held: it goes with the socket. */
interface SocketLoad {
  inFlight: number;
  refusals: number;
  windowStart: number;
}

/**
 * The edge every client event passes, and the admission layer in front of every handler:
 * 1. at most `maxInFlight` events per socket are being handled at once; a client that sends without waiting for
 *    its acks gets RATE_LIMITED for the excess, at once, so a flood never queues work or memory on the node;
 * 2. each admitted event spends its cost from the account's budgets (`eventCosts`, shared across nodes);
 * 3. the payload is validated against the shared schema, the handler's result or error becomes exactly one ack,
 *    and nothing a client sends can throw past this point.
 * A socket that keeps being refused (a script, not a person) is disconnected.
 */
export function createEventEdge(log: Logger, metrics: Metrics, limits: EdgeLimits) {
  const onUnexpected = (event: string) => (err: unknown) =>
    log.error({ err, event }, 'unexpected error in socket handler');
  const loads = new WeakMap<AppSocket, SocketLoad>();
  const loadOf = (socket: AppSocket) => {
    let load = loads.get(socket);
    if (!load) {
      load = { inFlight: 0, refusals: 0, windowStart: Date.now() };
      loads.set(socket, load);
    }
    return load;
  };

  /** Counts a refusal; past the abuse threshold the socket is cut off (the client may reconnect, and pay again). */
  function refused(
    socket: AppSocket,
    load: SocketLoad,
    event: string,
    reason: 'in-flight' | 'budget' | 'malformed',
  ): void {
    metrics.admissionRefused.inc({ event, reason });
    const now = Date.now();
    if (now - load.windowStart > limits.abuseWindowMs) {
      load.windowStart = now;
      load.refusals = 0;
    }
    load.refusals += 1;
    if (load.refusals === limits.abuseRefusals) {
      log.warn({ event, refusals: load.refusals }, 'socket disconnected after sustained flooding');
      socket.disconnect(true);
    }
  }

  /**
   * Answers unknown events with a typed error instead of silence, and drops events without an ack. Both count
   * as refusals (red team, 2026-12-07: a socket could send either without end and was never cut off, since
   * neither reached the admission layer). The metric names them `unknown`, never by the client's text. Acks
   * are written pre-encoded (`writeAcksEncoded`): one per client event, the most frequent write after
   * deliveries.
   */
  function guard(socket: AppSocket): void {
    writeAcksEncoded(socket);
    const load = loadOf(socket);
    socket.use(([event, ...args], next) => {
      const ack = args.at(-1);
      const known = isEventName(event);
      if (typeof ack !== 'function') {
        // every client event carries an ack; anything else is noise
        refused(socket, load, known ? event : 'unknown', 'malformed');
        return;
      }
      if (!known) {
        refused(socket, load, 'unknown', 'malformed');
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
    const load = loadOf(socket);
    const listener = async (payload: unknown, ack: (a: Ack<ClientResult<E>>) => void) => {
      metrics.socketEvents.inc({ event });
      if (load.inFlight >= limits.maxInFlight) {
        refused(socket, load, event, 'in-flight');
        metrics.errors.inc({ code: ErrorCode.RATE_LIMITED, transport: 'socket' });
        ack({
          ok: false,
          error: {
            code: ErrorCode.RATE_LIMITED,
            message: 'Too many requests at once on this connection. Wait for the answers.',
            retryAfterMs: 250,
          },
        });
        return;
      }
      load.inFlight += 1;
      let answer: Ack<ClientResult<E>>;
      try {
        const admitted = limits.admission.admit(socket.data.principal.accountId, event);
        if (admitted) await admitted;
        const data = parseInput(clientEvents[event].payload, payload) as Payload<E>;
        answer = { ok: true, data: await handler(data, socket) };
      } catch (err) {
        answer = toAck(err, onUnexpected(event));
        if (!answer.ok && answer.error.code === ErrorCode.RATE_LIMITED)
          refused(socket, load, event, 'budget');
        metrics.errors.inc({ code: answer.ok ? 'none' : answer.error.code, transport: 'socket' });
      } finally {
        load.inFlight -= 1;
      }
      ack(answer);
    };
    // The typed-events map cannot express "validate first"; the listener takes unknown input on purpose.
    socket.on(event as string as never, listener as never);
  }

  return { guard, on };
}

export type EventEdge = ReturnType<typeof createEventEdge>;
