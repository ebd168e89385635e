import { existsSync } from 'node:fs';
import { hasRedisServer } from './redis.js';
import { SERVER_ENTRY } from './node.js';

/** Fails the whole run with one clear line when a prerequisite is missing. */
export default function setup(): void {
  if (!hasRedisServer() && !process.env.REDIS_URL) {
    throw new Error(
      'Integration tests need Redis 7: install it (apt-get install redis-server | brew install redis) or set REDIS_URL.',
    );
  }
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error('The server is not built: run `npm run build` first (`npm test` does it for you).');
  }
}
