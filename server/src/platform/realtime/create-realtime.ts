import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { RedisClient as Redis } from '../redis/connect.js';
import { LIMITS } from '@staffroom/shared/limits';
import { keyFor } from '@staffroom/shared/privacy/registry';
import type { OriginPolicy } from '../http/origins.js';
import type { AppServer } from './types.js';

export interface RealtimeOptions {
  origins: OriginPolicy;
  /** Command and subscriber connections for the Redis adapter; absent in embedded mode (one process). */
  bus?: { pub: Redis; sub: Redis; prefix: string; sharded: boolean };
}

/**
 * The socket.io server. Connection state recovery is deliberately off: it does not survive a crashed node and
 * skips the auth middleware. Clients resume from the store with their last seen id instead.
 */
export function createRealtime(http: HttpServer, opts: RealtimeOptions): AppServer {
  const io: AppServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: LIMITS.socketFrameBytes,
    connectTimeout: 10_000,
    transports: ['websocket', 'polling'],
    // CORS does not protect websockets (cross-site websocket hijacking): check Origin on every handshake request.
    allowRequest: (req, callback) => {
      callback(null, opts.origins.allows(req.headers.origin));
    },
  });
  if (opts.bus) {
    const { pub, sub, prefix, sharded } = opts.bus;
    io.adapter(
      sharded
        ? createShardedAdapter(pub, sub, { channelPrefix: keyFor(prefix, 'platform.bus') })
        : createAdapter(pub, sub, { key: keyFor(prefix, 'platform.bus'), requestsTimeout: 3_000 }),
    );
  }
  return io;
}
