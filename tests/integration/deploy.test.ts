import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH_CONNECTION, startCluster, type TestCluster } from '../support/cluster.js';
import { createAgent, GOOD_PASSPHRASE, uniquePseudonym, type Agent } from '../support/http.js';
import { NGINX_TEMPLATE, startNginx, type TestNginx } from '../support/nginx.js';
import type { TestNode } from '../support/node.js';
import { freePort, sleep, waitFor } from '../support/ports.js';
import { connect, createSocket, disconnected, request, type TestSocket } from '../support/socket.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const TEST_PEPPER = 'compose-validation-pepper-0123456789abcdef';

// ---------------------------------------------------------------------------------------------------------------
// (a) docker-compose.yml, checked by Debian's docker-compose without a Docker daemon.

function dockerCompose(): string {
  const found = spawnSync('sh', ['-c', 'command -v docker-compose'], { encoding: 'utf8' });
  const binary = found.stdout.trim();
  if (found.status !== 0 || !binary) {
    throw new Error(
      'docker-compose is needed to validate docker-compose.yml: apt-get install docker-compose (.ci/run installs it).',
    );
  }
  return binary;
}

/** Runs `docker-compose -f docker-compose.yml <args>` with only the given variables (and no .env file). */
function compose(args: string[], env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-compose-'));
  const envFile = path.join(dir, 'empty.env');
  writeFileSync(envFile, '');
  try {
    return spawnSync(dockerCompose(), ['-f', COMPOSE_FILE, '--env-file', envFile, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, ...env },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The file as docker-compose resolves it, as data. Debian's docker-compose is Python with PyYAML, so the
 * interpreter named on its first line can turn its YAML into JSON: no YAML parser needed here.
 */
function resolvedCompose(): ComposeFile {
  const out = compose(['config'], { STAFFROOM_PEPPER: TEST_PEPPER });
  expect(out.status, out.stderr).toBe(0);
  const shebang = readFileSync(dockerCompose(), 'utf8').split('\n')[0] ?? '';
  const python = /^#!\s*(\S*python\S*)/.exec(shebang)?.[1] ?? 'python3';
  const json = spawnSync(
    python,
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    {
      input: out.stdout,
      encoding: 'utf8',
    },
  );
  expect(json.status, json.stderr).toBe(0);
  return JSON.parse(json.stdout) as ComposeFile;
}

interface ComposeService {
  profiles?: string[];
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  ports?: unknown[];
  volumes?: unknown[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

describe('docker-compose.yml', () => {
  it('when STAFFROOM_PEPPER is set, then docker-compose validates the file', () => {
    const out = compose(['config', '-q'], { STAFFROOM_PEPPER: TEST_PEPPER });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
  });

  it('when STAFFROOM_PEPPER is missing, then docker-compose refuses to start and says which variable to set', () => {
    const out = compose(['config', '-q'], {});
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/STAFFROOM_PEPPER/);
  });

  it('when resolved, then it has durable Redis, two healthy-gated nodes and nginx in front on 8080', () => {
    const { services, volumes } = resolvedCompose();
    // Without a profile (`docker-compose up`): these four; the cluster profile's services start only when asked.
    const plain = Object.keys(services).filter((name) => !services[name]?.profiles?.length);
    expect(plain.sort()).toEqual(['nginx', 'node1', 'node2', 'redis']);

    const redis = services.redis as ComposeService;
    expect(redis.image).toMatch(/^redis:7/);
    const command = [redis.command ?? []].flat().join(' ');
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--appendfsync always/);
    expect(JSON.stringify(redis.healthcheck?.test)).toMatch(/redis-cli.*ping/);
    expect(JSON.stringify(redis.volumes)).toMatch(/redis-data.*\/data/);
    expect(Object.keys(volumes ?? {})).toContain('redis-data');
    expect(redis.ports).toBeUndefined();

    for (const name of ['node1', 'node2']) {
      const node = services[name] as ComposeService;
      expect(node.build?.dockerfile).toBe('deploy/Dockerfile');
      expect(node.environment).toMatchObject({
        HOST: '0.0.0.0',
        REDIS_URL: 'redis://redis:6379',
        PASSPHRASE_PEPPER: TEST_PEPPER,
        TRUST_PROXY: 'true',
        ALLOWED_ORIGINS: 'http://localhost:8080',
      });
      expect(JSON.stringify(node.healthcheck?.test)).toMatch(/\/readyz/);
      expect(node.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
      expect(node.ports).toBeUndefined();
    }

    const nginx = services.nginx as ComposeService;
    expect(JSON.stringify(nginx.ports)).toMatch(/8080/);
    expect(nginx.depends_on).toEqual({
      node1: { condition: 'service_healthy' },
      node2: { condition: 'service_healthy' },
    });
    // Every placeholder in the shipped template gets a value in the container, so envsubst leaves none behind.
    const placeholders = new Set(
      [...readFileSync(NGINX_TEMPLATE, 'utf8').matchAll(/\$\{(STAFFROOM_[A-Z_]+)\}/g)].map((m) => m[1]),
    );
    expect([...placeholders].sort()).toEqual(Object.keys(nginx.environment ?? {}).sort());
    expect(JSON.stringify(nginx.volumes)).toMatch(/deploy\/nginx\/templates:\/etc\/nginx\/templates/);
  });

  it('when the cluster profile is resolved, then it has six durable cluster Redis nodes joined with one replica each, and two nodes on them behind nginx on 8081', () => {
    const { services, volumes } = resolvedCompose();
    const inProfile = Object.keys(services).filter((name) => services[name]?.profiles?.includes('cluster'));
    const redisNodes = ['redis-c1', 'redis-c2', 'redis-c3', 'redis-c4', 'redis-c5', 'redis-c6'];
    expect(inProfile.sort()).toEqual(
      ['cnode1', 'cnode2', 'nginx-cluster', 'redis-cluster-init', ...redisNodes].sort(),
    );
    for (const name of redisNodes) {
      const node = services[name] as ComposeService;
      expect(node.image).toMatch(/^redis:7/);
      const command = [node.command ?? []].flat().join(' ');
      expect(command).toMatch(/--cluster-enabled yes/);
      expect(command).toMatch(/--appendonly yes/);
      expect(command).toMatch(/--appendfsync always/);
      expect(command).toMatch(/--maxmemory-policy noeviction/);
      expect(command).toContain(`--cluster-announce-hostname ${name}`);
      expect(JSON.stringify(node.volumes)).toContain(`${name}-data:/data`);
      expect(Object.keys(volumes ?? {})).toContain(`${name}-data`);
      expect(node.ports).toBeUndefined();
    }
    const init = JSON.stringify(services['redis-cluster-init']);
    expect(init).toMatch(/--cluster create/);
    expect(init).toMatch(/--cluster-replicas 1/);
    for (const name of ['cnode1', 'cnode2']) {
      const node = services[name] as ComposeService;
      expect(node.build?.dockerfile).toBe('deploy/Dockerfile');
      expect(node.environment?.REDIS_CLUSTER_NODES).toBe('redis-c1:6379,redis-c2:6379,redis-c3:6379');
      expect(node.environment?.REDIS_URL ?? '').toBe('');
      expect(node.environment?.PASSPHRASE_PEPPER).toBe(TEST_PEPPER);
      expect(node.depends_on).toEqual({
        'redis-cluster-init': { condition: 'service_completed_successfully' },
      });
    }
    const nginx = services['nginx-cluster'] as ComposeService;
    expect(JSON.stringify(nginx.ports)).toMatch(/8081/);
    expect(nginx.environment).toMatchObject({
      STAFFROOM_NODE_A: 'cnode1:3000',
      STAFFROOM_NODE_B: 'cnode2:3000',
    });
  });

  it('when the server image is built, then it runs the compiled server from node 24 (current LTS) as a non-root user', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'deploy/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:24\S* AS build$/m);
    expect(dockerfile).toMatch(/^FROM node:24\S*$/m);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "server\/dist\/main\.js"\]$/m);
    expect(existsSync(path.join(ROOT, '.env.example'))).toBe(true);
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const used = new Set(
      [...readFileSync(COMPOSE_FILE, 'utf8').matchAll(/\$\{([A-Z_]+)[:}]/g)].map((m) => m[1]),
    );
    for (const name of used) expect(example, `${name} in .env.example`).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  it('when the nginx config is read, then it never hashes or logs client addresses', () => {
    const template = readFileSync(NGINX_TEMPLATE, 'utf8');
    const directives = template.replace(/#.*$/gm, '');
    expect(directives).not.toMatch(/\bip_hash\b/);
    expect(directives).not.toMatch(
      /\$(remote_addr|binary_remote_addr|proxy_add_x_forwarded_for|realip_remote_addr)/,
    );
    expect(directives).toMatch(/^\s*access_log off;/m);
    expect(directives).not.toMatch(/\bkeepalive\s+\d/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (b) The shipped nginx config for real, in front of two server processes on loopback.

describe('two nodes behind nginx', () => {
  let cluster: TestCluster;
  let nginx: TestNginx;
  let origin: string;
  let admin: Agent;
  let A: TestNode;
  let B: TestNode;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    cluster = await startCluster({ nodes: 2, env: { ALLOWED_ORIGINS: origin, TRUST_PROXY: 'true' } });
    [A, B] = cluster.nodes as [TestNode, TestNode];
    nginx = await startNginx({ port, upstreams: [`127.0.0.1:${A.port}`, `127.0.0.1:${B.port}`] });
  });

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await nginx?.stop();
    await cluster?.stop();
  });

  /** What a browser on the app's origin sends: its Origin on every change, a new connection per person. */
  const browserHeaders = () => ({ origin, ...FRESH_CONNECTION });

  const connectedOn = async (node: TestNode) => {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    return Number(/^staffroom_connected_sockets (\d+)/m.exec(text)?.[1] ?? 0);
  };

  it('when probed through nginx, then /healthz and /readyz answer from the nodes', async () => {
    const ready = await fetch(`${nginx.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
    expect((await fetch(`${nginx.url}/healthz`)).status).toBe(200);
    // nginx does not advertise its version.
    expect(ready.headers.get('server')).toBe('nginx');
  });

  it('when members sign up and connect through nginx and one logs out everywhere, then every socket on both nodes is gone within 1 s', async () => {
    admin = createAgent(nginx.url);
    const lead = await admin.post(
      '/api/auth/signup',
      { invite: cluster.bootstrapInvite, pseudonym: 'ProxyLead', passphrase: GOOD_PASSPHRASE },
      // A client claiming TLS must not make the node think so: nginx sets X-Forwarded-Proto itself.
      { ...browserHeaders(), 'x-forwarded-proto': 'https' },
    );
    expect(lead.status).toBe(201);
    expect(lead.headers.getSetCookie()[0]).toMatch(/^sr_session=/);
    const created = await admin.post(
      '/api/invites',
      { role: 'member', maxUses: 5, expiresInDays: 1 },
      browserHeaders(),
    );
    expect(created.status).toBe(201);

    const pseudonym = uniquePseudonym('Proxied');
    const first = createAgent(nginx.url);
    const signup = await first.post(
      '/api/auth/signup',
      { invite: created.body.invite.code, pseudonym, passphrase: GOOD_PASSPHRASE },
      browserHeaders(),
    );
    expect(signup.status).toBe(201);

    // One socket per session (device). /socket.io/ is balanced by session cookie, so keep adding devices until
    // both nodes hold some of this member's sockets.
    const devices: Agent[] = [first];
    const watched: Promise<string>[] = [];
    const received: string[][] = [];
    const open = async (agent: Agent) => {
      const socket = await connect(nginx.url, { cookie: agent.cookie(), origin });
      sockets.push(socket);
      const events: string[] = [];
      socket.onAny((event: string) => events.push(event));
      received.push(events);
      watched.push(disconnected(socket));
    };
    await open(first);
    while (
      devices.length < 16 &&
      ((await connectedOn(A)) === 0 || (await connectedOn(B)) === 0 || devices.length < 3)
    ) {
      const device = createAgent(nginx.url);
      const login = await device.post(
        '/api/auth/login',
        { pseudonym, passphrase: GOOD_PASSPHRASE },
        browserHeaders(),
      );
      expect(login.status).toBe(200);
      devices.push(device);
      await open(device);
    }
    expect(await connectedOn(A)).toBeGreaterThan(0);
    expect(await connectedOn(B)).toBeGreaterThan(0);

    const cookies = devices.map((d) => d.cookie());
    const started = Date.now();
    const res = await first.post('/api/auth/logout-all', {}, browserHeaders());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: devices.length });
    await Promise.all(watched);
    expect(Date.now() - started).toBeLessThan(1_000);
    for (const events of received) expect(events).toEqual(['session:ended']);
    await waitFor(async () => (await connectedOn(A)) + (await connectedOn(B)) === 0, {
      what: 'the nodes to count 0',
    });

    for (const cookie of cookies) {
      const me = await createAgent(nginx.url).request('GET', '/api/me', undefined, { cookie });
      expect(me.status).toBe(401);
      const socket = createSocket(nginx.url, { cookie, origin });
      const error = await new Promise<Error & { data?: { code?: string } }>((resolve) => {
        socket.once('connect_error', resolve);
        socket.connect();
      });
      socket.close();
      expect(error.data?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('when a client falls back to long-polling through nginx, then its requests keep reaching the same node', async () => {
    // Without affinity, polls would alternate between nodes and the other node would not know the session id.
    const created = await admin.post(
      '/api/invites',
      { role: 'member', maxUses: 1, expiresInDays: 1 },
      browserHeaders(),
    );
    const agent = createAgent(nginx.url);
    const signup = await agent.post(
      '/api/auth/signup',
      { invite: created.body.invite.code, pseudonym: uniquePseudonym('Poller'), passphrase: GOOD_PASSPHRASE },
      browserHeaders(),
    );
    expect(signup.status).toBe(201);
    const socket = await connect(nginx.url, { cookie: agent.cookie(), origin, transports: ['polling'] });
    sockets.push(socket);
    for (let i = 0; i < 4; i++) {
      await sleep(150); // let a long-poll wait on the node, as an idle client's does
      expect(await request(socket, 'me:get', {})).toMatchObject({ ok: true });
    }
    expect(socket.io.engine.transport.name).toBe('polling');
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('when a page on another origin opens a socket through nginx, then the nodes refuse it', async () => {
    const socket = createSocket(nginx.url, { origin: 'https://evil.test' });
    const error = await new Promise<Error>((resolve) => {
      socket.once('connect_error', resolve);
      socket.connect();
    });
    socket.close();
    expect(error).toBeInstanceOf(Error);
    expect(socket.connected).toBe(false);
  });

  it('when everything above has run, then nginx wrote no access log and no client address anywhere', () => {
    const logs = nginx.logs();
    expect(Object.keys(logs).filter((f) => f !== 'error.log' && f !== 'main.log')).toEqual([]);
    for (const [file, text] of Object.entries(logs)) expect(text, file).not.toMatch(/127\.0\.0\.1/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (c) What the shipped nginx config sends upstream, observed by two recording HTTP servers.

interface Seen {
  node: 'a' | 'b';
  url: string;
  httpVersion: string;
  headers: IncomingHttpHeaders;
}

async function recordingUpstream(node: 'a' | 'b', seen: Seen[]): Promise<{ server: Server; port: number }> {
  const record = (req: IncomingMessage) =>
    seen.push({ node, url: req.url ?? '', httpVersion: req.httpVersion, headers: req.headers });
  const server = createServer((req, res) => {
    record(req);
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ node }));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    record(req);
    socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('what nginx passes upstream', () => {
  const seen: Seen[] = [];
  const upstreams: Server[] = [];
  let nodeB: Server;
  let nginx: TestNginx;

  const close = async (server: Server) => {
    server.closeAllConnections();
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  };

  beforeAll(async () => {
    const a = await recordingUpstream('a', seen);
    const b = await recordingUpstream('b', seen);
    upstreams.push(a.server, b.server);
    nodeB = b.server;
    nginx = await startNginx({ upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`] });
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(upstreams.map(close));
  });

  const get = async (pathname: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${nginx.url}${pathname}`, { headers: { ...FRESH_CONNECTION, ...headers } });
    return ((await res.json()) as { node: 'a' | 'b' }).node;
  };

  it('when a client sends address headers of its own, then the nodes receive none, and X-Forwarded-Proto from nginx', async () => {
    seen.length = 0;
    await get('/api/info', {
      'x-forwarded-for': '203.0.113.7',
      'x-real-ip': '203.0.113.7',
      forwarded: 'for=203.0.113.7',
      'x-forwarded-proto': 'https',
    });
    const [request] = seen;
    expect(request?.headers['x-forwarded-for']).toBeUndefined();
    expect(request?.headers['x-real-ip']).toBeUndefined();
    expect(request?.headers.forwarded).toBeUndefined();
    expect(request?.headers['x-forwarded-proto']).toBe('http');
    expect(JSON.stringify(request?.headers)).not.toMatch(/203\.0\.113\.7/);
  });

  it('when a websocket upgrade comes in, then nginx passes Upgrade and Connection on over HTTP/1.1 and relays the 101', async () => {
    seen.length = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${nginx.url}/socket.io/?EIO=4&transport=websocket`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket', cookie: 'sr_session=upgrade-check' },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(101);
    const [upgrade] = seen;
    expect(upgrade?.httpVersion).toBe('1.1');
    expect(upgrade?.headers.upgrade).toBe('websocket');
    expect(upgrade?.headers.connection).toBe('upgrade');
  });

  it('when a plain request comes in, then the upstream connection is not kept for other people', async () => {
    seen.length = 0;
    await get('/api/info');
    expect(seen[0]?.headers.connection).toBe('close');
    expect(seen[0]?.headers.upgrade).toBeUndefined();
  });

  it('when requests carry no session, then they are spread over both nodes (no IP stickiness)', async () => {
    const nodes = new Set<string>();
    for (let i = 0; i < 8; i++) nodes.add(await get('/api/info'));
    expect([...nodes].sort()).toEqual(['a', 'b']);
  });

  it('when socket.io requests carry a session cookie, then each session sticks to one node and sessions spread', async () => {
    const placed = new Map<string, Set<string>>();
    for (let s = 0; s < 16; s++) {
      const cookie = `sr_session=${'session'.repeat(4)}${s}`;
      const nodes = new Set<string>();
      for (let i = 0; i < 3; i++)
        nodes.add(await get(`/socket.io/?EIO=4&transport=polling&t=${i}`, { cookie }));
      placed.set(cookie, nodes);
    }
    for (const nodes of placed.values()) expect(nodes.size).toBe(1);
    const used = new Set([...placed.values()].flatMap((n) => [...n]));
    expect([...used].sort()).toEqual(['a', 'b']);
    // Without a session cookie the hash key is empty and nginx falls back to round-robin.
    const anonymous = new Set<string>();
    for (let i = 0; i < 4; i++) anonymous.add(await get(`/socket.io/?EIO=4&transport=polling&t=${i}`));
    expect([...anonymous].sort()).toEqual(['a', 'b']);
  });

  it('when one node is down, then every request is served by the other and nginx logs no client address', async () => {
    await close(nodeB);
    const served = new Set<string>();
    for (let i = 0; i < 6; i++) served.add(await get('/api/info'));
    expect([...served]).toEqual(['a']);
    const logs = nginx.logs();
    for (const [file, text] of Object.entries(logs)) expect(text, file).not.toMatch(/127\.0\.0\.1|client:/);
    expect(Object.keys(nginx.logs())).not.toContain('access.log');
  });
});
