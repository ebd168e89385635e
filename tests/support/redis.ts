import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './ports.js';

export interface TestRedis {
  url: string;
  /** Key prefix the nodes under test should use (unique per instance when sharing an external Redis). */
  prefix: string;
  /** False when this is an external Redis from REDIS_URL: it cannot be crashed or restarted. */
  owned: boolean;
  /** The data directory (AOF and RDB files) of an owned Redis; null for an external one. */
  dir: string | null;
  /** A fresh command connection (the caller quits it). */
  client(): Redis;
  /** `kill -9`: the crash the AOF with `appendfsync always` must survive. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: Redis frozen, connections open. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * True when `port` answers PING and is the redis-server with process id `pid`: never another file's server that
 * took the port first (two test files run at once).
 */
export async function answersAs(port: number, pid: number | undefined): Promise<boolean> {
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    if ((await probe.ping()) !== 'PONG') return false;
    return new RegExp(`^process_id:${pid}\\r?$`, 'm').test(await probe.info('server'));
  } finally {
    probe.disconnect();
  }
}

/**
 * A fresh directory for a test Redis's AOF, on tmpfs (`/dev/shm`) where there is a roomy one. `appendfsync
 * always` fsyncs before every reply; on a disk that is a few milliseconds a write (tens of milliseconds when other
 * processes write too), on tmpfs nothing. What the crash tests check is unchanged: a SIGKILLed redis-server
 * has written every acknowledged command to the file (the write comes before the reply), and the file
 * outlives the process on tmpfs as on a disk; only a machine crash, which no test makes, would tell them apart.
 * A container's default /dev/shm (64 MB) is too small for the flood tests' files: then the system temp directory.
 */
export function redisDataDir(name: string): string {
  let base = tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize >= 2 ** 30) base = '/dev/shm';
  } catch {
    // No /dev/shm (macOS).
  }
  return mkdtempSync(path.join(base, `staffroom-${name}-`));
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * A private redis-server on a free loopback port with AOF and `appendfsync always`, in a temp directory.
 * The only Redis the integration tests touch, so a test can crash it and count what survived.
 */
export async function startRedis(opts: { extraArgs?: string[] } = {}): Promise<TestRedis> {
  if (!hasRedisServer() && process.env.REDIS_URL) return externalRedis(process.env.REDIS_URL);
  let port = await freePort();
  const dir = redisDataDir('redis');
  let proc: ChildProcess | null = null;

  const launch = async () => {
    proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--protected-mode',
        'yes',
        ...(opts.extraArgs ?? []),
      ],
      { stdio: 'ignore' },
    );
    const started = proc as ChildProcess;
    const state = await waitFor(
      async () => {
        if (started.exitCode !== null || started.signalCode !== null) return 'exited';
        return (await answersAs(port, started.pid)) ? 'up' : null;
      },
      { timeoutMs: 10_000, what: `redis-server on ${port}` },
    );
    if (state === 'exited') throw new Error(`redis-server on ${port} exited at start (port taken?)`);
  };
  const exited = () =>
    new Promise<void>((resolve) => {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) resolve();
      else proc.once('exit', () => resolve());
    });

  // Test files run two at a time: another file's server may take the port between freePort() and the bind.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      if (attempt >= 5 || !String(err).includes('exited at start')) throw err;
      port = await freePort();
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    prefix: 'sr:',
    owned: true,
    dir,
    client: () => new Redis(port, '127.0.0.1'),
    async crash() {
      proc?.kill('SIGKILL');
      await exited();
    },
    restart: launch,
    pause: () => proc?.kill('SIGSTOP'),
    resume: () => proc?.kill('SIGCONT'),
    async stop() {
      proc?.kill('SIGCONT');
      proc?.kill('SIGKILL');
      await exited();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** REDIS_URL when redis-server is not installed: shared, so each instance gets its own key prefix. */
function externalRedis(url: string): TestRedis {
  const prefix = `t${Math.random().toString(36).slice(2, 10)}:`;
  const cannot = () => {
    throw new Error('This test needs redis-server installed (it crashes and restarts Redis).');
  };
  return {
    url,
    prefix,
    owned: false,
    dir: null,
    client: () => new Redis(url),
    crash: async () => cannot(),
    restart: async () => cannot(),
    pause: cannot,
    resume: cannot,
    async stop() {
      const redis = new Redis(url);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

/** Every key in Redis with its raw (DUMP) value as text, so nothing escapes the scan whatever its type. */
export async function storedEntries(redis: TestRedis): Promise<{ key: string; text: string }[]> {
  const raw = redis.client();
  const out: { key: string; text: string }[] = [];
  let cursor = '0';
  try {
    do {
      const [next, keys] = await raw.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) out.push({ key, text: (await raw.dumpBuffer(key))?.toString('latin1') ?? '' });
    } while (cursor !== '0');
  } finally {
    raw.disconnect();
  }
  return out;
}

/** Every key and value in Redis, as text: to look for what must never be stored in the clear. */
export async function everythingStored(redis: TestRedis): Promise<string> {
  return (await storedEntries(redis)).map((e) => `${e.key} ${e.text}\n`).join('');
}
