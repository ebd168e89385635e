import { createHmac } from 'node:crypto';
import bcrypt from 'bcrypt';

export interface PassphraseHasher {
  hash(passphrase: string): Promise<string>;
  /** Compares against `hash`, or against a dummy hash when there is no account, so both take the same time. */
  verify(passphrase: string, hash: string | null): Promise<boolean>;
}

/**
 * bcrypt reads only the first 72 bytes of its input, so every passphrase is first reduced with HMAC-SHA-384
 * under a server-side pepper (OWASP Password Storage Cheat Sheet): 64 base64 characters, all of them counted.
 * A passphrase that differs only after byte 72 therefore hashes differently.
 */
export async function createPassphraseHasher(pepper: string, cost: number): Promise<PassphraseHasher> {
  const prehash = (passphrase: string) =>
    createHmac('sha384', pepper).update(passphrase.normalize('NFC'), 'utf8').digest('base64');
  const dummyHash = await bcrypt.hash(prehash('no account has this passphrase'), cost);
  return {
    hash: (passphrase) => bcrypt.hash(prehash(passphrase), cost),
    async verify(passphrase, hash) {
      const matches = await bcrypt.compare(prehash(passphrase), hash ?? dummyHash);
      return hash !== null && matches;
    },
  };
}
