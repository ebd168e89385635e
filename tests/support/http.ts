import {
  derivePassphraseSecrets,
  wrappingKeyBytes,
  type PassphraseSecrets,
} from '@staffroom/shared/crypto/passphrase-kdf';

/**
 * Argon2id takes a noticeable fraction of a second in Node, and tests sign up hundreds of members with the same
 * passphrase: derivations are cached per (deployment salt, pseudonym, passphrase). The production parameters
 * are never lowered for tests.
 */
const derivations = new Map<string, Promise<PassphraseSecrets>>();
/** A worker keeps its modules between files (`isolate: false`): the oldest derivations go past this many. */
const MAX_DERIVATIONS = 2_000;

/** The deployment's public salt value, as the browser reads it. */
export async function kdfSaltOf(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/info`);
  const info = (await res.json()) as { kdfSalt?: unknown };
  if (typeof info.kdfSalt !== 'string') throw new Error(`no kdfSalt in /api/info: ${res.status}`);
  return info.kdfSalt;
}

/** What the browser derives from a passphrase on this deployment (cached, see above). */
export async function passphraseSecrets(
  baseUrl: string,
  pseudonym: string,
  passphrase: string,
): Promise<PassphraseSecrets> {
  const salt = await kdfSaltOf(baseUrl);
  const key = JSON.stringify([salt, pseudonym, passphrase]);
  let derived = derivations.get(key);
  if (!derived) {
    derived = derivePassphraseSecrets(pseudonym, passphrase, salt);
    derivations.set(key, derived);
    if (derivations.size > MAX_DERIVATIONS) derivations.delete(derivations.keys().next().value as string);
    derived.catch(() => derivations.delete(key));
  }
  return derived;
}

/** The AES-GCM key that wraps this account's private key, as the browser builds it (needs a logged-in agent). */
export async function wrappingKeyOf(agent: Agent, wrapSecret: Uint8Array): Promise<CryptoKey> {
  const res = await agent.get('/api/auth/wrap-share');
  if (res.status !== 200) throw new Error(`wrap share: ${res.status}`);
  const bytes = await wrappingKeyBytes(wrapSecret, res.body.share as string);
  return crypto.subtle.importKey('raw', new Uint8Array(bytes), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** The wrapping key a browser of this logged-in member builds from a passphrase (right or wrong). */
export async function browserWrappingKey(
  agent: Agent,
  pseudonym: string,
  passphrase: string,
): Promise<CryptoKey> {
  const { wrapSecret } = await passphraseSecrets(agent.baseUrl, pseudonym, passphrase);
  return wrappingKeyOf(agent, wrapSecret);
}

const CREDENTIAL_PATHS = new Set(['/api/auth/signup', '/api/auth/login']);

/**
 * Like the browser: a sign-up or log-in body given with `passphrase` is sent with the auth secret derived from
 * it instead, so tests keep speaking in passphrases while the server never receives one. A body given as a
 * string is sent as is (for tests of what the server refuses).
 */
async function asBrowserSends(baseUrl: string, path: string, body: unknown): Promise<unknown> {
  if (!CREDENTIAL_PATHS.has(path) || typeof body !== 'object' || body === null) return body;
  const { passphrase, ...rest } = body as Record<string, unknown>;
  if (typeof passphrase !== 'string' || typeof rest.pseudonym !== 'string') return body;
  const { authSecret } = await passphraseSecrets(baseUrl, rest.pseudonym, passphrase);
  return { ...rest, authSecret };
}

/** A tiny HTTP client with one cookie jar, like one browser profile. */
export interface Agent {
  baseUrl: string;
  /** The `Cookie` header value this agent would send, for socket handshakes. */
  cookie(): string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult>;
  get(path: string): Promise<HttpResult>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  del(path: string): Promise<HttpResult>;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience: bodies are asserted field by field
  body: any;
}

export function createAgent(baseUrl: string): Agent {
  const jar = new Map<string, string>();
  const agent: Agent = {
    baseUrl,
    cookie: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    async request(method, path, given, headers = {}) {
      const body = await asBrowserSends(baseUrl, path, given);
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          // Sign-up and login are limited per TCP connection, and fetch reuses one connection for every agent:
          // give these their own connection, as requests from different people would have.
          ...(path.startsWith('/api/auth/') ? { connection: 'close' } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(jar.size > 0 ? { cookie: agent.cookie() } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...rest] = (pair ?? '').split('=');
        const value = rest.join('=');
        if (!name) continue;
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name.trim());
        else jar.set(name.trim(), value);
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    get: (path) => agent.request('GET', path),
    post: (path, body, headers) => agent.request('POST', path, body ?? {}, headers),
    del: (path) => agent.request('DELETE', path),
  };
  return agent;
}

let counter = 0;
/** Base-36 digits as letters, for the clock part of a pseudonym. */
const DIGIT_LETTERS = 'abcdefghjk';

/**
 * A pseudonym that passes the rules and is unique within a run. The clock part is written in letters, so the
 * counter's digits are the only ones: seven digits is refused as a phone number, and a worker keeps this module
 * (and so the count) between files.
 */
export function uniquePseudonym(base = 'Tester'): string {
  counter += 1;
  const clock = Date.now()
    .toString(36)
    .slice(-4)
    .replace(/\d/g, (d) => DIGIT_LETTERS[Number(d)] ?? 'a');
  return `${base}${clock}${counter}`;
}

export const GOOD_PASSPHRASE = 'walking by the quiet river at dawn';

/**
 * The body of `POST /api/auth/login` for a pseudonym and passphrase. Every test that builds a raw log-in
 * request goes through this one function, so a change of what the browser sends is made in one place.
 */
export function logInBody(pseudonym: string, passphrase: string = GOOD_PASSPHRASE): Record<string, unknown> {
  return { pseudonym, passphrase };
}

/** Signs up through the real API with an invite; returns the logged-in agent. */
export async function signUp(baseUrl: string, invite: string, pseudonym = uniquePseudonym()): Promise<Agent> {
  const agent = createAgent(baseUrl);
  const res = await agent.post('/api/auth/signup', { invite, pseudonym, passphrase: GOOD_PASSPHRASE });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}

/** An admin creates an invite; returns its code. */
export async function createInvite(
  admin: Agent,
  role: 'member' | 'consultant' | 'moderator' | 'admin' = 'member',
  maxUses = 100,
  expiresInDays = 7,
): Promise<string> {
  const res = await admin.post('/api/invites', { role, maxUses, expiresInDays });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.invite.code as string;
}
