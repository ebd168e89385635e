import { useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { ClientToServerEvents, ServerToClientEvents } from '@staffroom/shared/protocol/event-maps';
import type { SessionEndReason } from '@staffroom/shared/protocol/server-events';
import { RECONNECT } from '@staffroom/shared/protocol/reconnect';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one socket of the app, same origin, authenticated by the httpOnly session cookie. It connects while
 * someone is logged in (`startRealtime`) and reconnects by itself after a network loss or a node restart.
 */
export const socket: AppSocket = io({
  autoConnect: false,
  // WebSocket only: several nodes behind a load balancer without sticky sessions (no IP hashing: addresses are
  // personal data) cannot serve long-polling, whose requests must all reach the node that holds the session.
  transports: ['websocket'],
  auth: { v: PROTOCOL_VERSION },
  // Back-off with jitter, so the clients of a node that dies do not all hit the survivors at the same instant.
  ...RECONNECT,
});

/**
 * - `idle`: not started (nobody logged in)
 * - `connecting`: first connection
 * - `connected`
 * - `reconnecting`: lost or the server is restarting; retrying by itself
 * - `offline`: the device has no network
 * - `outdated`: the server speaks another protocol version; the page must be reloaded
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'outdated';

/** Why the server no longer accepts this session on the socket. */
export type SessionLoss = SessionEndReason | 'unauthenticated';

let state: ConnectionState = 'idle';
const stateListeners = new Set<() => void>();
const lossListeners = new Set<(loss: SessionLoss) => void>();
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let draining = false;

function setState(next: ConnectionState): void {
  if (state === next) return;
  state = next;
  for (const listener of stateListeners) listener();
}

function lost(): ConnectionState {
  return navigator.onLine ? 'reconnecting' : 'offline';
}

function sessionLost(loss: SessionLoss): void {
  stopRealtime();
  for (const listener of lossListeners) listener(loss);
}

/** A handshake refused by our middleware is not retried by socket.io itself: retry the transient ones. */
function retryLater(): void {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => {
    if (state !== 'idle' && !socket.connected) socket.connect();
  }, 3_000);
}

socket.on('connect', () => {
  draining = false;
  setState('connected');
});

socket.on('disconnect', (reason) => {
  if (reason === 'io client disconnect' || state === 'idle') return;
  setState(lost());
  // socket.io does not come back by itself after the server closed the socket. After `server:draining` that
  // was a restart: reconnect now. Otherwise retry shortly; the handshake then says if the session still stands.
  // (An ended session never gets here: `session:ended` arrives first and moves us to idle.)
  if (reason === 'io server disconnect') {
    if (draining) socket.connect();
    else retryLater();
  }
});

socket.io.on('reconnect_attempt', () => setState(lost()));

socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
  const code = err.data?.code;
  if (code === ErrorCode.UNAUTHENTICATED) sessionLost('unauthenticated');
  else if (code === ErrorCode.PROTOCOL_MISMATCH) {
    socket.disconnect();
    setState('outdated');
  } else {
    setState(lost());
    if (!socket.active) retryLater();
  }
});

socket.on('session:ended', ({ reason }) => sessionLost(reason));

socket.on('server:draining', () => {
  draining = true;
  setState('reconnecting');
});

window.addEventListener('offline', () => {
  if (state !== 'idle' && state !== 'outdated') setState('offline');
});
window.addEventListener('online', () => {
  if (state !== 'offline') return;
  if (socket.connected) setState('connected');
  else {
    setState('reconnecting');
    if (!socket.active) socket.connect();
  }
});

/** Connects the socket for the logged-in user. Safe to call when already connected. */
export function startRealtime(): void {
  if (socket.connected || socket.active) return;
  setState(navigator.onLine ? 'connecting' : 'offline');
  socket.connect();
}

/** Closes the socket (logout, session ended). */
export function stopRealtime(): void {
  clearTimeout(retryTimer);
  draining = false;
  setState('idle');
  socket.disconnect();
}

/** Subscribes to "this session is over" (logged out elsewhere, revoked, expired). Returns the unsubscribe. */
export function onSessionLost(listener: (loss: SessionLoss) => void): () => void {
  lossListeners.add(listener);
  return () => lossListeners.delete(listener);
}

function subscribe(listener: () => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** The live connection state, for the status line in the header. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}

/** The connection state now, for code outside React (the groups outbox decides whether to send). */
export function getConnectionState(): ConnectionState {
  return state;
}

/** Calls `listener` with each new connection state; returns the unsubscribe. */
export function onConnectionStateChange(listener: (next: ConnectionState) => void): () => void {
  const wrapped = () => listener(state);
  stateListeners.add(wrapped);
  return () => stateListeners.delete(wrapped);
}
