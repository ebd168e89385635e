import {
  createAgent,
  GOOD_PASSPHRASE,
  logInBody,
  uniquePseudonym,
  type Agent,
  type HttpResult,
} from './http.js';
import { startNode, type TestNode } from './node.js';
import { startRedis, type TestRedis } from './redis.js';

/** A private Redis and N server processes sharing it: the production shape on loopback. */
export interface TestCluster {
  redis: TestRedis;
  nodes: TestNode[];
  /** The one-time admin invite the first node printed. */
  bootstrapInvite: string;
  /** Starts one more node on the same Redis (stopped by `stop()` unless the test stops it first). */
  addNode(env?: Record<string, string>): Promise<TestNode>;
  /** Every line every node printed, for the log scans. */
  output(): string[];
  /** Stops every node (SIGTERM, then SIGKILL if it hangs) and Redis. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nodes?: number;
  /** Extra environment for every node (e.g. `LOGIN_LOCK_MINUTES`, `ALLOWED_ORIGINS`). */
  env?: Record<string, string>;
}

/**
 * Starts Redis, then the first node alone (so it is the one that claims the bootstrap and prints the admin
 * invite), then the rest in parallel.
 */
export async function startCluster(opts: ClusterOptions = {}): Promise<TestCluster> {
  const count = opts.nodes ?? 2;
  const redis = await startRedis();
  const nodes: TestNode[] = [];
  const launch = async (env?: Record<string, string>) => {
    const node = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env: { ...opts.env, ...env } });
    nodes.push(node);
    return node;
  };
  const stop = async () => {
    await Promise.all(nodes.map((n) => stopOrKill(n)));
    await redis.stop();
  };
  try {
    const first = await launch();
    await Promise.all(Array.from({ length: count - 1 }, () => launch()));
    if (!first.bootstrapInvite)
      throw new Error(`the first node printed no admin invite:\n${first.output.join('\n')}`);
    return {
      redis,
      nodes,
      bootstrapInvite: first.bootstrapInvite,
      addNode: launch,
      output: () => nodes.flatMap((n) => n.output),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** SIGTERM and wait; a node that has not exited after `graceMs` is killed so a test run never hangs. */
export async function stopOrKill(node: TestNode, graceMs = 8_000): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const code = await Promise.race([node.stop(), timeout]);
  clearTimeout(timer);
  if (code === 'timeout') {
    await node.kill();
    return null;
  }
  return code;
}

/**
 * The server allows 30 sign-up and login attempts per minute per TCP connection, and `fetch` keeps one
 * connection alive per origin: a test that signs up many accounts would trip that limit. Each request here
 * asks for its own connection, as requests from many different people would arrive.
 */
export const FRESH_CONNECTION = { connection: 'close' } as const;

/** POST on a fresh connection (see `FRESH_CONNECTION`). */
export function postFresh(agent: Agent, path: string, body?: unknown): Promise<HttpResult> {
  return agent.post(path, body, FRESH_CONNECTION);
}

/** Signs up through the real API on a fresh connection; returns the logged-in agent and what it used. */
export async function signUpFresh(
  baseUrl: string,
  invite: string,
  pseudonym = uniquePseudonym(),
  passphrase = GOOD_PASSPHRASE,
): Promise<{ agent: Agent; pseudonym: string; passphrase: string; me: { id: string; role: string } }> {
  const agent = createAgent(baseUrl);
  const res = await postFresh(agent, '/api/auth/signup', { invite, pseudonym, passphrase });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, pseudonym, passphrase, me: res.body.me };
}

/** Logs in through the real API on a fresh connection, with a new cookie jar (a second device). */
export async function logInFresh(baseUrl: string, pseudonym: string, passphrase = GOOD_PASSPHRASE) {
  const agent = createAgent(baseUrl);
  const res = await postFresh(agent, '/api/auth/login', logInBody(pseudonym, passphrase));
  return { agent, res };
}
