import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KDF_VERSION } from '@staffroom/shared/crypto/passphrase-kdf';
import type { KeyBundle } from '@staffroom/shared/schemas/consultations';
import { createMemoryAccountStore } from '../../server/src/features/accounts/accounts.memory-store.js';
import { createRedisAccountStore } from '../../server/src/features/accounts/accounts.redis-store.js';
import type { AccountStore } from '../../server/src/features/accounts/accounts.store.js';
import { consultationKeys } from '../../server/src/features/consultations/consultations.keys.js';
import { createMemoryConsultationStore } from '../../server/src/features/consultations/consultations.memory-store.js';
import { createRedisConsultationStore } from '../../server/src/features/consultations/consultations.redis-store.js';
import type { ConsultationStore } from '../../server/src/features/consultations/consultations.store.js';
import { contractBackends } from '../support/contract.js';

/**
 * Change passphrase across the two capabilities, composed as app.ts composes them: the account store rewrites
 * the consultations store's key bundle together with the auth hash, in one operation, or not at all.
 */
interface Stores {
  accounts: AccountStore;
  consultations: ConsultationStore;
  /** Another handle on the same data (a second node). */
  again: () => AccountStore;
}

const backends = contractBackends<Stores>(
  () => {
    const keyBundles = new Map<string, KeyBundle>();
    const accounts = createMemoryAccountStore(Date.now, { map: keyBundles });
    return { accounts, consultations: createMemoryConsultationStore(keyBundles), again: () => accounts };
  },
  (redis, prefix) => {
    const slot = { redisKey: consultationKeys(prefix).keys };
    return {
      accounts: createRedisAccountStore(redis, prefix, slot),
      consultations: createRedisConsultationStore(redis, prefix),
      again: () => createRedisAccountStore(redis, prefix, slot),
    };
  },
);

const b64 = (n: number) => randomBytes(n).toString('base64');
const bundle = (overrides: Partial<KeyBundle> = {}): KeyBundle => ({
  publicKey: `{"kty":"EC","x":"${b64(40)}"}`,
  wrappedPrivateKey: b64(150),
  wrapIv: b64(12),
  kdf: KDF_VERSION,
  ...overrides,
});

async function account(s: Stores, passHash = 'hash-one'): Promise<string> {
  const codeHash = randomBytes(32).toString('hex');
  await s.accounts.saveInvite({
    id: randomBytes(6).toString('hex'),
    codeHash,
    role: 'member',
    maxUses: 1,
    uses: 0,
    expiresAt: Date.now() + 60_000,
    createdAt: Date.now(),
    revoked: false,
  });
  const id = randomBytes(9).toString('base64url');
  const pseudonym = `Owl${id}`;
  const outcome = await s.accounts.signUp(
    codeHash,
    { id, pseudonym, skeleton: pseudonym.toLowerCase(), passHash, createdAt: Date.now() },
    Date.now(),
  );
  expect(outcome.ok).toBe(true);
  return id;
}

describe.each(backends)('change passphrase (%s)', (_backend, make) => {
  it('when the hash and the public key are as expected, then the hash and the wrapped key change together', async () => {
    const s = make();
    const id = await account(s);
    const before = bundle();
    await s.consultations.saveKeys(id, before);
    const rewrapped = { ...before, wrappedPrivateKey: b64(150), wrapIv: b64(12) };
    expect(await s.accounts.changePassphrase(id, 'hash-one', 'hash-two', rewrapped)).toBe('ok');
    expect((await s.again().getAccount(id))?.passHash).toBe('hash-two');
    expect(await s.consultations.getKeys(id)).toEqual(rewrapped);
  });

  it('when the hash is not the one checked (a change elsewhere meanwhile), then nothing changes', async () => {
    const s = make();
    const id = await account(s);
    const before = bundle();
    await s.consultations.saveKeys(id, before);
    const outcome = await s.accounts.changePassphrase(id, 'hash-stale', 'hash-two', {
      ...before,
      wrappedPrivateKey: b64(150),
    });
    expect(outcome).toBe('stale');
    expect((await s.accounts.getAccount(id))?.passHash).toBe('hash-one');
    expect(await s.consultations.getKeys(id)).toEqual(before);
  });

  it('when the stored key pair is not the one re-wrapped (a reset elsewhere), or exists when none was sent, or is missing when one was sent, then nothing changes', async () => {
    const s = make();
    const id = await account(s);
    const stored = bundle();
    await s.consultations.saveKeys(id, stored);
    expect(await s.accounts.changePassphrase(id, 'hash-one', 'hash-two', bundle())).toBe('key-changed');
    expect(await s.accounts.changePassphrase(id, 'hash-one', 'hash-two', null)).toBe('key-changed');
    expect((await s.accounts.getAccount(id))?.passHash).toBe('hash-one');
    expect(await s.consultations.getKeys(id)).toEqual(stored);

    const bare = await account(s);
    expect(await s.accounts.changePassphrase(bare, 'hash-one', 'hash-two', bundle())).toBe('key-changed');
    expect((await s.accounts.getAccount(bare))?.passHash).toBe('hash-one');
    expect(await s.consultations.getKeys(bare)).toBeNull();
  });

  it('when the account has no key yet and none is sent, then only the hash changes', async () => {
    const s = make();
    const id = await account(s);
    expect(await s.accounts.changePassphrase(id, 'hash-one', 'hash-two', null)).toBe('ok');
    expect((await s.accounts.getAccount(id))?.passHash).toBe('hash-two');
    expect(await s.consultations.getKeys(id)).toBeNull();
  });

  it('when two changes race from the same checked hash, then exactly one wins and its key is the one stored', async () => {
    const s = make();
    const id = await account(s);
    const before = bundle();
    await s.consultations.saveKeys(id, before);
    const tries = Array.from({ length: 6 }, (_, i) => ({
      hash: `hash-${i}`,
      keys: { ...before, wrappedPrivateKey: b64(150) },
    }));
    const outcomes = await Promise.all(
      tries.map((t) => s.again().changePassphrase(id, 'hash-one', t.hash, t.keys)),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    const winner = tries[outcomes.indexOf('ok')]!;
    expect((await s.accounts.getAccount(id))?.passHash).toBe(winner.hash);
    expect(await s.consultations.getKeys(id)).toEqual(winner.keys);
  });

  it('when several nodes ask for the deployment salt, then the first value is kept for all of them', async () => {
    const s = make();
    const first = randomBytes(32).toString('base64url');
    expect(await s.accounts.kdfSalt(first)).toBe(first);
    expect(await s.again().kdfSalt(randomBytes(32).toString('base64url'))).toBe(first);
    expect(await s.accounts.kdfSalt(randomBytes(32).toString('base64url'))).toBe(first);
  });
});
