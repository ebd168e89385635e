import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { ClientSpec } from './clients.js';
import { cpuMs } from './proc.js';
import { freePort, waitFor } from './processes.js';
import {
  createTarget,
  StaffroomTarget,
  type GroupPlan,
  type Target,
  type TargetName,
  type TargetOptions,
} from './targets.js';

/** Read from each node's /metrics (the bench runs the nodes with NODE_ENV=production, so with a token). */
const METRICS_TOKEN = 'bench-metrics-token-0123456789';

interface PrimaryReading {
  port: number;
  cpuMs: number;
  appends: number;
  publications: number;
}
interface NodeReading {
  messages: number;
  bytes: number;
}
interface Snapshot {
  primaries: PrimaryReading[];
  nodes: NodeReading[];
}

/** `calls=N` of one command in INFO commandstats (commands a script runs count too). */
const calls = (info: string, command: string) =>
  Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);

/**
 * `staffroom-cluster`: Staffroom, 2 processes on a Redis Cluster of 3 primaries (AOF, appendfsync always; no
 * replicas, so the figures compare with staffroom-2's one Redis). Each group's members are all on one node
 * (groups alternate nodes), so each node has half the groups open: it reports Redis CPU per shard, each
 * primary's share of the appends (XADD) and publications (SPUBLISH) in the measured window, and the bytes of
 * group messages each node received from Redis — about half of all, where on one Redis every node receives
 * every group's messages.
 */
export class StaffroomClusterTarget extends StaffroomTarget {
  private readonly redisProcs = new Map<number, ChildProcess>();
  private dir = '';
  private atStart: Promise<Snapshot> | null = null;
  private atEnd: Promise<Snapshot> | null = null;
  private groupIndex = 0;

  override get name(): TargetName {
    return 'staffroom-cluster';
  }
  override get description(): string {
    return 'Staffroom, 2 processes on a Redis Cluster of 3 primaries (AOF, appendfsync always); each group on one node';
  }

  override async start(): Promise<void> {
    this.dir = mkdtempSync(path.join(tmpdir(), 'staffroom-bench-cluster-'));
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [port, bus] = [await freePort(), await freePort()];
      const dir = path.join(this.dir, String(port));
      spawnSync('mkdir', ['-p', dir]);
      const proc = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--cluster-port', String(bus), '--bind', '127.0.0.1', '--dir', dir],
          ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--save', ''],
          ...['--appendonly', 'yes', '--appendfsync', 'always'],
        ],
        { stdio: 'ignore' },
      );
      this.redisProcs.set(port, proc);
      ports.push(port);
    }
    for (const port of ports) await waitFor(() => this.ask(port, async (r) => (await r.ping()) === 'PONG'));
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}`);
    await waitFor(
      async () => {
        for (const port of ports) {
          const info = (await this.ask(port, (r) => r.cluster('INFO'))) as string;
          if (!info.includes('cluster_state:ok')) return false;
        }
        return true;
      },
      { timeoutMs: 30_000, what: 'cluster_state:ok' },
    );
    this.clusterEnv = {
      REDIS_CLUSTER_NODES: ports.map((p) => `127.0.0.1:${p}`).join(','),
      METRICS_TOKEN,
    };
    await super.start();
  }

  /** Every member of a group on the same node, groups alternating nodes: each node has half the groups open. */
  override async provision(groups: readonly GroupPlan[]): Promise<ClientSpec[]> {
    const specs = await super.provision(groups);
    const firstGroup = this.groupIndex;
    this.groupIndex += groups.length;
    const groupIds = [...new Set(specs.map((s) => s.group))];
    return specs.map((s) => ({
      ...s,
      url: this.urls[(firstGroup + groupIds.indexOf(s.group)) % this.urls.length]!,
    }));
  }

  override redisPid(): number | null {
    return null; // per shard, below
  }

  onWindow(edge: 'start' | 'end'): void {
    if (edge === 'start') this.atStart = this.snapshot();
    else this.atEnd = this.snapshot();
  }

  override async stop(): Promise<void> {
    if (this.atStart && this.atEnd) {
      try {
        this.opts.log(clusterReport(await this.atStart, await this.atEnd));
      } catch (err) {
        this.opts.log(`    staffroom-cluster: no per-shard figures (${String(err)})`);
      }
    }
    await super.stop();
    for (const proc of this.redisProcs.values()) proc.kill('SIGKILL');
    this.redisProcs.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async ask<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
    const r = new Redis(port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    r.on('error', () => {});
    try {
      await r.connect();
      return await fn(r);
    } finally {
      r.disconnect();
    }
  }

  private async snapshot(): Promise<Snapshot> {
    const primaries = await Promise.all(
      [...this.redisProcs].map(async ([port, proc]) => {
        const info = await this.ask(port, (r) => r.info('commandstats'));
        return {
          port,
          cpuMs: proc.pid ? cpuMs(proc.pid) : 0,
          appends: calls(info, 'xadd'),
          publications: calls(info, 'spublish'),
        };
      }),
    );
    const nodes = await Promise.all(
      this.urls.map(async (url) => {
        const text = await (
          await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
        ).text();
        const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? 0);
        return {
          messages: value('staffroom_redis_live_messages_received_total'),
          bytes: value('staffroom_redis_live_bytes_received_total'),
        };
      }),
    );
    return { primaries, nodes };
  }
}

function clusterReport(start: Snapshot, end: Snapshot): string {
  const pct = (n: number, total: number) => (total > 0 ? `${((100 * n) / total).toFixed(1)} %` : '–');
  const shards = end.primaries.map((p) => {
    const s = start.primaries.find((q) => q.port === p.port);
    return {
      port: p.port,
      cpuMs: p.cpuMs - (s?.cpuMs ?? 0),
      appends: p.appends - (s?.appends ?? 0),
      publications: p.publications - (s?.publications ?? 0),
    };
  });
  const appends = shards.reduce((n, s) => n + s.appends, 0);
  const publications = shards.reduce((n, s) => n + s.publications, 0);
  const nodes = end.nodes.map((n, i) => ({
    messages: n.messages - (start.nodes[i]?.messages ?? 0),
    bytes: n.bytes - (start.nodes[i]?.bytes ?? 0),
  }));
  const maxShare = Math.max(
    ...shards.map((s) => Math.max(s.appends / (appends || 1), s.publications / (publications || 1))),
  );
  return [
    '    staffroom-cluster, measured window:',
    ...shards.map(
      (s, i) =>
        `      primary ${i + 1} (:${s.port}): Redis CPU ${s.cpuMs.toFixed(0)} ms; appends ${s.appends} (${pct(s.appends, appends)}); publications ${s.publications} (${pct(s.publications, publications)})`,
    ),
    `      largest primary share ${(100 * maxShare).toFixed(1)} % (target: no primary over 40 %)`,
    ...nodes.map(
      (n, i) =>
        `      node ${i + 1}: received ${n.messages} group messages from Redis (${(n.bytes / 1024).toFixed(0)} kB) = ${pct(n.messages, publications)} of the ${publications} published (one Redis: every node receives 100 %)`,
    ),
  ].join('\n');
}

/** `createTarget`, plus staffroom-cluster (kept here, so targets.ts need not import this file). */
export function createAnyTarget(name: TargetName, opts: TargetOptions): Target {
  return name === 'staffroom-cluster' ? new StaffroomClusterTarget(2, opts) : createTarget(name, opts);
}
