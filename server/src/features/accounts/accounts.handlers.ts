import type { ExtendedError } from 'socket.io';
import { ErrorCode, type ErrorInfo } from '@staffroom/shared/protocol/errors';
import type { SessionEndReason } from '@staffroom/shared/protocol/server-events';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';
import { readSessionToken } from '../../platform/http/session-cookie.js';
import type { Logger } from '../../platform/log.js';
import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer, type AppSocket } from '../../platform/realtime/types.js';
import type { AccountService } from './accounts.service.js';

/** How often a connected socket re-checks that its session still exists (expiry, revocation missed while away). */
const REVALIDATE_MS = 30_000;

function handshakeError(info: ErrorInfo): ExtendedError {
  const err: ExtendedError = new Error(info.message);
  err.data = info;
  return err;
}

/**
 * Handshake middleware: the session cookie must name a live session and the client must speak our protocol
 * version. Runs on every (re)connection; there is no connection-state recovery that could skip it.
 */
export function createSocketAuth(accounts: AccountService, log: Logger) {
  return async (socket: AppSocket, next: (err?: ExtendedError) => void) => {
    const auth = socket.handshake.auth as { v?: unknown };
    if (auth.v !== PROTOCOL_VERSION) {
      next(
        handshakeError({
          code: ErrorCode.PROTOCOL_MISMATCH,
          message: 'This page is out of date. Reload it to continue.',
        }),
      );
      return;
    }
    try {
      const principal = await accounts.authenticate(readSessionToken(socket.handshake.headers.cookie));
      if (!principal) {
        next(handshakeError({ code: ErrorCode.UNAUTHENTICATED, message: 'Please log in.' }));
        return;
      }
      socket.data.principal = principal;
      next();
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : 'unknown' }, 'handshake failed');
      next(handshakeError({ code: ErrorCode.UNAVAILABLE, message: 'The service is briefly unavailable.' }));
    }
  };
}

/** Ends the given sessions' sockets on every node (through the adapter when there is one). */
export function disconnectSessions(
  io: AppServer,
  sessionIds: readonly string[],
  reason: SessionEndReason,
): void {
  if (sessionIds.length === 0) return;
  const targets = sessionIds.map(rooms.session);
  io.to(targets).emit('session:ended', { reason });
  io.in(targets).disconnectSockets(true);
}

export function registerAccountHandlers(socket: AppSocket, edge: EventEdge, accounts: AccountService): void {
  const { principal } = socket.data;
  void socket.join([rooms.account(principal.accountId), rooms.session(principal.sessionId)]);

  const timer = setInterval(async () => {
    try {
      if (await accounts.isSessionAlive(principal)) return;
      socket.emit('session:ended', { reason: 'expired' });
      socket.disconnect(true);
    } catch {
      // Store unreachable: keep the socket; the next check decides.
    }
  }, REVALIDATE_MS);
  timer.unref();
  socket.on('disconnect', () => clearInterval(timer));

  edge.on(socket, 'me:get', () => accounts.me(principal));
}
