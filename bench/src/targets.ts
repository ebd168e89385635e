import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientKind, ClientSpec } from './clients.js';
import {
  benchFsyncPolicy,
  spawnNode,
  startRedis,
  waitForLine,
  type RedisProcess,
  type ServerProcess,
} from './processes.js';
import { StaffroomProvisioner } from './staffroom-provision.js';

export type TargetName =
  'ceiling' | 'baseline-1' | 'baseline-2' | 'staffroom-1' | 'staffroom-2' | 'staffroom-cluster';
/** The targets a run measures unless `--targets` says otherwise. */
export const TARGET_NAMES: readonly TargetName[] = [
  'ceiling',
  'baseline-1',
  'baseline-2',
  'staffroom-1',
  'staffroom-2',
];
/** Every target `--targets` accepts: the default ones, and staffroom-cluster (cluster-target.ts) on request. */
export const ALL_TARGET_NAMES: readonly TargetName[] = [...TARGET_NAMES, 'staffroom-cluster'];

/** One group of the load: how many members, how many of them send, and how fast. */
export interface GroupPlan {
  members: number;
  senders: number;
  /** Messages per second per sender. */
  rate: number;
}

export interface TargetOptions {
  /** The Staffroom server entry (`server/dist/main.js` of this repo unless `--server` says otherwise). */
  serverEntry: string;
  /** Directory for `--cpu-prof` output of the Staffroom and baseline processes, when profiling. */
  cpuProfDir?: string;
  /** Extra environment for the Staffroom processes. */
  staffroomEnv?: Record<string, string>;
  log: (line: string) => void;
}

/**
 * What the runner needs from a system under test: start it, provision clients through its own paths (for
 * Staffroom: real sign-ups), say which processes are "the server" for CPU and memory, stop it.
 */
export interface Target {
  readonly name: TargetName;
  readonly processes: number;
  readonly kind: ClientKind;
  /** What it is, one line, for the table's notes. */
  readonly description: string;
  start(): Promise<void>;
  /** Adds groups and their members; returns one spec per client (continuing ids across calls). */
  provision(groups: readonly GroupPlan[]): Promise<ClientSpec[]>;
  serverPids(): number[];
  redisPid(): number | null;
  /** Told when the measured window starts and ends (staffroom-cluster reads its per-shard figures then). */
  onWindow?(edge: 'start' | 'end'): void;
  stop(): Promise<void>;
}

const BENCH_DIST = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_SERVER_ENTRY = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));
const LISTENING = /^\{.*"msg":"listening".*"port":(\d+)/;
/** The Staffroom banner goes to stdout whatever LOG_LEVEL is (the JSON `listening` line is info-level). */
const STAFFROOM_RUNNING = /Staffroom is running at http:\/\/localhost:(\d+)/;
const INVITE_RE = /\b[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}\b/;
const PEPPER = 'bench-pepper-0123456789abcdefghijklmnopqrstuvwxyz';

/** Server-side settings the bench changes from the defaults, printed with every table. */
export const STAFFROOM_ENV = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  BCRYPT_COST: '10',
  /** Default 10: a bench sender posts far faster than a person may. */
  SEND_LIMIT_PER_10S: '100000',
  /** Default 30: every client joins and opens its group at once. */
  JOIN_LIMIT_PER_MINUTE: '100000',
  SHUTDOWN_GRACE_MS: '2000',
} as const;

/** `node --cpu-prof` flags when profiling (Staffroom and the baseline, so their profiles can be compared). */
function profileArgs(opts: TargetOptions, name: string): string[] {
  return opts.cpuProfDir
    ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
}

abstract class BaseTarget implements Target {
  abstract readonly name: TargetName;
  abstract readonly kind: ClientKind;
  abstract readonly description: string;
  protected nodes: ServerProcess[] = [];
  protected urls: string[] = [];
  protected redis: RedisProcess | null = null;
  private nextClient = 0;
  private nextGroup = 0;

  constructor(
    readonly processes: number,
    protected readonly opts: TargetOptions,
  ) {}

  abstract start(): Promise<void>;

  /** Group ids for `n` new groups. */
  protected async createGroups(n: number, first: number): Promise<string[]> {
    return Array.from({ length: n }, (_, i) => `room-${first + i}`);
  }

  /** Credentials for `n` new clients (Staffroom: session cookies). */
  protected async credentials(n: number): Promise<(string | undefined)[]> {
    return new Array<undefined>(n).fill(undefined);
  }

  async provision(groups: readonly GroupPlan[]): Promise<ClientSpec[]> {
    const ids = await this.createGroups(groups.length, this.nextGroup);
    this.nextGroup += groups.length;
    const total = groups.reduce((n, g) => n + g.members, 0);
    const cookies = await this.credentials(total);
    const specs: ClientSpec[] = [];
    groups.forEach((plan, g) => {
      for (let m = 0; m < plan.members; m++) {
        const id = this.nextClient++;
        const cookie = cookies[specs.length];
        specs.push({
          id,
          // Consecutive members alternate nodes: every group spans both processes of a 2-process target.
          url: this.urls[id % this.urls.length]!,
          group: ids[g]!,
          rate: m < plan.senders ? plan.rate : 0,
          ...(cookie ? { cookie } : {}),
        });
      }
    });
    return specs;
  }

  serverPids(): number[] {
    return this.nodes.map((n) => n.pid);
  }

  redisPid(): number | null {
    return this.redis?.pid ?? null;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
    // What the servers logged (LOG_LEVEL warn: a Redis connection lost and a resync would show), to check a run.
    const logDir = process.env.BENCH_SERVER_LOG_DIR;
    if (logDir)
      this.nodes.forEach((n, i) =>
        writeFileSync(path.join(logDir, `${this.name}-node${i}-${Date.now()}.log`), n.output.join('\n')),
      );
    await this.redis?.stop();
    this.nodes = [];
    this.redis = null;
  }
}

class CeilingTarget extends BaseTarget {
  readonly name = 'ceiling';
  readonly kind = 'ws';
  readonly description = 'raw ws, one process, broadcast pre-encoded to room members; no Redis';

  async start(): Promise<void> {
    const node = spawnNode([`${BENCH_DIST}servers/ceiling.js`], { HOST: '127.0.0.1', PORT: '0' });
    this.nodes.push(node);
    const [, port] = await waitForLine(node, LISTENING, 'ceiling server');
    this.urls = [`http://127.0.0.1:${port}`];
  }
}

class BaselineTarget extends BaseTarget {
  readonly kind = 'socketio';
  get name(): TargetName {
    return this.processes === 1 ? 'baseline-1' : 'baseline-2';
  }
  get description(): string {
    return this.processes === 1
      ? 'bare socket.io 4: rooms, broadcast `message`, nothing else'
      : 'bare socket.io 4 + @socket.io/redis-adapter, 2 processes sharing Redis';
  }

  async start(): Promise<void> {
    if (this.processes > 1) this.redis = await startRedis();
    for (let i = 0; i < this.processes; i++) {
      const node = spawnNode(
        [...profileArgs(this.opts, `${this.name}-node${i}`), `${BENCH_DIST}servers/baseline.js`],
        {
          HOST: '127.0.0.1',
          PORT: '0',
          ...(this.redis ? { REDIS_URL: this.redis.url } : {}),
        },
      );
      this.nodes.push(node);
      const [, port] = await waitForLine(node, LISTENING, 'baseline server');
      this.urls.push(`http://127.0.0.1:${port}`);
    }
  }
}

export class StaffroomTarget extends BaseTarget {
  readonly kind = 'staffroom';
  private provisioner: StaffroomProvisioner | null = null;
  /** Set by staffroom-cluster: the nodes use this Redis Cluster instead of a Redis of their own. */
  protected clusterEnv: Record<string, string> | null = null;
  get name(): TargetName {
    return this.processes === 1 ? 'staffroom-1' : 'staffroom-2';
  }
  get description(): string {
    return this.processes === 1
      ? 'Staffroom, embedded mode (one process, in memory)'
      : `Staffroom, 2 processes on Redis (AOF, appendfsync ${benchFsyncPolicy()}${benchFsyncPolicy() === 'always' ? '' : ': a diagnosis, not the production shape'})`;
  }

  async start(): Promise<void> {
    if (this.processes > 1 && !this.clusterEnv) this.redis = await startRedis();
    let invite = '';
    for (let i = 0; i < this.processes; i++) {
      const node = spawnNode([...profileArgs(this.opts, `${this.name}-node${i}`), this.opts.serverEntry], {
        ...STAFFROOM_ENV,
        ...this.opts.staffroomEnv,
        ...(this.redis ? { REDIS_URL: this.redis.url, PASSPHRASE_PEPPER: PEPPER } : {}),
        ...(this.clusterEnv ? { ...this.clusterEnv, PASSPHRASE_PEPPER: PEPPER } : {}),
      });
      this.nodes.push(node);
      const [, port] = await waitForLine(node, STAFFROOM_RUNNING, 'staffroom server');
      this.urls.push(`http://127.0.0.1:${port}`);
      // The first node claims the bootstrap and prints the one-time admin invite just after the banner.
      if (i === 0) {
        const line = await waitForLine(node, INVITE_RE, 'the admin invite', 10_000);
        invite = line[0];
      }
    }
    this.provisioner = new StaffroomProvisioner(this.urls, invite);
  }

  protected override createGroups(n: number, first: number): Promise<string[]> {
    return this.provisioner!.createGroups(n, first);
  }

  protected override async credentials(n: number): Promise<(string | undefined)[]> {
    const started = Date.now();
    const cookies = await this.provisioner!.signUp(n, 8, (done) =>
      this.opts.log(
        `    ${this.name}: ${done}/${n} sign-ups (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      ),
    );
    if (n >= 100)
      this.opts.log(`    ${this.name}: ${n} sign-ups in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return cookies;
  }
}

export function createTarget(name: TargetName, opts: TargetOptions): Target {
  switch (name) {
    case 'ceiling':
      return new CeilingTarget(1, opts);
    case 'baseline-1':
      return new BaselineTarget(1, opts);
    case 'baseline-2':
      return new BaselineTarget(2, opts);
    case 'staffroom-1':
      return new StaffroomTarget(1, opts);
    case 'staffroom-2':
      return new StaffroomTarget(2, opts);
    case 'staffroom-cluster':
      throw new Error('staffroom-cluster is created by cluster-target.ts (createAnyTarget)');
  }
}
