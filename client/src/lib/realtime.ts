import { useEffect, useRef } from 'react';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { ServerEventName, ServerPayload } from '@staffroom/shared/protocol/server-events';
import { socket } from './socket';

/** An ack that never came back in time (socket down, server busy) looks like any other failed ack. */
const TIMED_OUT: Ack<never> = {
  ok: false,
  error: { code: ErrorCode.UNAVAILABLE, message: 'No answer from Staffroom. Check your connection.' },
};

type LooseEmitter = {
  emit(event: string, payload: unknown, ack: (err: Error | null, answer: Ack<unknown>) => void): void;
};

/**
 * Emits a client event and resolves with its ack (never rejects).
 * @example const ack = await request('me:get', {}); if (ack.ok) setMe(ack.data);
 */
export function request<E extends ClientEventName>(
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = 8_000,
): Promise<Ack<ClientResult<E>>> {
  // socket.io's typed `timeout().emit` cannot follow a generic event name, so the one cast lives here.
  const emitter = socket.timeout(timeoutMs) as unknown as LooseEmitter;
  return new Promise((resolve) => {
    emitter.emit(event, payload, (err, answer) =>
      resolve(err ? TIMED_OUT : (answer as Ack<ClientResult<E>>)),
    );
  });
}

/** Listens to a server event while the component is mounted; the latest handler is always the one called. */
export function useServerEvent<E extends ServerEventName>(
  event: E,
  handler: (payload: ServerPayload<E>) => void,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    type LooseOn = {
      on(e: string, l: (p: unknown) => void): void;
      off(e: string, l: (p: unknown) => void): void;
    };
    const target = socket as unknown as LooseOn;
    const listener = (payload: unknown) => latest.current(payload as ServerPayload<E>);
    target.on(event, listener);
    return () => target.off(event, listener);
  }, [event]);
}

/**
 * Listens to a server event outside React (a model object that lives as long as a page); returns the
 * unsubscribe, which removes exactly this handler.
 */
export function onServerEvent<E extends ServerEventName>(
  event: E,
  handler: (payload: ServerPayload<E>) => void,
): () => void {
  type LooseOn = {
    on(e: string, l: (p: unknown) => void): void;
    off(e: string, l: (p: unknown) => void): void;
  };
  const target = socket as unknown as LooseOn;
  const listener = (payload: unknown) => handler(payload as ServerPayload<E>);
  target.on(event, listener);
  return () => target.off(event, listener);
}
