import type { AckCallback } from './ack.js';
import type { ClientEventName, ClientPayload, ClientResult } from './client-events.js';
import type { ServerEventName, ServerPayload } from './server-events.js';

/** socket.io's typed-events map for client → server, derived from the registry. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: AckCallback<ClientResult<E>>) => void;
};

/** socket.io's typed-events map for server → client, derived from the registry. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerPayload<E>) => void;
};

/** What the client sends in the handshake `auth` field. */
export interface HandshakeAuth {
  v: number;
}
