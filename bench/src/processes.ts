import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** Every child this run started, so an interrupted run leaves nothing behind. */
const children = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 20_000, intervalMs = 25, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

export interface ServerProcess {
  pid: number;
  output: string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  exited(): boolean;
}

/**
 * Every `BENCH_SERVER_ENV_X=v` of the bench's own environment, as `X=v`: given to every server it starts, baselines
 * included (diagnostics, e.g. `BENCH_SERVER_ENV_NODE_OPTIONS=--import=…/scripts/heap-probe.mjs`; `--staffroom-env`
 * reaches the Staffroom processes only, and wins there).
 */
export function serverPassThrough(from: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(from))
    if (key.startsWith('BENCH_SERVER_ENV_') && key.length > 17 && value !== undefined)
      out[key.slice(17)] = value;
  return out;
}

/** Starts `node <args>` with exactly `env` (plus PATH and `BENCH_SERVER_ENV_…`), collecting its output lines. */
export function spawnNode(args: string[], env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...serverPassThrough(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 2_000) output.splice(0, output.length - 2_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exit.then(
    () => children.delete(child),
    () => {},
  );
  return {
    pid: child.pid ?? 0,
    output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop(graceMs = 8_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Waits until a line of the process's output matches; returns the match. */
export function waitForLine(proc: ServerProcess, pattern: RegExp, what: string, timeoutMs = 20_000) {
  return waitFor(
    () => {
      for (const line of proc.output) {
        const match = pattern.exec(line);
        if (match) return match;
      }
      if (proc.exited()) throw new Error(`${what}: the process exited:\n${proc.output.join('\n')}`);
      return null;
    },
    { timeoutMs, what },
  );
}

export interface RedisProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const FSYNC_POLICIES = ['always', 'everysec', 'no'] as const;
/**
 * The AOF fsync policy of the bench's Redis: `always`, as production runs it, unless `BENCH_REDIS_APPENDFSYNC` says
 * otherwise. Only a diagnosis (how much of Staffroom's latency is the disk's fsync): an ack without `always` (or a
 * replica's `WAIT`) breaks RELIABILITY.md R4a, so such a run is never the product's figure.
 */
export function benchFsyncPolicy(): (typeof FSYNC_POLICIES)[number] {
  const v = process.env.BENCH_REDIS_APPENDFSYNC ?? 'always';
  const policy = FSYNC_POLICIES.find((p) => p === v);
  if (!policy) throw new Error(`BENCH_REDIS_APPENDFSYNC must be one of ${FSYNC_POLICIES.join(', ')}`);
  return policy;
}

/**
 * A private redis-server on a free loopback port in a temp directory, configured as the production compose
 * file runs it: AOF on with `appendfsync always` (see benchFsyncPolicy), no RDB snapshots.
 */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-bench-redis-'));
  const proc = spawn(
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
      benchFsyncPolicy(),
      '--protected-mode',
      'yes',
    ],
    { stdio: 'ignore' },
  );
  children.add(proc);
  const exit = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  await waitFor(
    async () => {
      const probe = new Redis(port, '127.0.0.1', {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on('error', () => {});
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.disconnect();
      }
    },
    { timeoutMs: 10_000, what: `redis-server on ${port}` },
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: proc.pid ?? 0,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exit;
      children.delete(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
