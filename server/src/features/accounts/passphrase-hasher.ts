import { createHmac } from 'node:crypto';
import bcrypt from 'bcrypt';

/**
 * Hashes what the browser sends instead of the passphrase: the auth secret derived from it with Argon2id and
 * HKDF (`shared/src/crypto/passphrase-kdf.ts`). The server never sees the passphrase, so its policy (length,
 * common list) is enforced in the browser; here the secret's format is checked by the schema at the edge.
 */
export interface PassphraseHasher {
  hash(authSecret: string): Promise<string>;
  /** Compares against `hash`, or against a dummy hash when there is no account, so both take the same time. */
  verify(authSecret: string, hash: string | null): Promise<boolean>;
  /**
   * The server's share of the key wrapping an account's private key: HMAC(pepper, 'wrap:' + account id),
   * computed on demand and never stored, so a Redis dump alone cannot test passphrase guesses against the
   * wrapped key. Given only to a logged-in session of that account.
   */
  wrapShare(accountId: string): string;
}

/**
 * The secret is reduced with HMAC-SHA-384 under a server-side pepper before bcrypt (OWASP Password Storage Cheat
 * Sheet): a stolen hash is useless without the pepper. The secret is a fixed 43 characters, so bcrypt's 72-byte
 * limit no longer bites; the pre-hash stays for the pepper.
 */
export async function createPassphraseHasher(pepper: string, cost: number): Promise<PassphraseHasher> {
  const prehash = (secret: string) => createHmac('sha384', pepper).update(secret, 'utf8').digest('base64');
  const dummyHash = await bcrypt.hash(prehash('no account has this secret'), cost);
  return {
    hash: (secret) => bcrypt.hash(prehash(secret), cost),
    async verify(secret, hash) {
      const matches = await bcrypt.compare(prehash(secret), hash ?? dummyHash);
      return hash !== null && matches;
    },
    wrapShare: (accountId) =>
      createHmac('sha256', pepper).update(`wrap:${accountId}`, 'utf8').digest('base64url'),
  };
}
