import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from './ports.js';

/** The load-balancer configuration that ships (docker-compose mounts the same file). */
export const NGINX_TEMPLATE = fileURLToPath(
  new URL('../../deploy/nginx/templates/staffroom.conf.template', import.meta.url),
);

const CANDIDATES = [
  process.env.NGINX_PATH,
  '/usr/sbin/nginx',
  '/usr/local/sbin/nginx',
  '/opt/homebrew/bin/nginx',
];

/** The nginx binary, or null when it is not installed. */
export function findNginx(): string | null {
  for (const candidate of CANDIDATES) if (candidate && existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

export interface TemplateValues {
  STAFFROOM_LISTEN: string;
  STAFFROOM_NODE_A: string;
  STAFFROOM_NODE_B: string;
  STAFFROOM_ERROR_LOG: string;
  STAFFROOM_BEHIND_TLS_PROXY: 'yes' | 'no';
}

/**
 * Fills in the template's `${STAFFROOM_*}` placeholders the way the nginx image's envsubst step does, and
 * fails loudly if the template has a placeholder this function does not know (the two would have drifted).
 */
export function renderTemplate(
  values: TemplateValues,
  template = readFileSync(NGINX_TEMPLATE, 'utf8'),
): string {
  const rendered = template.replace(/\$\{(STAFFROOM_[A-Z_]+)\}/g, (whole, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`nginx template placeholder ${whole} has no value`);
    return value;
  });
  return rendered;
}

export interface TestNginx {
  port: number;
  url: string;
  /** The temp prefix: rendered config, pid file, temp paths and every log nginx wrote. */
  dir: string;
  /** The text of every file nginx wrote under `dir/logs` (error logs; there must be no access log). */
  logs(): Record<string, string>;
  /** Fast stop (SIGTERM); removes the prefix unless `keep` is true. */
  stop(opts?: { keep?: boolean }): Promise<void>;
}

export interface NginxOptions {
  /**
   * The upstream nodes, `host:port`: the template names two (A and B); each one after those gets a copy of
   * node B's `server` lines, with the same parameters.
   */
  upstreams: readonly [string, string, ...string[]];
  /** STAFFROOM_BEHIND_TLS_PROXY (default `no`). */
  behindTlsProxy?: boolean;
  /** The loopback port to listen on (default: a free one). */
  port?: number;
}

/**
 * Runs the shipped nginx configuration in front of loopback upstreams: a top-level file with process settings
 * for a throwaway prefix (`daemon off`, pid, temp paths, logs, all inside it) that includes the rendered
 * template, exactly as the container's nginx.conf includes it.
 */
export async function startNginx(opts: NginxOptions): Promise<TestNginx> {
  const binary = findNginx();
  if (!binary) {
    throw new Error(
      'These tests need nginx: apt-get install nginx-light | brew install nginx (or set NGINX_PATH).',
    );
  }
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-nginx-'));
  // nginx started as root runs its workers as an unprivileged user, which must be able to reach the prefix.
  chmodSync(dir, 0o755);
  const logs = path.join(dir, 'logs');
  mkdirSync(logs);
  mkdirSync(path.join(dir, 'temp'));

  const extra = opts.upstreams.slice(2);
  const template = readFileSync(NGINX_TEMPLATE, 'utf8').replace(
    /^(\s*server \$\{STAFFROOM_NODE_B\}(.*))$/gm,
    (line: string, _all: string, rest: string) =>
      [line, ...extra.map((node) => line.replace(/\S+.*$/, `server ${node}${rest}`))].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'staffroom.conf'),
    renderTemplate(
      {
        STAFFROOM_LISTEN: `127.0.0.1:${port}`,
        STAFFROOM_NODE_A: opts.upstreams[0],
        STAFFROOM_NODE_B: opts.upstreams[1],
        STAFFROOM_ERROR_LOG: path.join(logs, 'error.log'),
        STAFFROOM_BEHIND_TLS_PROXY: opts.behindTlsProxy ? 'yes' : 'no',
      },
      template,
    ),
  );
  const main = path.join(dir, 'nginx.conf');
  writeFileSync(
    main,
    [
      'daemon off;',
      'master_process on;',
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(logs, 'main.log')} notice;`,
      'events { worker_connections 512; }',
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${path.join(dir, 'temp', kind)};`,
      ),
      `  include ${path.join(dir, 'staffroom.conf')};`,
      '}',
      '',
    ].join('\n'),
  );

  const test = spawnSync(binary, ['-t', '-q', '-p', dir, '-c', main, '-e', path.join(logs, 'main.log')], {
    encoding: 'utf8',
  });
  if (test.status !== 0) {
    const detail = `${test.stderr}${readLogs(logs)['main.log'] ?? ''}`;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx rejected the configuration:\n${detail}`);
  }

  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', main, '-e', path.join(logs, 'main.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
        return canConnect(port);
      },
      { timeoutMs: 10_000, what: `nginx on ${port}` },
    );
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dir,
    logs: () => readLogs(logs),
    async stop({ keep = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLogs(logs: string): Record<string, string> {
  if (!existsSync(logs)) return {};
  return Object.fromEntries(
    readdirSync(logs).map((name) => [name, readFileSync(path.join(logs, name), 'utf8')]),
  );
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
