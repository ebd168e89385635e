import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import type { ClientToServerEvents, ServerToClientEvents } from '@staffroom/shared/protocol/event-maps';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  cookie?: string;
  origin?: string;
  transports?: ('websocket' | 'polling')[];
  auth?: Record<string, unknown>;
  reconnection?: boolean;
}

/** A real socket.io client (websocket by default), authenticated by the agent's cookie. Not yet connected. */
export function createSocket(url: string, opts: ConnectOptions = {}): TestSocket {
  return io(url, {
    autoConnect: false,
    transports: opts.transports ?? ['websocket'],
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    auth: opts.auth ?? { v: PROTOCOL_VERSION },
    extraHeaders: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.origin ? { origin: opts.origin } : {}),
    },
  });
}

/** Connects and resolves once connected; rejects with the `connect_error` (its `data` holds the typed error). */
export async function connect(url: string, opts: ConnectOptions = {}): Promise<TestSocket> {
  const socket = createSocket(url, opts);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
    socket.connect();
  });
  return socket;
}

/** Emits a client event and resolves with its ack. */
export function request<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = 5_000,
): Promise<Ack<ClientResult<E>>> {
  type Emitter = {
    emit(e: string, p: unknown, cb: (err: Error | null, ack: Ack<ClientResult<E>>) => void): void;
  };
  return new Promise((resolve, reject) => {
    (socket.timeout(timeoutMs) as unknown as Emitter).emit(event, payload, (err, ack) =>
      err ? reject(err) : resolve(ack),
    );
  });
}

/** Resolves when the socket disconnects, with the reason. */
export function disconnected(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => {
    if (socket.disconnected && !socket.active) resolve('already');
    else socket.once('disconnect', (reason) => resolve(reason));
  });
}
