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

export interface EdgeLimits {
  admission: Admission;
  /** Events one socket may have in flight; more are refused at once (RATE_LIMITED), never queued. */
  maxInFlight: number;
  /** Refusals one socket may collect within `abuseWindowMs` before it is disconnected. */
  abuseRefusals: number;
  abuseWindowMs: number;
}

/** Per socket: it goes with the socket (its middleware holds it). */
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
 *
 * Handlers are registered once per node (`handle`), never per socket: a connection costs one middleware
 * closure and one small counter (`attach`), not a listener and a closure per event, and an event goes from
 * socket.io's middleware straight to its handler (no `nextTick` and `EventEmitter` dispatch in between).
 */
export function createEventEdge(log: Logger, metrics: Metrics, limits: EdgeLimits) {
  const onUnexpected = (event: string) => (err: unknown) =>
    log.error({ err, event }, 'unexpected error in socket handler');
  /** One handler per event, for every socket of this node. */
  const handlers = new Map<string, EventHandler<ClientEventName>>();

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

  async function run(
    socket: AppSocket,
    load: SocketLoad,
    event: ClientEventName,
    handler: EventHandler<ClientEventName>,
    payload: unknown,
    ack: (a: Ack<unknown>) => void,
  ): Promise<void> {
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
    let answer: Ack<unknown>;
    try {
      const admitted = limits.admission.admit(socket.data.principal.accountId, event);
      if (admitted) await admitted;
      const data = parseInput(clientEvents[event].payload, payload) as Payload<ClientEventName>;
      answer = { ok: true, data: await handler(data, socket) };
    } catch (err) {
      answer = toAck(err, onUnexpected(event));
      if (!answer.ok && answer.error.code === ErrorCode.RATE_LIMITED) refused(socket, load, event, 'budget');
      metrics.errors.inc({ code: answer.ok ? 'none' : answer.error.code, transport: 'socket' });
    } finally {
      load.inFlight -= 1;
    }
    ack(answer);
  }

  /**
   * Every client event of this socket, from socket.io's middleware to its handler. Answers unknown events with a
   * typed error instead of silence, and drops events without an ack (every client event carries one, last). Both
   * count as refusals (red team, 2026-12-07: a socket could send either without end and was never cut off, since
   * neither reached the admission layer); the metric names them `unknown`, never by the client's text. The payload
   * is the argument before the ack (none: `undefined`, which the schema judges). Acks are written pre-encoded
   * (`writeAcksEncoded`): one per client event, the most frequent write after deliveries.
   */
  function attach(socket: AppSocket): void {
    writeAcksEncoded(socket);
    const load: SocketLoad = { inFlight: 0, refusals: 0, windowStart: Date.now() };
    // The middleware never calls `next`: socket.io's own emit to listeners is not used.
    socket.use((packet) => {
      const ack = packet[packet.length - 1] as unknown;
      const event: unknown = packet[0];
      // Only client events have handlers, so a name found here is one (a Map: no prototype names).
      const handler = typeof event === 'string' ? handlers.get(event) : undefined;
      if (typeof ack !== 'function') {
        // every client event carries an ack; anything else is noise
        refused(socket, load, handler ? (event as string) : 'unknown', 'malformed');
        return;
      }
      if (!handler) {
        refused(socket, load, 'unknown', 'malformed');
        metrics.errors.inc({ code: ErrorCode.INVALID_PAYLOAD, transport: 'socket' });
        (ack as (a: Ack<never>) => void)({
          ok: false,
          error: { code: ErrorCode.INVALID_PAYLOAD, message: 'Unknown event.' },
        });
        return;
      }
      if (!socket.connected) return; // as socket.io's own dispatch: nothing runs for a socket that is gone
      const payload: unknown = packet.length > 2 ? packet[1] : undefined;
      void run(socket, load, event as ClientEventName, handler, payload, ack as (a: Ack<unknown>) => void);
    });
  }

  /** Registers the one handler of `event` for every socket of this node (at startup, before any connection). */
  function handle<E extends ClientEventName>(event: E, handler: EventHandler<E>): void {
    if (handlers.has(event)) throw new Error(`a second handler for ${event}`);
    handlers.set(event, handler as unknown as EventHandler<ClientEventName>);
  }

  return { attach, handle };
}

export type EventEdge = ReturnType<typeof createEventEdge>;
