import { loadConfig, ConfigError } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './platform/log.js';

/** The only file with process side effects: config, start, banner, signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

  const app = await createApp(config, log);
  const port = await app.listen();

  if (config.embedded) {
    process.stdout.write(
      [
        '',
        '  ┌──────────────────────────────────────────────────────────────────────┐',
        '  │ EMBEDDED MODE: one process, data in memory, NOTHING IS KEPT on exit. │',
        '  │ Set REDIS_URL (and PASSPHRASE_PEPPER) for durable, multi-node mode.  │',
        '  └──────────────────────────────────────────────────────────────────────┘',
        '',
      ].join('\n'),
    );
  }
  process.stdout.write(`  Staffroom is running at http://localhost:${port}\n`);

  const invite = await app.accounts.bootstrapAdminInvite();
  if (invite) {
    process.stdout.write(
      `\n  First start: a one-time admin invite code (valid 7 days):\n\n      ${invite.code}\n\n` +
        '  Sign up with it to become the coordinator, then invite teachers, moderators and consultants\n' +
        (config.embedded
          ? '  from the Invites page in the app.\n\n'
          : '  from the Invites page in the app (or: npm run admin -- invite).\n\n'),
    );
  }
  log.info({ port, host: config.HOST, mode: config.embedded ? 'embedded' : 'redis' }, 'listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining');
    const force = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 2_000);
    force.unref();
    await app.close();
    log.info('stopped');
    process.exit(0);
  };
  // Only when started with --expose-gc (the abuse tests do, to measure memory after a flood): a full collection.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) process.on('SIGUSR2', () => gc());
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
