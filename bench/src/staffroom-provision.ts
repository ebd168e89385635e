import { createHash } from 'node:crypto';
import { derivePassphraseSecrets } from '@staffroom/shared/crypto/passphrase-kdf';
import { checkPseudonym } from '@staffroom/shared/rules/pseudonym';

export const BENCH_PASSPHRASE = 'walking by the quiet river at dawn';

/** Each node's public passphrase salt (the same on every node of one deployment), asked once per node. */
const kdfSalts = new Map<string, Promise<string>>();

/**
 * The auth secret a bench member signs up with: derived from the passphrase as the browser does, or, with
 * BENCH_FAST_SIGNUP=1 (diagnostics of what comes after the sign-ups, e.g. memory per idle connection on a busy
 * machine), a secret of the same form without the Argon2id work. The server cannot tell (it never sees the
 * passphrase); pair it with scripts/fast-bcrypt.mjs in the servers. Never for a figure of the sign-ups.
 */
export async function benchAuthSecret(pseudonym: string, salt: Promise<string>): Promise<string> {
  if (process.env.BENCH_FAST_SIGNUP === '1')
    return createHash('sha256').update(pseudonym).digest('base64url');
  return (await derivePassphraseSecrets(pseudonym, BENCH_PASSPHRASE, await salt)).authSecret;
}

/** One logged-in browser profile: a cookie jar over fetch. */
export class Agent {
  private readonly jar = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * Like the browser, sign-up sends the auth secret derived from the passphrase (Argon2id, production
   * parameters: about 0.15 s of CPU per account in Node), never the passphrase itself.
   */
  async signUp(invite: string, pseudonym: string): Promise<{ status: number; body: unknown }> {
    let salt = kdfSalts.get(this.baseUrl);
    if (!salt) {
      salt = fetch(`${this.baseUrl}/api/info`)
        .then((r) => r.json() as Promise<{ kdfSalt: string }>)
        .then((info) => info.kdfSalt);
      kdfSalts.set(this.baseUrl, salt);
    }
    const authSecret = await benchAuthSecret(pseudonym, salt);
    return this.post('/api/auth/signup', { invite, pseudonym, authSecret });
  }

  async post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // Sign-up and login are limited per TCP connection (30 a minute): each gets its own, as requests
        // from different people would.
        ...(path.startsWith('/api/auth/') ? { connection: 'close' } : {}),
        ...(this.jar.size > 0 ? { cookie: this.cookie() } : {}),
      },
      body: JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (name) this.jar.set(name.trim(), rest.join('='));
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }
}

function expect<T>(res: { status: number; body: unknown }, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Names like `Bench1042q`: letters and digits, no first+last name, unique skeletons. */
export function benchPseudonym(i: number): string {
  const name = `Bench${i}q`;
  const check = checkPseudonym(name);
  if (!check.ok) throw new Error(`bench pseudonym ${name} is refused: ${check.message}`);
  return name;
}

/**
 * Provisions a Staffroom deployment through its real HTTP API, as people would: the coordinator signs up with
 * the printed bootstrap invite, creates groups and member invites; each member signs up (one bcrypt hash each).
 */
export class StaffroomProvisioner {
  private admin: Agent | null = null;
  private invite: { code: string; usesLeft: number } | null = null;
  private nextAccount = 0;

  constructor(
    private readonly urls: readonly string[],
    private readonly bootstrapInvite: string,
  ) {}

  private async coordinator(): Promise<Agent> {
    if (this.admin) return this.admin;
    const admin = new Agent(this.urls[0]!);
    expect(await admin.signUp(this.bootstrapInvite, 'BenchLeadq'), 201, 'coordinator sign-up');
    this.admin = admin;
    return admin;
  }

  async createGroups(n: number, first: number): Promise<string[]> {
    const admin = await this.coordinator();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const body = expect<{ group: { id: string } }>(
        await admin.post('/api/groups', {
          name: `Bench group ${first + i}`,
          topic: 'general',
          guidelines: 'Be kind. What is said here stays here.',
        }),
        201,
        'create group',
      );
      ids.push(body.group.id);
    }
    return ids;
  }

  private async inviteCode(): Promise<string> {
    if (this.invite && this.invite.usesLeft > 0) {
      this.invite.usesLeft -= 1;
      return this.invite.code;
    }
    const admin = await this.coordinator();
    const maxUses = 10_000;
    const body = expect<{ invite: { code: string } }>(
      await admin.post('/api/invites', { role: 'member', maxUses, expiresInDays: 7 }),
      201,
      'create invite',
    );
    this.invite = { code: body.invite.code, usesLeft: maxUses - 1 };
    return body.invite.code;
  }

  /** Signs up `n` members (spread over the nodes); resolves with each one's session cookie. */
  async signUp(n: number, concurrency = 8, onProgress?: (done: number) => void): Promise<string[]> {
    const cookies: string[] = new Array<string>(n);
    const codes: string[] = [];
    for (let i = 0; i < n; i++) codes.push(await this.inviteCode());
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < n) {
        const i = next++;
        const account = this.nextAccount++;
        const agent = new Agent(this.urls[account % this.urls.length]!);
        expect(await agent.signUp(codes[i]!, benchPseudonym(account)), 201, 'member sign-up');
        cookies[i] = agent.cookie();
        done += 1;
        if (done % 250 === 0) onProgress?.(done);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return cookies;
  }
}
