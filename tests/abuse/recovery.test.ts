import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { RECONNECT } from '@staffroom/shared/protocol/reconnect';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';
import { createAgent, createInvite, GOOD_PASSPHRASE, signUp, uniquePseudonym } from '../support/http.js';
import { startNginx } from '../support/nginx.js';
import { SERVER_ENTRY, startNode, TEST_PEPPER, type TestNode } from '../support/node.js';
import { freePort, waitFor } from '../support/ports.js';
import { startRedis } from '../support/redis.js';
import { request, type TestSocket } from '../support/socket.js';

/*
 * Recovery (issue 12): three nodes behind the shipped nginx configuration, a herd of members whose sockets
 * reconnect with the web client's own back-off and jitter. A node is killed (-9), then another drained (SIGTERM);
 * every member whose node went must be back within seconds, through nginx, without a hand on anything.
 * Before: `max_fails=3 fail_timeout=10s` on the realtime upstream marked the survivors failed during the herd,
 * and members waited minutes on `502 no live upstreams`.
 */
const HERD = 60;
const BACK_WITHIN_MS = 15_000;
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
  cleanup = [];
});

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

describe('a herd of members behind nginx', () => {
  it('when a node is killed and then another drained, then every member whose node went is back within seconds', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = { ALLOWED_ORIGINS: origin, TRUST_PROXY: 'true', SHUTDOWN_GRACE_MS: '3000' };
    const nodes: TestNode[] = [];
    nodes.push(await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }));
    nodes.push(
      ...(await Promise.all([1, 2].map(() => startNode({ redisUrl: redis.url, prefix: redis.prefix, env })))),
    );
    for (const node of nodes) cleanup.push(async () => void (await node.kill()));
    const [a, b, c] = nodes as [TestNode, TestNode, TestNode];
    const nginx = await startNginx({
      port,
      upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`, `127.0.0.1:${c.port}`],
    });
    cleanup.push(() => nginx.stop());

    const admin = await signUp(a.url, a.bootstrapInvite!);
    const invite = await createInvite(admin, 'member', HERD);
    const sockets: { socket: TestSocket }[] = [];
    for (let i = 0; i < HERD; i++) {
      const agent = createAgent(a.url);
      const res = await agent.post('/api/auth/signup', {
        invite,
        pseudonym: uniquePseudonym('Herd'),
        passphrase: GOOD_PASSPHRASE,
      });
      expect(res.status).toBe(201);
      // The web client's reconnection settings, against nginx, as a browser on its origin.
      const socket: TestSocket = io(nginx.url, {
        transports: ['websocket'],
        auth: { v: PROTOCOL_VERSION },
        ...RECONNECT,
        extraHeaders: { cookie: agent.cookie(), origin },
      });
      cleanup.push(async () => void socket.close());
      sockets.push({ socket });
    }
    await waitFor(() => sockets.every((s) => s.socket.connected), {
      timeoutMs: 30_000,
      what: 'the herd to connect through nginx',
    });

    const connectedOn = async (node: TestNode) => {
      const text = await (await fetch(`${node.url}/metrics`)).text();
      return Number(/^staffroom_connected_sockets (\d+)/m.exec(text)?.[1] ?? 0);
    };

    /** Stops a node one way and measures, for every member it held, the time until it is connected again. */
    const fault = async (label: string, victim: TestNode, stop: () => Promise<unknown>) => {
      const held = await connectedOn(victim);
      const lost = new Map<TestSocket, number>();
      const back = new Map<TestSocket, number>();
      const started = performance.now();
      for (const { socket } of sockets) {
        socket.once('disconnect', () => {
          lost.set(socket, performance.now());
          socket.once('connect', () => back.set(socket, performance.now()));
        });
      }
      await stop();
      await waitFor(() => lost.size >= held && back.size >= lost.size, {
        timeoutMs: BACK_WITHIN_MS + 10_000,
        intervalMs: 100,
        what: `${label}: every member back (${back.size} of ${lost.size} back, ${held} were on the node)`,
      }).catch(() => undefined);
      for (const { socket } of sockets) socket.removeAllListeners('disconnect');
      const times = [...lost.keys()].map((s) => (back.get(s) ?? Infinity) - started);
      console.log(
        `${label}: ${held} members on the node, ${lost.size} disconnected, ${back.size} back; ` +
          `time to resume p50 ${percentile(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
      );
      expect(held).toBeGreaterThan(0);
      expect(lost.size).toBe(held);
      expect(back.size).toBe(lost.size);
      expect(Math.max(...times)).toBeLessThan(BACK_WITHIN_MS);
    };

    /** A stopped node comes back on its port (as a supervisor restarts it), so nginx has it in the upstream again. */
    const restart = async (node: TestNode) => {
      const again = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env, port: node.port });
      cleanup.push(async () => void (await again.kill()));
      return again;
    };
    const everyoneAnswers = async () => {
      const answers = await Promise.all(sockets.map(({ socket }) => request(socket, 'me:get', {})));
      // Everyone is connected again, and answers: the herd is really back, not half-open.
      expect(answers.every((ack) => ack.ok)).toBe(true);
    };

    // Three faults in a row, each node coming back after its own: the nodes that stay collect failed
    // connects from every herd, which is what used to leave nginx with no node it would use.
    await fault('kill -9 of node A', a, () => a.kill());
    await everyoneAnswers();
    await restart(a);
    await fault('SIGTERM of node B', b, () => b.stop());
    await everyoneAnswers();
    await restart(b);
    await fault('kill -9 of node C', c, () => c.kill());
    await everyoneAnswers();
  }, 180_000);
});

describe('a node started while Redis is down', () => {
  it('when Redis comes up after the node started, then the node waits, says so, and becomes ready without crashing', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    // A first node sets the deployment up, then Redis goes away.
    const first = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
    await first.stop();
    await redis.crash();
    // Spawned here rather than with startNode, to watch what it says before it listens.
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        BCRYPT_COST: '10',
        LOG_LEVEL: 'info',
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: redis.prefix,
        PASSPHRASE_PEPPER: TEST_PEPPER,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanup.push(async () => void child.kill('SIGKILL'));
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    await waitFor(() => /redis not reachable yet: waiting for it before starting/.test(text), {
      timeoutMs: 30_000,
      what: 'the node to say it waits for Redis',
    });
    expect(child.exitCode).toBeNull();
    await redis.restart();
    const port = await waitFor(() => Number(/"port":(\d+).*"msg":"listening"/.exec(text)?.[1] ?? 0), {
      timeoutMs: 30_000,
      what: 'the node to listen once Redis is back',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, {
      timeoutMs: 10_000,
      what: 'the node to become ready',
    });
    expect(child.exitCode).toBeNull();
    expect(text).not.toMatch(/ReferenceError|before initialization/);
    expect((await createAgent(url).get('/api/info')).status).toBe(200);
  });
});
