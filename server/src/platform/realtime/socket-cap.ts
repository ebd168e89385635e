import type { ExtendedError } from 'socket.io';
import { ErrorCode, type ErrorInfo } from '@staffroom/shared/protocol/errors';
import type { AppSocket } from './types.js';

/** How long a refused client is asked to wait before it tries again. */
const RETRY_AFTER_MS = 5_000;

/**
 * At most `max` sockets per account on this node. Without it one logged-in account could open sockets without
 * end (each one holds memory, rooms and a share of the session checks, and brings its own per-socket in-flight
 * and flood allowances, so many sockets multiplied what one account could push at the node). A person with
 * several tabs and devices needs a handful.
 *
 * Runs as handshake middleware after authentication. A place is taken when the handshake passes and given back
 * once, when the socket disconnects or its connection closes, whichever comes first (a connection that closes
 * while the handshake is still finishing never fires `disconnect`). The map holds only accounts with sockets
 * here, so it is bounded by this node's open connections.
 */
export function createSocketCap(max: number) {
  const open = new Map<string, number>();

  const refusal = (): ExtendedError => {
    const info: ErrorInfo = {
      code: ErrorCode.RATE_LIMITED,
      message: 'Too many open connections for this account. Close another tab or device, then try again.',
      retryAfterMs: RETRY_AFTER_MS,
    };
    const err: ExtendedError = new Error(info.message);
    err.data = info;
    return err;
  };

  return {
    middleware: (socket: AppSocket, next: (err?: ExtendedError) => void): void => {
      const { accountId } = socket.data.principal;
      const count = open.get(accountId) ?? 0;
      if (count >= max) {
        next(refusal());
        return;
      }
      open.set(accountId, count + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (open.get(accountId) ?? 1) - 1;
        if (left > 0) open.set(accountId, left);
        else open.delete(accountId);
      };
      socket.once('disconnect', release);
      socket.conn.once('close', release);
      next();
    },
    /** Sockets this node holds for the account (tests and metrics). */
    count: (accountId: string): number => open.get(accountId) ?? 0,
  };
}

export type SocketCap = ReturnType<typeof createSocketCap>;
