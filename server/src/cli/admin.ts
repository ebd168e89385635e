import { parseArgs } from 'node:util';
import { Role } from '@staffroom/shared/schemas/accounts';
import { loadConfig } from '../config.js';
import { createAccountService } from '../features/accounts/accounts.service.js';
import { createRedisAccountStore } from '../features/accounts/accounts.redis-store.js';
import { createMemoryThrottleStore } from '../features/accounts/login-throttle.memory-store.js';
import { createMemoryDeviceStore } from '../features/accounts/devices.memory-store.js';
import { createLoginLimiter } from '../features/accounts/login-limiter.js';
import { createPassphraseHasher } from '../features/accounts/passphrase-hasher.js';
import { createLogger } from '../platform/log.js';
import { connectRedisCluster, parseClusterNodes } from '../platform/redis/cluster-client.js';
import { connectRedis, waitReady } from '../platform/redis/connect.js';

const USAGE = `Usage: npm run admin -- invite [--role admin|moderator|consultant|member] [--uses N] [--days N]

Creates an invite code in the Redis store named by REDIS_URL and prints it once.`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string', default: 'admin' },
      uses: { type: 'string', default: '1' },
      days: { type: 'string', default: '7' },
    },
  });
  if (positionals[0] !== 'invite') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(positionals.length === 0 ? 0 : 64);
  }
  const config = loadConfig();
  if (config.embedded) {
    process.stderr.write(
      'REDIS_URL is not set, so this is embedded mode: the running server keeps everything in its own memory,\n' +
        'and this command cannot reach it. What works instead:\n' +
        '  - the first invite: the server prints a one-time admin invite when it starts;\n' +
        '  - more invites: log in as the coordinator and open Invites in the app.\n' +
        'For a Redis deployment, run this with the same REDIS_URL (or REDIS_CLUSTER_NODES) and PASSPHRASE_PEPPER as the servers.\n',
    );
    process.exit(64);
  }
  const log = createLogger('warn');
  const redis = config.REDIS_CLUSTER_NODES
    ? connectRedisCluster(parseClusterNodes(config.REDIS_CLUSTER_NODES), log, 'cli')
    : connectRedis(config.REDIS_URL ?? '', log, 'cli');
  await waitReady(redis, 5_000);
  const accounts = createAccountService({
    store: createRedisAccountStore(redis, config.REDIS_KEY_PREFIX),
    hasher: await createPassphraseHasher(config.pepper, 10),
    limiter: createLoginLimiter({
      store: createMemoryThrottleStore(),
      freeFailures: 1,
      capSeconds: 1,
      failuresPerHour: 1,
      anonymousPerMinute: 1,
    }),
    devices: createMemoryDeviceStore(),
    trustedDeviceMs: 1,
    maxTrustedDevices: 1,
    sessionIdleMs: 1,
    sessionMaxMs: 1,
    onSessionsEnded: () => {},
  });
  const invite = await accounts.createInviteAsOperator({
    role: Role.parse(values.role),
    maxUses: Number(values.uses),
    expiresInDays: Number(values.days),
  });
  process.stdout.write(
    `${invite.role} invite, ${invite.maxUses} use(s), expires ${expiryWords(invite.expiresAt)}:\n\n  ${invite.code}\n`,
  );
  await redis.quit();
}

/** "Sun 13 Dec, 08:36 UTC": the operator's console has no reader's time zone, so it says which one it uses. */
function expiryWords(ms: number): string {
  const words = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(ms);
  return `${words} UTC`;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
