import { Cluster, Command, type ChainableCommander, type Redis } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * Redis Cluster mode (`REDIS_CLUSTER_NODES`). The stores are written against one Redis; this module makes the
 * few things that differ on a cluster work the same way:
 *
 * - a MULTI or pipeline whose keys fall in several hash slots is cut into one MULTI (or pipeline) per slot, run
 *   side by side, and the replies put back in order. Each slot's part stays atomic; the parts are not atomic
 *   with each other. Every store call that relies on more than that keeps its keys under one hash tag instead
 *   (docs/cluster.md lists each multi-key operation and which of the two it uses);
 * - MGET, DEL, UNLINK and EXISTS over keys of several slots are cut the same way (each key is independent);
 * - `primaries` gives every primary, for SCAN (a cluster's SCAN sees only the node it runs on).
 *
 * Lua scripts cannot be cut: every script's keys share a slot (hash tags), or the store runs it in per-slot
 * steps in cluster mode (see `redis.isCluster` in the stores).
 */

/** `host:port,host:port` → ioredis start-up nodes. */
export function parseClusterNodes(value: string): { host: string; port: number }[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const at = s.lastIndexOf(':');
      const port = Number(s.slice(at + 1));
      if (at <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new Error(`not host:port: ${s}`);
      }
      return { host: s.slice(0, at), port };
    });
}

/**
 * Opens a cluster client. `subscriber`: one sharded-pub/sub connection per primary (`SSUBSCRIBE` goes to the
 * primary owning the channel's slot, and moves with it after a failover). Commands fail fast while a shard is
 * away (the caller answers UNAVAILABLE and the client retries with the same idempotency key).
 */
export function connectRedisCluster(
  nodes: { host: string; port: number }[],
  log: Logger,
  name: string,
  opts: { subscriber?: boolean; onRestored?: () => void } = {},
): Cluster {
  const cluster = new Cluster(nodes, {
    redisOptions: { connectionName: `staffroom:${name}`, maxRetriesPerRequest: 1, enableReadyCheck: true },
    clusterRetryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: 2_000,
    shardedSubscribers: opts.subscriber === true,
  });
  let down = false;
  cluster.on('error', (err: Error) => {
    if (!down) log.warn({ conn: name, err: err.message }, 'redis cluster connection error');
    down = true;
  });
  cluster.on('node error', (err: Error) => {
    log.warn({ conn: name, err: err.message }, 'redis cluster node error');
  });
  cluster.on('ready', () => {
    if (down) {
      log.info({ conn: name }, 'redis cluster connection restored');
      opts.onRestored?.();
    }
    down = false;
  });
  // After a failover the sharded subscribers move to the new primaries and subscribe again; what was published
  // in between was lost for this node, exactly as when one Redis comes back.
  if (opts.subscriber) cluster.on('subscribersReady', () => opts.onRestored?.());
  return withSlotSplitting(cluster);
}

interface Queued {
  name: string;
  args: unknown[];
}

/** Commands whose keys are independent of each other, and how to combine the per-slot replies. */
const SPLITTABLE: Record<string, 'sum' | 'keys'> = { del: 'sum', unlink: 'sum', exists: 'sum', mget: 'keys' };

const slotOf = (name: string, args: unknown[]): number | null =>
  new Command(name, args as string[]).getSlot();

/** One multi-key command cut into per-slot commands (in first-seen slot order). */
function splitKeys(args: unknown[]): { slot: number; keys: string[] }[] {
  const bySlot = new Map<number, string[]>();
  for (const key of args.flat() as string[]) {
    const slot = slotOf('get', [key]) ?? 0;
    const list = bySlot.get(slot) ?? [];
    list.push(key);
    bySlot.set(slot, list);
  }
  return [...bySlot].map(([slot, keys]) => ({ slot, keys }));
}

type Reply = [Error | null, unknown];

/** Runs one slot's commands as a MULTI or a pipeline on the real cluster client. */
async function runGroup(make: () => ChainableCommander, commands: Queued[]): Promise<Reply[] | null> {
  const chain = make() as unknown as Record<string, (...args: unknown[]) => unknown> & ChainableCommander;
  for (const c of commands) {
    const method = chain[c.name];
    if (typeof method === 'function') method.apply(chain, c.args);
    else chain.call(c.name, ...(c.args as string[]));
  }
  return (await chain.exec()) as Reply[] | null;
}

/**
 * A stand-in for ioredis' MULTI/pipeline that records commands and, on `exec`, runs them per slot. Replies
 * come back in the order the commands were queued, as ioredis gives them.
 */
function splittingChain(make: () => ChainableCommander): ChainableCommander {
  const queue: Queued[] = [];
  const exec = async (): Promise<Reply[] | null> => {
    // Each queued command becomes one or more parts; a part is (slot, command, index of its result).
    const parts: { slot: number | null; command: Queued; index: number }[] = [];
    queue.forEach((c, index) => {
      if (SPLITTABLE[c.name] && c.args.flat().length > 1) {
        for (const { slot, keys } of splitKeys(c.args)) {
          parts.push({ slot, command: { name: c.name, args: keys }, index });
        }
      } else {
        parts.push({ slot: slotOf(c.name, c.args), command: c, index });
      }
    });
    const firstSlot = parts.find((p) => p.slot !== null)?.slot ?? 0;
    const groups = new Map<number, typeof parts>();
    for (const p of parts) {
      const slot = p.slot ?? firstSlot; // keyless commands ride with the first slot
      groups.set(slot, [...(groups.get(slot) ?? []), p]);
    }
    const results = await Promise.all(
      [...groups.values()].map(async (group) => ({
        group,
        replies: await runGroup(
          make,
          group.map((p) => p.command),
        ),
      })),
    );
    const out: Reply[] = queue.map(() => [null, undefined]);
    const seen = new Set<number>();
    /** mget parts come back per slot: their values by key, put back in the asked order below. */
    const mgetValues = new Map<number, Map<string, unknown>>();
    for (const { group, replies } of results) {
      if (replies === null) return null; // a MULTI was discarded
      group.forEach((p, i) => {
        const [err, value] = replies[i] ?? [null, null];
        const combine = SPLITTABLE[p.command.name];
        const slot = out[p.index] as Reply;
        if (err) slot[0] = err;
        if (p.command.name === 'mget') {
          const byKey = mgetValues.get(p.index) ?? new Map<string, unknown>();
          const keys = p.command.args.flat() as string[];
          keys.forEach((key, k) => byKey.set(key, (value as unknown[] | null)?.[k] ?? null));
          mgetValues.set(p.index, byKey);
        } else if (!seen.has(p.index) || !combine) slot[1] = value;
        else slot[1] = Number(slot[1]) + Number(value);
        seen.add(p.index);
      });
    }
    for (const [index, byKey] of mgetValues) {
      const keys = (queue[index] as Queued).args.flat() as string[];
      (out[index] as Reply)[1] = keys.map((key) => byKey.get(key) ?? null);
    }
    return out;
  };
  const proxy: ChainableCommander = new Proxy({} as ChainableCommander, {
    get(_target, prop) {
      if (prop === 'exec') return exec;
      if (prop === 'length') return queue.length;
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return (...args: unknown[]) => {
        queue.push({ name: prop === 'call' ? String(args.shift()) : prop, args });
        return proxy;
      };
    },
  });
  return proxy;
}

/** Patches `multi`, `pipeline` and the splittable multi-key commands of a cluster client (see the top). */
function withSlotSplitting(cluster: Cluster): Cluster {
  const multi = cluster.multi.bind(cluster) as () => ChainableCommander;
  const pipeline = cluster.pipeline.bind(cluster) as () => ChainableCommander;
  const target = cluster as unknown as Record<string, unknown>;
  target.multi = () => splittingChain(multi);
  target.pipeline = () => splittingChain(pipeline);
  for (const name of Object.keys(SPLITTABLE)) {
    target[name] = async (...args: unknown[]) => {
      const chain = splittingChain(pipeline) as unknown as Record<string, (...a: unknown[]) => unknown>;
      (chain[name] as (...a: unknown[]) => unknown)(...args);
      const [[err, value] = [null, null]] = ((await chain.exec?.()) ?? []) as Reply[];
      if (err) throw err;
      return value;
    };
  }
  return cluster;
}

/** Every primary of a cluster (SCAN and other per-node commands run on each), or the one Redis. */
export function primaries(redis: Redis | Cluster): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/** Every key matching `match`, on every primary (a cluster's SCAN covers only the node it runs on). */
export async function* scanKeys(
  redis: Redis | Cluster,
  match: string,
  count = 500,
): AsyncGenerator<string[]> {
  for (const node of primaries(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/** How many replicas the primary of `key`'s slot has, as the cluster last told this client (0 on one Redis). */
export function replicasOf(redis: Redis | Cluster, key: string): number {
  if (!(redis instanceof Cluster)) return 0;
  const slot = slotOf('get', [key]) ?? 0;
  return Math.max(0, (redis.slots[slot]?.length ?? 1) - 1);
}
