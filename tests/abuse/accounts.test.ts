import { performance } from 'node:perf_hooks';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFresh, startCluster, stopOrKill, type TestCluster } from '../support/cluster.js';
import {
  createAgent,
  createInvite,
  GOOD_PASSPHRASE,
  logInBody,
  uniquePseudonym,
  type Agent,
  type HttpResult,
} from '../support/http.js';
import { startNginx, type TestNginx } from '../support/nginx.js';
import type { TestNode } from '../support/node.js';
import { freePort, sleep, waitFor } from '../support/ports.js';

/*
 * Account protection against someone with a grudge or a script (issue 12, RELIABILITY.md S4–S6): two nodes on
 * one real Redis behind the shipped nginx. Delays are capped at 4 s here (`LOGIN_LOCK_MINUTES`) so "the owner
 * gets back in after the attack stops" is observable; production caps them at 15 minutes.
 */
const CAP_SECONDS = 4;
/** Cluster-wide budget of failed log-ins from browsers without a known device token, per minute. */
const ANONYMOUS_PER_MINUTE = 40;
const WRONG = 'a wrong guess at somebody else’s passphrase';

let cluster: TestCluster;
let nginx: TestNginx;
let admin: Agent;
let origin: string;

/** A browser on the app's origin, through nginx (as every real request arrives). */
const browser = () => createAgent(nginx.url);
const headers = () => ({ origin, connection: 'close' });
const logIn = (agent: Agent, pseudonym: string, passphrase = GOOD_PASSPHRASE) =>
  agent.post('/api/auth/login', logInBody(pseudonym, passphrase), headers());
/** A guess from a fresh cookie jar: the attacker keeps no cookies. */
const guess = (pseudonym: string, passphrase = WRONG) => logIn(browser(), pseudonym, passphrase);

async function newMember() {
  const pseudonym = uniquePseudonym('Owner');
  const agent = browser();
  const res = await agent.post(
    '/api/auth/signup',
    { invite: await createInvite(admin, 'member', 1), pseudonym, passphrase: GOOD_PASSPHRASE },
    headers(),
  );
  expect(res.status).toBe(201);
  return { agent, pseudonym };
}

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  cluster = await startCluster({
    nodes: 2,
    env: {
      ALLOWED_ORIGINS: origin,
      TRUST_PROXY: 'true',
      LOGIN_LOCK_MINUTES: String(CAP_SECONDS / 60),
      LOGIN_ANONYMOUS_FAILURES_PER_MINUTE: String(ANONYMOUS_PER_MINUTE),
    },
  });
  const [A, B] = cluster.nodes as [TestNode, TestNode];
  nginx = await startNginx({ port, upstreams: [`127.0.0.1:${A.port}`, `127.0.0.1:${B.port}`] });
  admin = browser();
  const lead = await admin.post(
    '/api/auth/signup',
    { invite: cluster.bootstrapInvite, pseudonym: 'GrudgeLead', passphrase: GOOD_PASSPHRASE },
    headers(),
  );
  expect(lead.status).toBe(201);
});

afterAll(async () => {
  await nginx?.stop();
  await cluster?.stop();
});

const deviceCookieOf = (res: HttpResult) =>
  res.headers.getSetCookie().find((c) => /^(__Host-)?sr_device=/.test(c)) ?? '';

describe('production defaults behind a proxy', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';

  it('when NODE_ENV=production, then cookies are Secure over any hop, and /metrics needs its token (or is off without one)', async () => {
    const prod = await cluster.addNode({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN });
    const bare = await cluster.addNode({ NODE_ENV: 'production' });
    try {
      const res = await postFresh(createAgent(prod.url), '/api/auth/signup', {
        invite: await createInvite(admin, 'member', 1),
        pseudonym: uniquePseudonym('Prod'),
        passphrase: GOOD_PASSPHRASE,
      });
      expect(res.status).toBe(201);
      const cookies = res.headers.getSetCookie();
      expect(cookies.some((c) => /^__Host-sr_session=.*;\s*Secure/i.test(c))).toBe(true);
      expect(cookies.some((c) => /^__Host-sr_device=.*;\s*Secure/i.test(c))).toBe(true);
      expect(cookies.every((c) => /;\s*Secure/i.test(c))).toBe(true);

      const anonymous = await fetch(`${prod.url}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toMatch(/staffroom_/);
      const wrong = await fetch(`${prod.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.status).toBe(401);
      const scraped = await fetch(`${prod.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/^staffroom_connected_sockets \d+/m);
      expect((await fetch(`${bare.url}/metrics`)).status).toBe(404);
      // nginx never forwards /metrics, whatever the nodes would say.
      const public_ = await fetch(`${nginx.url}/metrics`);
      expect(public_.status).toBe(404);
      expect(await public_.text()).not.toMatch(/staffroom_/);
    } finally {
      await Promise.all([stopOrKill(prod), stopOrKill(bare)]);
    }
  });

  it('when nginx runs behind a TLS-terminating proxy, then the proxy’s X-Forwarded-Proto reaches the nodes and the cookie is Secure', async () => {
    const upstreams = cluster.nodes.slice(0, 2).map((n) => `127.0.0.1:${n.port}`) as [string, string];
    const behind = await startNginx({ upstreams, behindTlsProxy: true });
    try {
      const over = async (base: string, proto?: string) => {
        const res = await createAgent(base).post('/api/auth/login', logInBody('GrudgeLead'), {
          connection: 'close',
          ...(proto ? { 'x-forwarded-proto': proto } : {}),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return res.headers.getSetCookie().find((c) => /sr_session=/.test(c)) ?? '';
      };
      expect(await over(behind.url, 'https')).toMatch(/^__Host-sr_session=.*;\s*Secure/i);
      expect(await over(behind.url)).toMatch(/^sr_session=/);
      // Reached directly (the default), a client's own claim is ignored.
      expect(await over(nginx.url, 'https')).toMatch(/^sr_session=/);
    } finally {
      await behind.stop();
    }
  });
});

describe('log-in throttling', () => {
  it('when an attacker hammers a pseudonym through nginx, then its owner still logs in at once from a browser they used before', async () => {
    const { agent: owner, pseudonym } = await newMember();
    expect((await owner.post('/api/auth/logout', {}, headers())).status).toBe(200);

    // 40 wrong guesses from fresh cookie jars, 8 at a time, while the owner logs in in the middle of it.
    let refused = 0;
    let evaluated = 0;
    const attack = (async () => {
      for (let round = 0; round < 5; round++) {
        const answers = await Promise.all(Array.from({ length: 8 }, () => guess(pseudonym)));
        for (const res of answers) {
          if (res.status === 401) evaluated++;
          else if (res.status === 429) refused++;
          else throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    })();
    await sleep(300);
    const started = performance.now();
    const mine = await logIn(owner, pseudonym);
    const ms = performance.now() - started;
    await attack;
    console.log(`owner logged in in ${ms.toFixed(0)} ms; attack: ${evaluated} evaluated, ${refused} refused`);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.me.pseudonym).toBe(pseudonym);
    expect(ms).toBeLessThan(2_000);
    // Guessing stays slow: after 5 free failures a delay of 1 s, 2 s, … holds every further guess.
    expect(evaluated).toBeLessThanOrEqual(8);
    expect(refused).toBeGreaterThanOrEqual(32);
  });

  it('when a pseudonym is being guessed, then the right passphrase from a new browser waits like any guess, and gets in once the attack stops', async () => {
    const { pseudonym } = await newMember();
    let last: HttpResult | null = null;
    // Guess until the pseudonym's delay has grown to at least 2 s.
    for (let i = 0; i < 20; i++) {
      last = await guess(pseudonym);
      if (last.status === 429 && last.body.retryAfterMs >= 2_000) break;
      if (last.status === 429) await sleep(last.body.retryAfterMs + 20);
    }
    expect(last?.status).toBe(429);
    // A new browser with the right passphrase learns nothing: the same refusal as a guess.
    const right = await guess(pseudonym, GOOD_PASSPHRASE);
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ error: 'LOCKED_OUT' });
    expect(right.body.retryAfterMs).toBeLessThanOrEqual(CAP_SECONDS * 1000);
    expect(right.headers.getSetCookie()).toEqual([]);
    // The attack stops: the owner's new browser gets in within the cap, never a fixed 15-minute lock.
    const started = Date.now();
    await waitFor(async () => (await guess(pseudonym, GOOD_PASSPHRASE)).status === 200, {
      timeoutMs: CAP_SECONDS * 1000 + 5_000,
      intervalMs: 250,
      what: 'the owner to get in from a new browser',
    });
    expect(Date.now() - started).toBeLessThan(CAP_SECONDS * 1000 + 2_000);
  });

  it('when an unknown pseudonym is hammered, then the answers are the same as for a known one (no enumeration)', async () => {
    const { pseudonym } = await newMember();
    const unknown = uniquePseudonym('Nobody');
    const answers = async (name: string) => {
      const seen: HttpResult[] = [];
      for (let i = 0; i < 7; i++) seen.push(await guess(name));
      return seen.map((r) => `${r.status} ${r.body.error} ${String(r.body.message).replace(/\d+/g, 'N')}`);
    };
    expect(await answers(unknown)).toEqual(await answers(pseudonym));
  });

  it('when a log-in succeeds, then the browser gets an HttpOnly, SameSite=Strict device cookie that outlives the session', async () => {
    const { agent, pseudonym } = await newMember();
    const res = await logIn(agent, pseudonym);
    expect(res.status).toBe(200);
    const cookie = deviceCookieOf(res);
    expect(cookie).toMatch(/^sr_device=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Max-Age=\d{6,}/i);
    const out = await agent.post('/api/auth/logout', {}, headers());
    expect(out.headers.getSetCookie().join()).not.toMatch(/sr_device=;/);
    // The same browser keeps its token on the next log-in (one token per browser, not one per log-in).
    const again = await logIn(agent, pseudonym);
    expect(deviceCookieOf(again).split(';')[0]).toBe(cookie.split(';')[0]);
  });

  it('when the owner logs out everywhere, then a browser that was trusted waits like any other again', async () => {
    const { agent: stolen, pseudonym } = await newMember();
    // The owner's own browser, elsewhere, ends every session (and every browser's trust).
    const owner = browser();
    expect((await logIn(owner, pseudonym)).status).toBe(200);
    expect((await owner.post('/api/auth/logout-all', {}, headers())).status).toBe(200);
    let last: HttpResult | null = null;
    for (let i = 0; i < 8 && last?.status !== 429; i++) last = await logIn(stolen, pseudonym, WRONG);
    // Trusted, it would have had 10 free failures of its own (all 401); now it is held like a stranger.
    expect(last?.status).toBe(429);
    expect(['LOCKED_OUT', 'RATE_LIMITED']).toContain(last?.body.error);
  });

  it('when a browser with a device token sprays one passphrase over many pseudonyms, then it is slowed down after 10 failures', async () => {
    // The attacker's own account gives it a device token; it then guesses others' pseudonyms.
    const { agent: attacker, pseudonym } = await newMember();
    expect((await logIn(attacker, pseudonym)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      const res = await logIn(attacker, uniquePseudonym('Target'), WRONG);
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error).toBe('RATE_LIMITED');
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    // Logging in to its own account (after waiting, like any attempt from it) does not refill its budget.
    let own = await logIn(attacker, pseudonym);
    if (own.status === 429) {
      await sleep(own.body.retryAfterMs + 20);
      own = await logIn(attacker, pseudonym);
    }
    expect(own.status).toBe(200);
    expect((await logIn(attacker, uniquePseudonym('Target'), WRONG)).status).toBe(429);
  });

  it('when cookie-less requests spray one passphrase over many pseudonyms behind nginx, then the cluster-wide budget stops them and a warning is logged', async () => {
    let refusedAt = -1;
    for (let i = 0; i < ANONYMOUS_PER_MINUTE + 10 && refusedAt < 0; i++) {
      const res = await guess(uniquePseudonym('Sprayed'));
      if (res.status === 429) {
        expect(res.body.error).toBe('RATE_LIMITED');
        refusedAt = i;
      } else expect(res.status).toBe(401);
    }
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThanOrEqual(ANONYMOUS_PER_MINUTE);
    // The node writes the warning as it refuses; its output reaches this process a moment later.
    await waitFor(() => cluster.output().some((l) => l.includes('possible password spraying')) || null, {
      timeoutMs: 10_000,
      what: 'the spraying warning in the nodes’ logs',
    });
  });
});

/** Wall time of one bcrypt hash at `cost` in this process (the node hashes the same way). */
async function timeOneHash(cost: number): Promise<number> {
  const started = performance.now();
  await bcrypt.hash('a'.repeat(43), cost);
  return performance.now() - started;
}

describe('sign-up', () => {
  it('when sign-ups carry bogus invites, then each is refused before the passphrase is hashed', async () => {
    // A node with an expensive hash (bcrypt cost 14, about a second): a refusal that hashed first takes that long.
    const slow = await cluster.addNode({ BCRYPT_COST: '14' });
    try {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res = await postFresh(createAgent(slow.url), '/api/auth/signup', {
          invite: 'aaaaa-bbbbb-ccccc-ddddd-eeeee'.slice(0, 23),
          pseudonym: uniquePseudonym('Bogus'),
          passphrase: GOOD_PASSPHRASE,
        });
        times.push(performance.now() - started);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ error: 'INVITE_INVALID', field: 'invite' });
      }
      const median = [...times].sort((a, b) => a - b)[2] ?? 0;
      // The yardstick is one cost-14 hash on this machine, now (a fixed number of milliseconds failed under CI's
      // load at 311 ms against 300 without any hashing): a refusal that hashed first takes at least that long.
      const hashMs = await timeOneHash(14);
      console.log(
        `bogus sign-up median ${median.toFixed(0)} ms; one bcrypt hash at cost 14 takes ${hashMs.toFixed(0)} ms`,
      );
      expect(median).toBeLessThan(hashMs / 2);
    } finally {
      await stopOrKill(slow);
    }
  });
});
