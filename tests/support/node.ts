import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './ports.js';

export const SERVER_ENTRY = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
export const TEST_PEPPER = 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz';
const INVITE_RE = /\b[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}\b/;

export interface TestNode {
  port: number;
  url: string;
  pid: number;
  /** Every line the process printed (JSON logs and the banner). */
  output: string[];
  /** The one-time admin invite printed at first start, if this node printed it. */
  bootstrapInvite: string | null;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the crash clients must survive. */
  kill(): Promise<void>;
}

export interface NodeOptions {
  /** Omit for embedded mode. */
  redisUrl?: string;
  prefix?: string;
  env?: Record<string, string>;
  port?: number;
}

/** Starts `node server/dist/main.js` as its own process on a loopback port and waits until it listens. */
export async function startNode(opts: NodeOptions = {}): Promise<TestNode> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(opts.port ?? 0),
    BCRYPT_COST: '10',
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '3000',
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, PASSPHRASE_PEPPER: TEST_PEPPER } : {}),
    ...(opts.prefix ? { REDIS_KEY_PREFIX: opts.prefix } : {}),
    ...opts.env,
  };
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await waitFor(
    () => {
      if (child.exitCode !== null)
        throw new Error(`server exited with ${child.exitCode}:\n${output.join('\n')}`);
      for (const line of output) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && entry.port) return entry.port;
      }
      return 0;
    },
    { timeoutMs: 20_000, what: 'server to listen' },
  ).catch((err: unknown) => {
    // Nobody holds a handle to a node that never listened: without this it outlives the test run.
    child.kill('SIGKILL');
    throw err;
  });
  // Printed before the 'listening' line, so it is in `output` by now.
  const inviteLine = output.find((l) => !l.startsWith('{') && INVITE_RE.test(l));
  const bootstrapInvite = inviteLine?.match(INVITE_RE)?.[0] ?? null;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output,
    bootstrapInvite,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
