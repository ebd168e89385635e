import {
  derivePassphraseSecrets,
  wrappingKeyBytes,
  type PassphraseSecrets,
} from '@staffroom/shared/crypto/passphrase-kdf';
import type { ServerInfo, WrapShare } from '@staffroom/shared/schemas/accounts';
import { api } from './api';

export type { PassphraseSecrets };

/**
 * The browser's side of `shared/src/crypto/passphrase-kdf.ts`. The passphrase typed on a page goes through
 * `deriveSecrets` and is dropped: the server receives only the auth secret; the wrap secret stays in memory just
 * long enough to open (or make, or re-wrap) the one-to-one private key.
 */
let kdfSalt: Promise<string> | null = null;

function deploymentSalt(): Promise<string> {
  kdfSalt ??= api.get<ServerInfo>('/api/info').then(
    (info) => info.kdfSalt,
    (err: unknown) => {
      kdfSalt = null; // unreachable now: ask again next time
      throw err;
    },
  );
  return kdfSalt;
}

/**
 * Argon2id of the passphrase (a fraction of a second to about a second on a phone). The salt comes from the
 * pseudonym's skeleton, so a pseudonym typed with other capitals or separators gives the same secrets. Renaming
 * an account would change the salt: there is no rename today; one would have to re-derive and re-wrap.
 */
export async function deriveSecrets(pseudonym: string, passphrase: string): Promise<PassphraseSecrets> {
  return derivePassphraseSecrets(pseudonym, passphrase, await deploymentSalt());
}

/** The AES-GCM key that wraps the private key: the wrap secret with the server's share (logged-in only). */
export async function wrappingKey(wrapSecret: Uint8Array): Promise<CryptoKey> {
  const { share } = await api.get<WrapShare>('/api/auth/wrap-share');
  const bytes = await wrappingKeyBytes(wrapSecret, share);
  try {
    return await crypto.subtle.importKey('raw', new Uint8Array(bytes), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
  } finally {
    bytes.fill(0);
  }
}
