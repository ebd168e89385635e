import type { KeyBundle } from '@staffroom/shared/schemas/consultations';
import { unlockIdentity, type Identity } from '../../../lib/e2e-crypto';
import { api } from '../../../lib/api';
import { deriveSecrets, wrappingKey } from '../../../lib/passphrase-secrets';

/**
 * The member's private key, opened here from the passphrase as log-in does (the passphrase is dropped after):
 * null when the account has no key; throws `WrongPassphrase` when it does not open it.
 */
export class WrongPassphrase extends Error {}

export async function identityFromPassphrase(
  pseudonym: string,
  passphrase: string,
): Promise<Identity | null> {
  const secrets = await deriveSecrets(pseudonym, passphrase);
  const { keys } = await api.get<{ keys: KeyBundle | null }>('/api/keys');
  if (!keys) return null;
  try {
    return await unlockIdentity(keys, await wrappingKey(secrets.wrapSecret));
  } catch {
    throw new WrongPassphrase('That passphrase does not open your key.');
  }
}
