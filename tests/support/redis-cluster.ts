import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Command, Redis, type Cluster } from 'ioredis';
import { createLogger } from '../../server/src/platform/log.js';
import { connectRedisCluster } from '../../server/src/platform/redis/cluster-client.js';
import { freePort, waitFor } from './ports.js';
import { answersAs, redisDataDir } from './redis.js';

/**
 * A real Redis Cluster on loopback: 3 primaries (+ 1 replica each by default), each a `redis-server
 * --cluster-enabled yes` in its own temp directory with AOF (`appendfsync always`), joined by
 * `redis-cli --cluster create`. A short `cluster-node-timeout` makes a failover take a few seconds.
 */
export interface TestRedisCluster {
  /** `host:port,…` of every node, for `REDIS_CLUSTER_NODES`. */
  nodes: string;
  prefix: string;
  /** A cluster client as the server opens it (slot-splitting MULTI/pipelines); the caller quits it. */
  client(opts?: { subscriber?: boolean }): Cluster;
  /** A plain connection to one node (for INFO, CLUSTER INFO); the caller quits it. */
  node(port: number): Redis;
  /** The port of the primary that owns `key`'s slot now. */
  primaryOf(key: string): Promise<number>;
  /** SIGKILL the primary that owns `key`'s slot; resolves with its port once a replica serves the slot. */
  killPrimaryOf(key: string): Promise<{ killed: number; promoted: number }>;
  /** Ports of the current primaries. */
  primaries(): Promise<number[]>;
  stop(): Promise<void>;
}

export function hasRedisCluster(): boolean {
  return (
    spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0 &&
    spawnSync('redis-cli', ['--version'], { stdio: 'ignore' }).status === 0
  );
}

const quiet = createLogger('silent');

const slotOf = (key: string): number => new Command('get', [key]).getSlot() ?? 0;

export async function startRedisCluster(opts: { replicas?: 0 | 1 } = {}): Promise<TestRedisCluster> {
  const replicas = opts.replicas ?? 1;
  const count = 3 * (1 + replicas);
  const dir = redisDataDir('cluster');
  const procs = new Map<number, ChildProcess>();
  const ports: number[] = [];
  const taken = new Set<number>();
  const pick = async () => {
    for (;;) {
      const p = await freePort();
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
  };
  /**
   * One node on two fresh ports (client and cluster bus), up and answering as itself. Test files run two at a
   * time, so another file's server may take a port between freePort() and the bind: then new ports.
   */
  const launchNode = async (): Promise<number> => {
    for (let attempt = 1; ; attempt++) {
      const port = await pick();
      const bus = await pick();
      const nodeDir = path.join(dir, String(port));
      spawnSync('mkdir', ['-p', nodeDir]);
      const proc = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--cluster-port',
          String(bus),
          '--bind',
          '127.0.0.1',
          '--dir',
          nodeDir,
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-node-timeout',
          '1000',
          '--save',
          '',
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
        ],
        { stdio: 'ignore' },
      );
      const up = await waitFor(
        async () => {
          if (proc.exitCode !== null || proc.signalCode !== null) return 'exited';
          return (await answersAs(port, proc.pid)) ? 'up' : null;
        },
        { timeoutMs: 10_000, what: `redis-server on ${port}` },
      ).catch((err: unknown) => {
        proc.kill('SIGKILL');
        throw err;
      });
      if (up === 'up') {
        procs.set(port, proc);
        return port;
      }
      if (attempt >= 5) throw new Error(`redis-server on ${port} exited at start, five times`);
    }
  };
  const node = (port: number) =>
    new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1, lazyConnect: false });
  const ask = async <T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> => {
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
  };
  const stop = async () => {
    await Promise.all(
      [...procs.values()].map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            p.once('exit', () => resolve());
            p.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) ports.push(await launchNode());
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed:\n${created.stdout}${created.stderr}`);
    await waitFor(
      async () => {
        for (const port of ports) {
          const info = await ask(port, (r) => r.cluster('INFO') as Promise<string>);
          if (!info.includes('cluster_state:ok')) return false;
        }
        // Every replica has finished its first sync (WAIT needs it).
        for (const port of ports) {
          const repl = await ask(port, (r) => r.info('replication'));
          if (repl.includes('role:slave') && !repl.includes('master_link_status:up')) return false;
        }
        return true;
      },
      { timeoutMs: 30_000, what: 'cluster_state:ok on every node' },
    );
  } catch (err) {
    await stop();
    throw err;
  }

  /** slot → primary port, from CLUSTER SLOTS on any live node. */
  const slotOwner = async (slot: number): Promise<number> => {
    for (const port of ports) {
      if (procs.get(port)?.exitCode !== null || procs.get(port)?.signalCode !== null) continue;
      try {
        const ranges = await ask(port, (r) => r.cluster('SLOTS'));
        const range = ranges.find(([from, to]) => slot >= from && slot <= to);
        const primary = range?.[2];
        if (primary) return primary[1];
      } catch {
        // that node is down: ask another
      }
    }
    throw new Error(`no live node knows slot ${slot}`);
  };

  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    prefix: 'sr:',
    client: (o = {}) =>
      connectRedisCluster(
        ports.map((port) => ({ host: '127.0.0.1', port })),
        quiet,
        'test',
        o,
      ),
    node,
    primaryOf: (key) => slotOwner(slotOf(key)),
    async primaries() {
      const live = ports.filter((p) => procs.get(p)?.exitCode === null && procs.get(p)?.signalCode === null);
      const roles = await Promise.all(live.map((p) => ask(p, (r) => r.info('replication'))));
      return live.filter((_, i) => roles[i]?.includes('role:master'));
    },
    async killPrimaryOf(key) {
      const slot = slotOf(key);
      const killed = await slotOwner(slot);
      const proc = procs.get(killed);
      await new Promise<void>((resolve) => {
        proc?.once('exit', () => resolve());
        proc?.kill('SIGKILL');
      });
      const promoted = await waitFor(
        async () => {
          const owner = await slotOwner(slot).catch(() => killed);
          if (owner === killed) return 0;
          const info = await ask(owner, (r) => r.cluster('INFO') as Promise<string>);
          return info.includes('cluster_state:ok') ? owner : 0;
        },
        { timeoutMs: 20_000, intervalMs: 100, what: 'a replica to take over the killed primary' },
      );
      return { killed, promoted };
    },
    stop,
  };
}
