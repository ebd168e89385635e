import { createHash, generateKeyPairSync, webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  derivePassphraseSecrets,
  fromBase64Url,
  hkdfSha256,
  wrappingKeyBytes,
} from '@staffroom/shared/crypto/passphrase-kdf';
import type { KeyBundle } from '@staffroom/shared/schemas/consultations';
import {
  conversationKey,
  seal,
  unlockIdentity,
  unseal,
  type Identity,
} from '../../client/src/lib/e2e-crypto.js';
import { launchBrowser, watchProblems, type PageProblems } from '../support/browser.js';
import { logInFresh, signUpFresh, startCluster, type TestCluster } from '../support/cluster.js';
import { browserWrappingKey, createInvite, uniquePseudonym, type Agent } from '../support/http.js';
import { connect, type TestSocket } from '../support/socket.js';

/**
 * Issue 10, items 1 and 2, in a real Chromium against two real nodes on one real Redis: the passphrase never
 * leaves the browser in a usable form, and changing it swaps the log-in and the key wrap together.
 */
describe('the passphrase stays in the browser', () => {
  let cluster: TestCluster;
  let browser: Browser | undefined;
  let memberInvite = '';
  const contexts: BrowserContext[] = [];
  const sockets: TestSocket[] = [];

  /** Non-ASCII on purpose, so its NFC and NFD spellings differ. */
  const PASSPHRASE = 'Grading papers at dawn with a café au lait';
  const NEW_PASSPHRASE = 'Slow rain over the playground, nearly June';
  const pseudonym = uniquePseudonym('Wren');

  /** Every request body this browser sent, and every API response body it received. */
  interface Captured {
    requests: { url: string; body: string }[];
    responses: { url: string; body: string }[];
  }

  async function open(url: string): Promise<{ page: Page; captured: Captured; problems: PageProblems }> {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ baseURL: url, viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const problems = await watchProblems(context);
    const page = await context.newPage();
    const captured: Captured = { requests: [], responses: [] };
    page.on('request', (req) => {
      const body = req.postData();
      if (body !== null) captured.requests.push({ url: req.url(), body });
    });
    page.on('response', (res) => {
      if (!new URL(res.url()).pathname.startsWith('/api/')) return;
      void res.text().then(
        (body) => captured.responses.push({ url: res.url(), body }),
        () => undefined,
      );
    });
    return { page, captured, problems };
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  /** The key-store fetched the server share and stored the unlocked key in IndexedDB. */
  async function keyReady(page: Page): Promise<void> {
    await page.waitForFunction(
      async () =>
        new Promise<boolean>((resolve) => {
          const req = indexedDB.open('staffroom-keys');
          req.onerror = () => resolve(false);
          req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains('identity')) {
              db.close();
              return resolve(false);
            }
            const get = db.transaction('identity').objectStore('identity').get('current');
            get.onsuccess = () => {
              db.close();
              resolve(Boolean(get.result));
            };
            get.onerror = () => resolve(false);
          };
        }),
      undefined,
      { timeout: 30_000, polling: 250 },
    );
  }

  /** Every key of this deployment's Redis and everything in it, as text (SCAN + DUMP + a typed read). */
  async function redisDump(): Promise<{ text: string; hashes: Record<string, string>[] }> {
    const client = cluster.redis.client();
    try {
      const parts: string[] = [];
      const hashes: Record<string, string>[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${cluster.redis.prefix}*`, 'COUNT', 500);
        cursor = next;
        for (const key of keys) {
          const dumped = await client.dumpBuffer(key);
          parts.push(key, dumped ? dumped.toString('latin1') : '');
          const type = await client.type(key);
          if (type === 'string') parts.push((await client.get(key)) ?? '');
          else if (type === 'hash') {
            const h = await client.hgetall(key);
            hashes.push(h);
            parts.push(JSON.stringify(h));
          } else if (type === 'list') parts.push(JSON.stringify(await client.lrange(key, 0, -1)));
          else if (type === 'set') parts.push(JSON.stringify(await client.smembers(key)));
          else if (type === 'zset') parts.push(JSON.stringify(await client.zrange(key, 0, -1, 'WITHSCORES')));
          else if (type === 'stream') parts.push(JSON.stringify(await client.xrange(key, '-', '+')));
        }
      } while (cursor !== '0');
      return { text: parts.join('\n'), hashes };
    } finally {
      client.disconnect();
    }
  }

  const wrapData = (publicKey: string) => new TextEncoder().encode(`staffroom/identity/v1\0${publicKey}`);

  /** True when these 32 bytes, as an AES-GCM key, open the bundle (with or without the public key bound). */
  async function opens(bundle: KeyBundle, keyBytes: Uint8Array): Promise<boolean> {
    if (keyBytes.length !== 16 && keyBytes.length !== 32) return false;
    const key = await webcrypto.subtle.importKey('raw', new Uint8Array(keyBytes), 'AES-GCM', false, [
      'decrypt',
    ]);
    for (const additionalData of [wrapData(bundle.publicKey), undefined]) {
      try {
        await webcrypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: Buffer.from(bundle.wrapIv, 'base64'),
            ...(additionalData ? { additionalData } : {}),
          },
          key,
          Buffer.from(bundle.wrappedPrivateKey, 'base64'),
        );
        return true;
      } catch {
        // not this one
      }
    }
    return false;
  }

  /** The passphrase and the simple encodings of it a careless client could send. */
  function spellings(passphrase: string): string[] {
    const forms = new Set<string>();
    for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const) {
      const p = passphrase.normalize(form);
      const bytes = Buffer.from(p, 'utf8');
      forms.add(p);
      forms.add(p.toLowerCase());
      forms.add(JSON.stringify(p).slice(1, -1));
      forms.add(encodeURIComponent(p));
      forms.add(bytes.toString('base64').replace(/=+$/, ''));
      forms.add(bytes.toString('base64url'));
      forms.add(bytes.toString('hex'));
      forms.add(bytes.toString('hex').toUpperCase());
      forms.add(createHash('sha256').update(bytes).digest('hex'));
      forms.add(createHash('sha256').update(bytes).digest('base64url'));
    }
    return [...forms];
  }

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2 });
    const lead = await signUpFresh(cluster.nodes[0]!.url, cluster.bootstrapInvite, uniquePseudonym('Lead'));
    memberInvite = await createInvite(lead.agent, 'member', 5);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await cluster?.stop();
  });

  let first: Awaited<ReturnType<typeof open>>;
  let second: Awaited<ReturnType<typeof open>>;

  it('when a teacher signs up and logs in on another node, then no request carries the passphrase in any spelling, and nothing captured plus a full Redis dump opens any private key', async () => {
    const [A, B] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    first = await open(A.url);
    await first.page.goto('/signup');
    await first.page.getByLabel('Invite code').fill(memberInvite);
    await first.page.getByLabel('Pseudonym').fill(pseudonym);
    await first.page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await first.page.getByRole('button', { name: 'Create my account' }).click();
    await heading(first.page, `Hello, ${pseudonym}`).waitFor({ timeout: 30_000 });
    await keyReady(first.page);

    second = await open(B.url);
    await second.page.goto('/login');
    await second.page.getByLabel('Pseudonym').fill(pseudonym.toLowerCase()); // another spelling, same account
    await second.page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await second.page.getByRole('button', { name: 'Log in' }).click();
    await heading(second.page, `Hello, ${pseudonym}`).waitFor({ timeout: 30_000 });
    await keyReady(second.page);

    // Argon2id ran in WebAssembly under the app's CSP, with nothing refused.
    expect(first.problems).toEqual({ csp: [], errors: [] });
    expect(second.problems).toEqual({ csp: [], errors: [] });

    const requests = [...first.captured.requests, ...second.captured.requests];
    const auth = requests.filter((r) => /\/api\/auth\/(signup|login)$/.test(r.url));
    expect(auth).toHaveLength(2);
    for (const r of auth) expect(Object.keys(JSON.parse(r.body) as object)).toContain('authSecret');
    const forms = spellings(PASSPHRASE);
    for (const r of requests)
      for (const form of forms) expect(r.body.includes(form), `${r.url}: ${form}`).toBe(false);

    const dump = await redisDump();
    for (const form of forms) expect(dump.text.includes(form), form).toBe(false);
    const bundles = dump.hashes
      .filter((h) => h.publicKey && h.wrappedPrivateKey)
      .map(
        (h) =>
          ({
            publicKey: h.publicKey!,
            wrappedPrivateKey: h.wrappedPrivateKey!,
            wrapIv: h.wrapIv!,
            kdf: h.kdf!,
          }) as KeyBundle,
      );
    expect(bundles).toHaveLength(1);

    // The adversary holds every body both browsers sent and received, and the dump. Every token that looks like
    // a secret, decoded every way, is tried as the wrapping key, through the HKDF steps the client uses, and
    // with every token as the server share.
    const everything = [
      ...requests.map((r) => r.body),
      ...first.captured.responses.map((r) => r.body),
      ...second.captured.responses.map((r) => r.body),
      dump.text,
    ].join('\n');
    const tokens = [...new Set(everything.match(/[A-Za-z0-9_\-+/]{20,}={0,2}/g) ?? [])];
    const decodings = (t: string): Uint8Array[] => {
      const out: Uint8Array[] = [new Uint8Array(Buffer.from(t, 'utf8'))];
      try {
        out.push(fromBase64Url(t.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_')));
      } catch {
        // not base64
      }
      if (/^[0-9a-f]+$/i.test(t) && t.length % 2 === 0) out.push(new Uint8Array(Buffer.from(t, 'hex')));
      return out;
    };
    const shares = tokens.filter((t) => /^[A-Za-z0-9_-]{43}$/.test(t));
    expect(shares.length).toBeGreaterThan(0);
    const authSecrets = auth.map((r) => (JSON.parse(r.body) as { authSecret: string }).authSecret);
    for (const s of authSecrets) expect(shares).toContain(s);
    let tries = 0;
    for (const token of tokens) {
      for (const bytes of decodings(token)) {
        const candidates: Uint8Array[] = [
          bytes,
          new Uint8Array(createHash('sha256').update(bytes).digest()),
          await hkdfSha256(bytes, new Uint8Array(0), 'staffroom/wrap/v1'),
          await hkdfSha256(bytes, new Uint8Array(0), 'staffroom/wrap-key/v1'),
        ];
        if (authSecrets.includes(token) || bytes.length === 32)
          for (const share of shares) candidates.push(await wrappingKeyBytes(bytes, share));
        for (const candidate of candidates)
          for (const bundle of bundles) {
            tries += 1;
            expect(await opens(bundle, candidate)).toBe(false);
          }
      }
    }
    expect(tries).toBeGreaterThan(100);

    // With the passphrase (what only the teacher knows) and the share a logged-in session gets, it opens:
    // the attempts above could have succeeded.
    const kdfSalt = (
      JSON.parse(first.captured.responses.find((r) => r.url.endsWith('/api/info'))!.body) as {
        kdfSalt: string;
      }
    ).kdfSalt;
    const share = (
      JSON.parse(first.captured.responses.find((r) => r.url.endsWith('/api/auth/wrap-share'))!.body) as {
        share: string;
      }
    ).share;
    const secrets = await derivePassphraseSecrets(pseudonym, PASSPHRASE, kdfSalt);
    expect(authSecrets).toContain(secrets.authSecret);
    expect(await opens(bundles[0]!, await wrappingKeyBytes(secrets.wrapSecret, share))).toBe(true);
  });

  it('when the teacher changes the passphrase in settings, then the old one is refused, the new one works, the key pair is the same and every other session ends on both nodes; a wrong current passphrase changes nothing', async () => {
    const [A, B] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    // Two more sessions with sockets, one on each node.
    const others: { agent: Agent; socket: TestSocket; ended: string[]; gone: Promise<void> }[] = [];
    for (const node of [A, B]) {
      const { agent, res } = await logInFresh(node.url, pseudonym, PASSPHRASE);
      expect(res.status).toBe(200);
      const socket = await connect(node.url, { cookie: agent.cookie() });
      sockets.push(socket);
      const ended: string[] = [];
      socket.on('session:ended', (e) => ended.push(e.reason));
      const gone = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
      others.push({ agent, socket, ended, gone });
    }
    const watcher = others[0]!.agent;

    // Something sealed with the key before the change, to a peer's key made here.
    const bundleBefore = (await watcher.get('/api/keys')).body.keys as KeyBundle;
    const before: Identity = await unlockIdentity(
      bundleBefore,
      await browserWrappingKey(watcher, pseudonym, PASSPHRASE),
    );
    const peer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const peerPublic = JSON.stringify(peer.publicKey.export({ format: 'jwk' }));
    const sealed = await seal(
      await conversationKey(before, peerPublic, 'c-before'),
      'written before the change',
    );

    // A wrong current secret, straight to the server with a well-formed body: refused, nothing changed.
    const client = cluster.redis.client();
    const me = (await watcher.get('/api/me')).body.me as { id: string };
    /** Exactly what a passphrase change rewrites: the account hash (its bcrypt hash) and the key bundle. */
    const snapshot = async () => ({
      account: await client.hgetall(`${cluster.redis.prefix}account:${me.id}`),
      keys: await client.hgetall(`${cluster.redis.prefix}account:${me.id}:keys`),
    });
    try {
      const untouched = await snapshot();
      const kdfSalt = (await watcher.get('/api/info')).body.kdfSalt as string;
      const wrong = await derivePassphraseSecrets(pseudonym, 'not my passphrase, not at all', kdfSalt);
      const fresh = await derivePassphraseSecrets(pseudonym, NEW_PASSPHRASE, kdfSalt);
      const refused = await watcher.post('/api/auth/passphrase', {
        currentAuthSecret: wrong.authSecret,
        newAuthSecret: fresh.authSecret,
        keys: bundleBefore,
      });
      expect(refused.status).toBe(401);
      expect(refused.body.error).toBe('INVALID_CREDENTIALS');
      expect(await snapshot()).toEqual(untouched);
      expect(others.every((o) => o.socket.connected)).toBe(true);

      // In the browser: a wrong current passphrase is said, and nothing is sent that changes anything.
      const page = first.page;
      await page.goto('/settings');
      const form = page.getByRole('form', { name: 'Change passphrase' });
      await form.getByLabel('Current passphrase', { exact: true }).fill('not my passphrase, not at all');
      await form.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
      await form.getByRole('button', { name: 'Change passphrase' }).click();
      await form
        .getByText('The current passphrase is not right. Nothing was changed.')
        .waitFor({ timeout: 30_000 });
      expect(await snapshot()).toEqual(untouched);

      // The right one.
      await form.getByLabel('Current passphrase', { exact: true }).fill(PASSPHRASE);
      await form.getByRole('button', { name: 'Change passphrase' }).click();
      await form
        .getByRole('status')
        .filter({ hasText: 'Your passphrase is changed' })
        .waitFor({ timeout: 30_000 });
      const after = await snapshot();
      expect(after.account.passHash).toMatch(/^\$2b\$/);
      expect(after.account.passHash).not.toBe(untouched.account.passHash);
      expect(after.keys.publicKey).toBe(untouched.keys.publicKey);
      expect(after.keys.wrappedPrivateKey).not.toBe(untouched.keys.wrappedPrivateKey);
    } finally {
      client.disconnect();
    }

    // Every other session ended, on both nodes, with the reason; the browser on node B says so.
    await Promise.all(others.map((o) => o.gone));
    for (const o of others) {
      expect(o.ended).toEqual(['passphrase-changed']);
      expect((await o.agent.get('/api/me')).status).toBe(401);
    }
    await second.page
      .getByText('Your passphrase was changed on another device', { exact: false })
      .waitFor({ timeout: 15_000 });
    // This session goes on.
    expect(await first.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);

    // Old passphrase refused, new one accepted.
    expect((await logInFresh(B.url, pseudonym, PASSPHRASE)).res.status).toBe(401);
    const { agent: renewed, res } = await logInFresh(B.url, pseudonym, NEW_PASSPHRASE);
    expect(res.status).toBe(200);

    // Same key pair: the new wrap opens the same private key, which still reads what was sealed before.
    const bundleAfter = (await renewed.get('/api/keys')).body.keys as KeyBundle;
    expect(bundleAfter.publicKey).toBe(bundleBefore.publicKey);
    expect(bundleAfter.wrappedPrivateKey).not.toBe(bundleBefore.wrappedPrivateKey);
    await expect(
      unlockIdentity(bundleAfter, await browserWrappingKey(renewed, pseudonym, PASSPHRASE)),
    ).rejects.toBeTruthy();
    const afterIdentity = await unlockIdentity(
      bundleAfter,
      await browserWrappingKey(renewed, pseudonym, NEW_PASSPHRASE),
    );
    expect(await unseal(await conversationKey(afterIdentity, peerPublic, 'c-before'), sealed)).toBe(
      'written before the change',
    );

    // A new browser unlocks with the new passphrase.
    const third = await open(A.url);
    await third.page.goto('/login');
    await third.page.getByLabel('Pseudonym').fill(pseudonym);
    await third.page.getByLabel('Passphrase', { exact: true }).fill(NEW_PASSPHRASE);
    await third.page.getByRole('button', { name: 'Log in' }).click();
    await heading(third.page, `Hello, ${pseudonym}`).waitFor({ timeout: 30_000 });
    await keyReady(third.page);
    expect(third.problems).toEqual({ csp: [], errors: [] });
  });
});
