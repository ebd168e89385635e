import type { ExtendedError } from 'socket.io';
import { ErrorCode, type ErrorInfo } from '@staffroom/shared/protocol/errors';
import type { SessionEndReason } from '@staffroom/shared/protocol/server-events';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';
import { readSessionToken } from '../../platform/http/session-cookie.js';
import type { Logger } from '../../platform/log.js';
import type { EventEdge } from '../../platform/realtime/on-event.js';
import { rooms, type AppServer, type AppSocket } from '../../platform/realtime/types.js';
import type { AccountService } from './accounts.service.js';

/**
 * Sessions are checked in this many slices, one slice per tick of the node's one timer: every session once per
 * interval, without one burst of every socket's check at the same moment.
 */
const SLICES = 10;

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

/**
 * One timer per node re-checks that the sessions behind its open sockets still exist and are within their
 * maximum age (expiry, or a revocation whose notice this node missed while Redis was away), and slides them: an
 * open socket counts as activity. Each session (however many sockets it has here) is checked once every
 * `everyMs`, in slices, each slice in one store round trip; a session found dead has its sockets here told
 * `session:ended` (expired) and disconnected. A failed check keeps the sockets: the next one decides.
 */
export function createSessionWatch(accounts: AccountService, log: Logger, everyMs: number) {
  interface Watched {
    tokenHash: string;
    sockets: Set<AppSocket>;
    slice: Map<string, Watched>;
  }
  const slices: Map<string, Watched>[] = Array.from({ length: SLICES }, () => new Map());
  const byToken = new Map<string, Watched>();
  let next = 0;
  let tick = 0;

  async function check(slice: Map<string, Watched>): Promise<void> {
    if (slice.size === 0) return;
    const watched = [...slice.values()];
    const alive = await accounts.sessionsAlive(watched.map((w) => w.tokenHash));
    watched.forEach((w, i) => {
      if (alive[i] !== false) return;
      for (const socket of [...w.sockets]) {
        socket.emit('session:ended', { reason: 'expired' });
        socket.disconnect(true);
      }
    });
  }

  const timer = setInterval(() => {
    const slice = slices[tick++ % SLICES] as Map<string, Watched>;
    check(slice).catch((err: unknown) =>
      // Store unreachable: keep the sockets; the next check decides.
      log.warn({ err: err instanceof Error ? err.message : 'unknown' }, 'session check failed'),
    );
  }, everyMs / SLICES);
  timer.unref();

  return {
    /** Watches the socket's session until the socket disconnects. */
    add(socket: AppSocket): void {
      const { tokenHash } = socket.data.principal;
      let w = byToken.get(tokenHash);
      if (!w) {
        const slice = slices[next++ % SLICES] as Map<string, Watched>;
        w = { tokenHash, sockets: new Set(), slice };
        slice.set(tokenHash, w);
        byToken.set(tokenHash, w);
      }
      const watched = w;
      watched.sockets.add(socket);
      socket.on('disconnect', () => {
        watched.sockets.delete(socket);
        if (watched.sockets.size > 0) return;
        watched.slice.delete(tokenHash);
        if (byToken.get(tokenHash) === watched) byToken.delete(tokenHash);
      });
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

export type SessionWatch = ReturnType<typeof createSessionWatch>;

/** The account events, registered once per node. */
export function registerAccountHandlers(edge: EventEdge, accounts: AccountService): void {
  edge.handle('me:get', (_, socket) => accounts.me(socket.data.principal));
}

/** Per connection: the socket's account and session rooms, and its session watched until it disconnects. */
export function accountConnected(socket: AppSocket, sessions: SessionWatch): void {
  const { principal } = socket.data;
  void socket.join([rooms.account(principal.accountId), rooms.session(principal.sessionId)]);
  sessions.add(socket);
}
