import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';
import { accountKeys } from '../../server/src/features/accounts/accounts.keys.js';
import { sha256 } from '../../server/src/features/accounts/accounts.service.js';
import {
  FRESH_CONNECTION,
  logInFresh,
  postFresh,
  signUpFresh,
  startCluster,
  stopOrKill,
  type TestCluster,
} from '../support/cluster.js';
import {
  createAgent,
  createInvite,
  GOOD_PASSPHRASE,
  passphraseSecrets,
  uniquePseudonym,
  type Agent,
} from '../support/http.js';
import type { TestNode } from '../support/node.js';
import { sleep, waitFor } from '../support/ports.js';
import {
  connect,
  createSocket,
  disconnected,
  request,
  type ConnectOptions,
  type TestSocket,
} from '../support/socket.js';

/**
 * Accounts against a real Redis and two server processes (A and B) sharing it. Log-in delays are capped at 3 s
 * (`LOGIN_LOCK_MINUTES=0.05`) so their release is observable. (tests/abuse/accounts.test.ts attacks them.)
 */
const LOCK_SECONDS = 3;
let cluster: TestCluster;
let A: TestNode;
let B: TestNode;
let admin: Agent;

/** Everything that must never appear in a log line: passphrases, session tokens, invite codes. */
const secrets = new Set<string>([GOOD_PASSPHRASE]);
const remember = (agent: Agent) => {
  const token = /(?:^|;\s*)(?:__Host-)?sr_session=([^;]+)/.exec(agent.cookie())?.[1];
  if (token) secrets.add(token);
  return agent;
};

/** Sockets a test opened; closed after each test whatever happened. */
const opened: TestSocket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});
async function open(url: string, opts: ConnectOptions): Promise<TestSocket> {
  const socket = await connect(url, opts);
  opened.push(socket);
  return socket;
}

/** Records what a socket receives: every server event, and whether it was told its session ended. */
function watch(socket: TestSocket) {
  const events: string[] = [];
  socket.onAny((event: string) => events.push(event));
  return { events, gone: disconnected(socket) };
}

/** Tries a handshake that should fail; returns the error and how many events arrived meanwhile. */
async function refusedHandshake(url: string, opts: ConnectOptions) {
  const socket = createSocket(url, opts);
  let events = 0;
  let connected = false;
  socket.onAny(() => events++);
  socket.on('connect', () => (connected = true));
  const error = await new Promise<Error & { data?: { code?: string; message?: string } }>((resolve) => {
    socket.once('connect_error', resolve);
    socket.connect();
  });
  socket.close();
  return { error, events, connected };
}

async function invite(role: 'member' | 'consultant' | 'moderator' | 'admin' = 'member', maxUses = 1) {
  const code = await createInvite(admin, role, maxUses);
  secrets.add(code);
  return code;
}

async function member(node: TestNode = A, passphrase = GOOD_PASSPHRASE) {
  const result = await signUpFresh(node.url, await invite(), uniquePseudonym('Member'), passphrase);
  secrets.add(passphrase);
  secrets.add((await passphraseSecrets(node.url, result.pseudonym, passphrase)).authSecret);
  remember(result.agent);
  return result;
}

const signUpBody = async (body: Record<string, unknown>, node: TestNode = A) =>
  postFresh(createAgent(node.url), '/api/auth/signup', body);

/** An ASCII passphrase of exactly `length` characters that passes the rules. */
const longPassphrase = (length: number) =>
  'grading papers by lamplight while the kettle sings softly in the staffroom corner '
    .repeat(3)
    .slice(0, length);

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2, env: { LOGIN_LOCK_MINUTES: String(LOCK_SECONDS / 60) } });
  [A, B] = cluster.nodes as [TestNode, TestNode];
  secrets.add(cluster.bootstrapInvite);
  const lead = await signUpFresh(A.url, cluster.bootstrapInvite, 'LeadHeron');
  admin = remember(lead.agent);
});

afterAll(async () => {
  await cluster?.stop();
});

describe('sign-up with invites', () => {
  it('when the bootstrap invite is used, then that account is an admin and the invite cannot be used again', async () => {
    const me = await admin.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.me).toMatchObject({ pseudonym: 'LeadHeron', role: 'admin' });
    const again = await signUpBody({
      invite: cluster.bootstrapInvite,
      pseudonym: 'SecondLead',
      passphrase: GOOD_PASSPHRASE,
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'INVITE_INVALID', field: 'invite' });
  });

  it('when a single-use invite is used once, then a second sign-up with it is refused as used up', async () => {
    const code = await invite('member', 1);
    const first = await signUpBody({ invite: code, pseudonym: 'SingleUseOne', passphrase: GOOD_PASSPHRASE });
    expect(first.status).toBe(201);
    const second = await signUpBody(
      { invite: code, pseudonym: 'SingleUseTwo', passphrase: GOOD_PASSPHRASE },
      B,
    );
    expect(second.status).toBe(400);
    expect(second.body).toEqual({
      error: 'INVITE_INVALID',
      message: expect.any(String),
      field: 'invite',
    });
  });

  it('when a multi-use invite is shared, then each person gets an account until its uses run out', async () => {
    const code = await invite('member', 3);
    for (const [i, node] of [A, B, A].entries()) {
      const res = await signUpBody(
        { invite: code, pseudonym: `Sharer${'abc'[i]}`, passphrase: GOOD_PASSPHRASE },
        node,
      );
      expect(res.status).toBe(201);
    }
    const fourth = await signUpBody({ invite: code, pseudonym: 'SharerD', passphrase: GOOD_PASSPHRASE }, B);
    expect(fourth.body.error).toBe('INVITE_INVALID');
    const list = await admin.get('/api/invites');
    const listed = list.body.invites.find((i: { id: string; uses: number }) => i.uses === 3);
    expect(listed).toMatchObject({ maxUses: 3, uses: 3, role: 'member', revoked: false });
  });

  it.each(['member', 'consultant', 'moderator', 'admin'] as const)(
    'when an invite grants the %s role, then the new account has that role',
    async (role) => {
      const code = await invite(role, 1);
      const { agent } = await signUpFresh(B.url, code, uniquePseudonym('Granted'));
      remember(agent);
      const me = await agent.get('/api/me');
      expect(me.body.me.role).toBe(role);
    },
  );

  it('when the invite code is typed with capitals and spaces around it, then it still works', async () => {
    const code = await invite();
    const res = await signUpBody({
      invite: `  ${code.toUpperCase()} `,
      pseudonym: 'ShoutyTyper',
      passphrase: GOOD_PASSPHRASE,
    });
    expect(res.status).toBe(201);
  });

  it('when an invite has expired, then sign-up is refused with INVITE_INVALID', async () => {
    // The API refuses expiries under one hour, so a tiny one cannot be made through it…
    const tiny = await admin.post('/api/invites', { role: 'member', maxUses: 5, expiresInDays: 0.0001 });
    expect(tiny.body).toMatchObject({ error: 'INVALID_PAYLOAD', field: 'expiresInDays' });
    // …so this invite's expiry is moved into the past in the store instead.
    const code = await invite('member', 5);
    const redis = cluster.redis.client();
    try {
      const key = accountKeys(cluster.redis.prefix).invite(sha256(code));
      expect(await redis.exists(key)).toBe(1);
      await redis.hset(key, 'expiresAt', Date.now() - 1_000);
    } finally {
      await redis.quit();
    }
    const res = await signUpBody({ invite: code, pseudonym: 'LateComer', passphrase: GOOD_PASSPHRASE });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'INVITE_INVALID', field: 'invite' });
  });

  it('when an admin revokes an invite, then nobody can sign up with it any more', async () => {
    const created = await admin.post('/api/invites', { role: 'member', maxUses: 10, expiresInDays: 7 });
    expect(created.status).toBe(201);
    secrets.add(created.body.invite.code);
    const revoked = await admin.del(`/api/invites/${created.body.invite.id}`);
    expect(revoked.status).toBe(200);
    const res = await signUpBody(
      { invite: created.body.invite.code, pseudonym: 'TooLate', passphrase: GOOD_PASSPHRASE },
      B,
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('INVITE_INVALID');
    const list = await admin.get('/api/invites');
    expect(list.body.invites.find((i: { id: string }) => i.id === created.body.invite.id)).toMatchObject({
      revoked: true,
      uses: 0,
    });
  });

  it('when the invite code does not exist, then sign-up is refused the same way as a used-up one', async () => {
    const res = await signUpBody({
      invite: 'aaaaa-bbbbb-ccccc-ddddd',
      pseudonym: 'Guesser',
      passphrase: GOOD_PASSPHRASE,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'INVITE_INVALID', field: 'invite' });
  });
});

describe('pseudonym rules', () => {
  it('when a pseudonym is taken, then the same name in another case or with look-alike characters is refused and no invite use is spent', async () => {
    const code = await invite('member', 10);
    expect(
      (await signUpBody({ invite: code, pseudonym: 'CalmOtter', passphrase: GOOD_PASSPHRASE })).status,
    ).toBe(201);
    for (const lookAlike of [
      'CalmOtter',
      'calmotter',
      'CALM_OTTER',
      'Ca1m0tter',
      'CaIm.Otter',
      'calm-otter',
    ]) {
      const res = await signUpBody({ invite: code, pseudonym: lookAlike, passphrase: GOOD_PASSPHRASE }, B);
      expect(res.status, lookAlike).toBe(409);
      expect(res.body, lookAlike).toMatchObject({ error: 'PSEUDONYM_TAKEN', field: 'pseudonym' });
    }
    const list = await admin.get('/api/invites');
    expect(list.body.invites.find((i: { maxUses: number }) => i.maxUses === 10)).toMatchObject({ uses: 1 });
  });

  it.each([
    ['an email address', 'calm@school.org', /email/i],
    ['a web address', 'quiet.teacher.com', /email|web/i],
    ['a phone number', '07700900123', /phone/i],
    ['an international phone number', '+44-7700-900123', /phone/i],
    ['a first and last name', 'MaryJones', /real/i],
    ['a dotted first and last name', 'david.smith', /real/i],
    ['an initial and a surname', 'jsmith', /real/i],
    ['a staff role', 'TheModerator', /staff role/i],
    ['too short', 'ab', /3 to 24/],
  ])('when the pseudonym is %s, then sign-up is refused with a reason', async (_what, pseudonym, reason) => {
    const res = await signUpBody({ invite: await invite(), pseudonym, passphrase: GOOD_PASSPHRASE });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'PSEUDONYM_REJECTED', field: 'pseudonym' });
    expect(res.body.message).toMatch(reason);
  });
});

describe('passphrase rules', () => {
  // The passphrase never reaches the server (the browser sends the auth secret derived from it), so its rules
  // are enforced in the browser (shared/src/rules/passphrase.ts, unit-tested there); the server checks the
  // secret's format strictly.
  const post = (path: string, body: unknown) =>
    fetch(`${A.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...FRESH_CONNECTION },
      body: JSON.stringify(body),
    });

  it('when a sign-up or log-in body carries a passphrase instead of the auth secret, then it is refused and no account exists', async () => {
    const pseudonym = uniquePseudonym('Plain');
    const signup = await post('/api/auth/signup', {
      invite: await invite(),
      pseudonym,
      passphrase: GOOD_PASSPHRASE,
    });
    expect(signup.status).toBe(400);
    expect(await signup.json()).toMatchObject({ error: 'INVALID_PAYLOAD' });
    const login = await post('/api/auth/login', { pseudonym, passphrase: GOOD_PASSPHRASE });
    expect(login.status).toBe(400);
    // The same pseudonym is still free: the refused body created nothing.
    expect(
      (await signUpBody({ invite: await invite(), pseudonym, passphrase: GOOD_PASSPHRASE })).status,
    ).toBe(201);
  });

  it.each([
    ['42 characters', 'A'.repeat(42)],
    ['44 characters', 'A'.repeat(44)],
    ['standard base64 characters', `${'A'.repeat(41)}+/`],
    ['padding', `${'A'.repeat(42)}=`],
    ['the passphrase itself', GOOD_PASSPHRASE],
  ])(
    'when the auth secret has %s, then sign-up is refused with INVALID_PAYLOAD',
    async (_what, authSecret) => {
      const res = await post('/api/auth/signup', {
        invite: await invite(),
        pseudonym: uniquePseudonym('Rules'),
        authSecret,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'INVALID_PAYLOAD' });
    },
  );

  it('when the passphrase is exactly 128 characters, then sign-up succeeds and it logs in', async () => {
    const passphrase = longPassphrase(128);
    expect(passphrase).toHaveLength(128);
    const { pseudonym } = await member(A, passphrase);
    const { res } = await logInFresh(B.url, pseudonym, passphrase);
    expect(res.status).toBe(200);
  });
});

describe('login', () => {
  it('when a member logs in on another node, then a new session cookie is set and /api/me answers there', async () => {
    const { agent: first, pseudonym } = await member(A);
    const { agent: second, res } = await logInFresh(B.url, pseudonym);
    remember(second);
    expect(res.status).toBe(200);
    expect(res.body.me.pseudonym).toBe(pseudonym);
    expect(second.cookie()).not.toBe(first.cookie());
    expect((await second.get('/api/me')).body.me.pseudonym).toBe(pseudonym);
    // The pseudonym is found case-insensitively, as it is kept unique.
    expect((await logInFresh(A.url, pseudonym.toLowerCase())).res.status).toBe(200);
  });

  it('when a 100-character passphrase is changed only after byte 72, then it does not log in (bcrypt truncation)', async () => {
    const passphrase = longPassphrase(100);
    const altered = `${passphrase.slice(0, 90)}X${passphrase.slice(91)}`;
    expect(Buffer.byteLength(passphrase.slice(0, 90))).toBeGreaterThan(72);
    secrets.add(altered);
    const { pseudonym } = await member(A, passphrase);
    expect((await logInFresh(B.url, pseudonym, altered)).res.status).toBe(401);
    expect((await logInFresh(B.url, pseudonym, passphrase)).res.status).toBe(200);
  });

  it('when a 40-emoji passphrase (160 bytes) differs only in its last emoji, then it does not log in', async () => {
    const emoji = Array.from({ length: 40 }, (_, i) => String.fromCodePoint(0x1f330 + ((i * 7) % 40) * 3));
    const passphrase = emoji.join('');
    const altered = emoji.slice(0, -1).join('') + String.fromCodePoint(0x1f600);
    expect(Buffer.byteLength(passphrase)).toBe(160);
    secrets.add(altered);
    const { pseudonym } = await member(A, passphrase);
    expect((await logInFresh(A.url, pseudonym, altered)).res.status).toBe(401);
    expect((await logInFresh(B.url, pseudonym, passphrase)).res.status).toBe(200);
  });

  it('when the pseudonym is unknown or the passphrase wrong, then the answers are identical and take about the same time', async () => {
    // A loose functional check, not a benchmark: both paths must run one bcrypt compare (the unknown one
    // against a dummy hash), so their medians stay within a few ms; without the dummy compare the unknown path
    // would be ~50 ms (one bcrypt round at cost 10) faster. The bound is wide because CI machines are noisy.
    // Its own node allows more failures, so 20 wrong guesses do not lock the pseudonym mid-measurement.
    const node = await cluster.addNode({ LOGIN_MAX_FAILURES: '100' });
    try {
      const { pseudonym } = await member(node);
      const attempt = async (name: string) => {
        const started = performance.now();
        const { res } = await logInFresh(node.url, name, 'not the right passphrase at all');
        return { ms: performance.now() - started, status: res.status, body: res.body as unknown };
      };
      await attempt('NobodyHere');
      await attempt(pseudonym);
      const unknown: number[] = [];
      const known: number[] = [];
      for (let i = 0; i < 20; i++) {
        const u = await attempt('NobodyHere');
        const k = await attempt(pseudonym);
        expect(u.status).toBe(401);
        expect(k.status).toBe(401);
        expect(k.body).toEqual(u.body);
        unknown.push(u.ms);
        known.push(k.ms);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const diff = Math.abs(median(unknown) - median(known));
      console.log(
        `login timing: median unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`,
      );
      expect(diff).toBeLessThan(30);
    } finally {
      await stopOrKill(node);
    }
  });

  /** Wrong guesses from new browsers, waiting out each delay, until one is refused with at least `minMs` to go. */
  async function guessUntilDelay(nodes: readonly TestNode[], pseudonym: string, minMs: number) {
    for (let i = 0; ; i++) {
      const { res } = await logInFresh(nodes[i % nodes.length]!.url, pseudonym, 'guessing from anywhere');
      if (res.status === 429 && res.body.retryAfterMs >= minMs) return i + 1;
      if (res.status === 429) await sleep(res.body.retryAfterMs + 20);
      else expect(res.body.error).toBe('INVALID_CREDENTIALS');
      if (i > 20) throw new Error('the delay never grew');
    }
  }

  it('when a pseudonym fails 5 times, then new browsers wait (429 LOCKED_OUT) even with the right passphrase, and get in after the delay', async () => {
    const { pseudonym } = await member(A);
    for (let i = 1; i <= 4; i++) {
      const { res } = await logInFresh(A.url, pseudonym, 'a wrong guess at the passphrase');
      expect(res.status, `failure ${i}`).toBe(401);
      expect(res.body.error).toBe('INVALID_CREDENTIALS');
    }
    await guessUntilDelay([A], pseudonym, 1_500);
    const locked = await logInFresh(A.url, pseudonym);
    expect(locked.res.status).toBe(429);
    expect(locked.res.body).toMatchObject({ error: 'LOCKED_OUT', message: expect.stringMatching(/locked/i) });
    expect(locked.res.body.retryAfterMs).toBeGreaterThan(0);
    expect(locked.res.body.retryAfterMs).toBeLessThanOrEqual(LOCK_SECONDS * 1000);
    expect(locked.res.headers.getSetCookie()).toEqual([]);

    const started = Date.now();
    await waitFor(async () => (await logInFresh(A.url, pseudonym)).res.status === 200, {
      timeoutMs: LOCK_SECONDS * 1000 + 5_000,
      intervalMs: 250,
      what: 'the lock to be released',
    });
    expect(Date.now() - started).toBeLessThan(LOCK_SECONDS * 1000 + 2_000);
  });

  it('when failures are spread over two nodes, then the delay holds on both (cluster-wide)', async () => {
    const { pseudonym } = await member(A);
    await guessUntilDelay([A, B], pseudonym, 1_500);
    for (const node of [B, A]) {
      const { res } = await logInFresh(node.url, pseudonym);
      expect(res.status).toBe(429);
      expect(res.body.error).toBe('LOCKED_OUT');
    }
  });
});

describe('sessions and sockets', () => {
  it('when a member signs up, then the session cookie is HttpOnly and SameSite=Strict and the token is not in the body', async () => {
    const res = await signUpBody({
      invite: await invite(),
      pseudonym: 'CookieCheck',
      passphrase: GOOD_PASSPHRASE,
    });
    expect(res.status).toBe(201);
    // The session cookie, and the trusted-device one (tests/abuse/accounts.test.ts).
    const cookies = res.headers.getSetCookie().filter((c) => !c.startsWith('sr_device='));
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0] ?? '';
    expect(cookie).toMatch(/^sr_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    const token = /^sr_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    secrets.add(token);
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect(Object.keys(res.body)).toEqual(['me']);
  });

  it('when a member logs out, then their socket is ended and the old cookie is refused over HTTP and at the handshake', async () => {
    const { agent } = await member(A);
    const cookie = agent.cookie();
    const socket = await open(B.url, { cookie });
    const seen = watch(socket);
    const res = await agent.post('/api/auth/logout');
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join()).toMatch(/sr_session=;/);
    await seen.gone;
    expect(seen.events).toContain('session:ended');
    expect((await agent.request('GET', '/api/me', undefined, { cookie })).status).toBe(401);
    const again = await refusedHandshake(A.url, { cookie });
    expect(again.error.data?.code).toBe('UNAUTHENTICATED');
  });

  it('when a member logs out everywhere, then sockets on a second server process are disconnected within 1 s and the old cookies are refused', async () => {
    const { agent: laptop, pseudonym } = await member(A);
    const { agent: phone } = await logInFresh(B.url, pseudonym);
    remember(phone);
    const cookies = [laptop.cookie(), phone.cookie()];
    const sockets = await Promise.all([
      open(B.url, { cookie: cookies[0] }),
      open(B.url, { cookie: cookies[1] }),
      open(A.url, { cookie: cookies[1] }),
    ]);
    const seen = sockets.map(watch);
    // A bystander on the same node must stay connected.
    const other = await member(B);
    const bystander = await open(B.url, { cookie: other.agent.cookie() });

    const started = Date.now();
    const res = await laptop.post('/api/auth/logout-all');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: 2 });
    await Promise.all(seen.map((s) => s.gone));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    for (const s of seen) expect(s.events).toEqual(['session:ended']);

    for (const [i, cookie] of cookies.entries()) {
      for (const node of [A, B]) {
        expect(
          (await createAgent(node.url).request('GET', '/api/me', undefined, { cookie })).status,
          `cookie ${i}`,
        ).toBe(401);
        const refused = await refusedHandshake(node.url, { cookie });
        expect(refused.error.data?.code).toBe('UNAUTHENTICATED');
        expect(refused.connected).toBe(false);
      }
    }
    expect(bystander.connected).toBe(true);
    expect((await request(bystander, 'me:get', {})).ok).toBe(true);
  });

  it('when a member revokes one session from settings, then only that session’s socket is disconnected', async () => {
    const { agent: laptop, pseudonym } = await member(A);
    const { agent: phone } = await logInFresh(A.url, pseudonym);
    remember(phone);
    const laptopSocket = await open(B.url, { cookie: laptop.cookie() });
    const phoneSocket = await open(B.url, { cookie: phone.cookie() });
    const phoneSeen = watch(phoneSocket);

    const sessions = await laptop.get('/api/sessions');
    expect(sessions.status).toBe(200);
    expect(sessions.body.sessions).toHaveLength(2);
    const target = sessions.body.sessions.find((s: { current: boolean }) => !s.current);
    const res = await laptop.del(`/api/sessions/${target.id}`);
    expect(res.status).toBe(200);

    await phoneSeen.gone;
    expect(phoneSeen.events).toEqual(['session:ended']);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect(laptopSocket.connected).toBe(true);
    const ack = await request(laptopSocket, 'me:get', {});
    expect(ack).toMatchObject({ ok: true, data: { pseudonym } });
    const after = await laptop.get('/api/sessions');
    expect(after.body.sessions.map((s: { current: boolean }) => s.current)).toEqual([true]);
    expect((await laptop.del(`/api/sessions/${target.id}`)).status).toBe(404);
  });
});

describe('socket handshake', () => {
  it('when a socket connects without a cookie, then it is refused with UNAUTHENTICATED and receives nothing', async () => {
    const { error, events, connected } = await refusedHandshake(A.url, {});
    expect(error.data).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String) });
    expect(events).toBe(0);
    expect(connected).toBe(false);
  });

  it('when a socket connects with a forged cookie, then it is refused with UNAUTHENTICATED and receives nothing', async () => {
    for (const cookie of [
      'sr_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      `sr_session=${'x'.repeat(500)}`,
      '__Host-sr_session=forged',
      'sr_session=',
    ]) {
      const { error, events, connected } = await refusedHandshake(B.url, { cookie });
      expect(error.data?.code, cookie).toBe('UNAUTHENTICATED');
      expect(events).toBe(0);
      expect(connected).toBe(false);
    }
  });

  it('when a client speaks another protocol version, then it is refused with PROTOCOL_MISMATCH even with a valid cookie', async () => {
    const { agent } = await member(A);
    for (const auth of [{ v: PROTOCOL_VERSION + 1 }, { v: String(PROTOCOL_VERSION) }, {}]) {
      const { error, events, connected } = await refusedHandshake(A.url, { cookie: agent.cookie(), auth });
      expect(error.data?.code, JSON.stringify(auth)).toBe('PROTOCOL_MISMATCH');
      expect(events).toBe(0);
      expect(connected).toBe(false);
    }
  });

  it('when a page on a foreign origin opens a socket with a valid cookie, then it is refused over websocket and polling (CSWSH)', async () => {
    const { agent } = await member(A);
    const cookie = agent.cookie();
    for (const origin of [
      'https://evil.test',
      'null',
      `http://127.0.0.1:${A.port}.evil.test`,
      `https://127.0.0.1:${A.port}`,
    ]) {
      for (const transports of [['websocket'], ['polling']] as const) {
        const { connected, events } = await refusedHandshake(A.url, {
          cookie,
          origin,
          transports: [...transports],
        });
        expect(connected, `${origin} over ${transports[0]}`).toBe(false);
        expect(events).toBe(0);
      }
      // The polling handshake must not reflect the foreign origin in CORS headers either.
      const res = await fetch(`${A.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin, cookie } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      await res.arrayBuffer();
    }
    // The allowed origin still works, so the refusals above are about the origin alone.
    const ok = await open(A.url, { cookie, origin: A.url });
    expect(await request(ok, 'me:get', {})).toMatchObject({ ok: true });
  });

  // Regression: express used to be a second 'request' listener added after socket.io attached, so it answered
  // /socket.io/ requests too. A pending long-poll was then answered twice and engine.io's write threw outside any
  // handler: one polling client took the whole node down.
  it('when a client uses the polling transport, then the node serves it and stays up', async () => {
    const node = await cluster.addNode();
    try {
      const { agent } = await member(node);
      const socket = await open(node.url, {
        cookie: agent.cookie(),
        origin: node.url,
        transports: ['polling'],
      });
      for (let i = 0; i < 3; i++) {
        // Idle long enough for the client's long-poll to be waiting on the server when the answer comes.
        await sleep(200);
        expect(await request(socket, 'me:get', {})).toMatchObject({ ok: true });
      }
      expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
      expect(node.output.filter((l) => l.includes('ERR_HTTP_HEADERS_SENT'))).toEqual([]);
    } finally {
      await stopOrKill(node);
    }
  });
});

describe('bad input', () => {
  it('when bodies are malformed, then each is answered 400 or 413 with a typed error and the server keeps serving', async () => {
    const raw = (body: string, contentType = 'application/json') =>
      fetch(`${A.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': contentType, ...FRESH_CONNECTION },
        body,
      });
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const cases: [string, () => Promise<Response>, number, string][] = [
      ['bad JSON', () => raw('{"invite": "abc", '), 400, 'INVALID_PAYLOAD'],
      ['JSON null', () => raw('null'), 400, 'INVALID_PAYLOAD'],
      ['a JSON string', () => raw('"just a string"'), 400, 'INVALID_PAYLOAD'],
      [
        'wrong types',
        () => raw(JSON.stringify({ invite: 1, pseudonym: ['x'], passphrase: { a: 1 } })),
        400,
        'INVALID_PAYLOAD',
      ],
      [
        'an unknown field',
        () =>
          raw(
            JSON.stringify({ invite: 'x', pseudonym: 'Someone', authSecret: 'A'.repeat(43), role: 'admin' }),
          ),
        400,
        'INVALID_PAYLOAD',
      ],
      ['a missing field', () => raw(JSON.stringify({ invite: 'x' })), 400, 'INVALID_PAYLOAD'],
      [
        'a 1 MB body',
        () => raw(JSON.stringify({ invite: 'x'.repeat(1024 * 1024) })),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['a text/plain body', () => raw('invite=x&pseudonym=y', 'text/plain'), 400, 'INVALID_PAYLOAD'],
      ['deeply nested JSON', () => raw(deep), 400, 'INVALID_PAYLOAD'],
      [
        'JSON with __proto__',
        () => raw('{"__proto__": {"role": "admin"}, "invite": "x"}'),
        400,
        'INVALID_PAYLOAD',
      ],
    ];
    for (const [what, send, status, code] of cases) {
      const res = await send();
      const body = (await res.json()) as Record<string, unknown>;
      expect(res.status, what).toBe(status);
      expect(body.error, what).toBe(code);
      expect(typeof body.message, what).toBe('string');
      expect(JSON.stringify(body), what).not.toMatch(/stack|at .*\.js/);
    }
    // Logged-in endpoints validate the same way.
    const wrongInvite = await admin.post('/api/invites', { role: 'owner', maxUses: 1, expiresInDays: 1 });
    expect(wrongInvite.status).toBe(400);
    expect(wrongInvite.body).toMatchObject({ error: 'INVALID_PAYLOAD', field: 'role' });
    // Still serving, on both nodes.
    for (const node of [A, B]) expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    const { me } = await member(A);
    expect(me.role).toBe('member');
  });

  it('when a request with a foreign Origin tries to change state, then it is refused with ORIGIN_REJECTED', async () => {
    const code = await invite();
    const res = await createAgent(A.url).post(
      '/api/auth/signup',
      { invite: code, pseudonym: 'CrossSite', passphrase: GOOD_PASSPHRASE },
      { origin: 'https://evil.test', ...FRESH_CONNECTION },
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'ORIGIN_REJECTED' });
    expect((await admin.request('POST', '/api/auth/logout-all', {}, { origin: 'null' })).status).toBe(403);
    expect((await admin.get('/api/me')).status).toBe(200);
  });
});

describe('roles', () => {
  it('when a member who is not an admin manages invites, then each request is refused with 403 FORBIDDEN', async () => {
    const { agent } = await member(B);
    const created = await admin.post('/api/invites', { role: 'member', maxUses: 1, expiresInDays: 1 });
    secrets.add(created.body.invite.code);
    const attempts = [
      await agent.post('/api/invites', { role: 'admin', maxUses: 1, expiresInDays: 1 }),
      await agent.get('/api/invites'),
      await agent.del(`/api/invites/${created.body.invite.id}`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'FORBIDDEN' });
    }
    for (const role of ['moderator', 'consultant'] as const) {
      const staff = remember((await signUpFresh(A.url, await invite(role), uniquePseudonym('Helper'))).agent);
      expect((await staff.get('/api/invites')).status).toBe(403);
    }
    const anonymous = createAgent(A.url);
    expect((await anonymous.get('/api/invites')).status).toBe(401);
    const list = await admin.get('/api/invites');
    expect(list.body.invites.find((i: { id: string }) => i.id === created.body.invite.id).revoked).toBe(
      false,
    );
  });
});

describe('operations', () => {
  it('when probed, then /healthz, /readyz and /metrics answer, and metrics count connected sockets', async () => {
    const { agent } = await member(B);
    await open(B.url, { cookie: agent.cookie() });
    for (const node of [A, B]) {
      expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${node.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ok: true });
    }
    const metrics = await (await fetch(`${B.url}/metrics`)).text();
    expect(metrics).toContain('staffroom_connected_sockets');
    const gauge = /^staffroom_connected_sockets (\d+)/m.exec(metrics)?.[1];
    expect(Number(gauge)).toBeGreaterThanOrEqual(1);
  });

  it('when Redis goes away, then /readyz answers 503 while /healthz stays 200, and readiness returns with Redis', async () => {
    await cluster.redis.crash();
    try {
      await waitFor(async () => (await fetch(`${A.url}/readyz`)).status === 503, {
        what: '/readyz to say 503',
      });
      expect((await fetch(`${A.url}/healthz`)).status).toBe(200);
    } finally {
      await cluster.redis.restart();
    }
    for (const node of [A, B]) {
      await waitFor(async () => (await fetch(`${node.url}/readyz`)).status === 200, {
        what: '/readyz to recover',
      });
    }
    // AOF with appendfsync always: the accounts made before the crash are still there.
    expect((await admin.get('/api/me')).status).toBe(200);
  });

  it('when a node gets SIGTERM, then its sockets are told and disconnected and it exits 0', async () => {
    const node = await cluster.addNode();
    try {
      const { agent } = await member(node);
      const socket = await open(node.url, { cookie: agent.cookie() });
      const seen = watch(socket);
      const code = await stopOrKill(node);
      expect(code).toBe(0);
      expect(await seen.gone).toMatch(/transport close|io server disconnect/);
      expect(seen.events).toContain('server:draining');
      expect(node.output.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    } finally {
      await stopOrKill(node);
    }
  });

  it('when all of the above has run, then no node logged a passphrase, a session token, an invite code, an IP address or an error', () => {
    const lines = cluster.output();
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((l) => l.includes('"route":"/api/auth/login"'))).toBe(true);
    // The bootstrap invite is printed on purpose, once, by the first node.
    const printed = lines.filter((l) => l.includes(cluster.bootstrapInvite));
    expect(printed).toHaveLength(1);
    expect(printed[0]?.startsWith('{')).toBe(false);
    // Infrastructure endpoints are configuration, not anybody's address: the bind address and Redis's.
    const redisEndpoint = new URL(cluster.redis.url).host;
    const scanned = lines
      .filter((l) => l !== printed[0])
      .map((l) => withoutBindAddress(l).replaceAll(redisEndpoint, '<redis>'));
    for (const secret of secrets) {
      expect(scanned.filter((l) => l.includes(secret))).toEqual([]);
    }
    expect(scanned.filter((l) => /\b127\.0\.0\.1\b|::1\b|::ffff:/.test(l))).toEqual([]);
    // Nothing above was unexpected for the server: no error-level lines, no crash output.
    expect(lines.filter((l) => /"level":(50|60)|ERR_HTTP_HEADERS_SENT|^\s+at /.test(l))).toEqual([]);
  });
});

/**
 * The 'listening' line names the interface the server binds to (`HOST`, 127.0.0.1 in tests): configuration,
 * not a client's address. Everything else in the line is still scanned.
 */
function withoutBindAddress(line: string): string {
  if (!line.startsWith('{')) return line;
  const entry = JSON.parse(line) as Record<string, unknown>;
  if (entry.msg !== 'listening') return line;
  delete entry.host;
  return JSON.stringify(entry);
}
