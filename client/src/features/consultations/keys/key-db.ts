import { idbStore } from '../../../lib/idb-store';

/**
 * This device's copy of the unlocked private key, in IndexedDB, so a reload does not ask for the passphrase
 * again. What is stored is a non-extractable `CryptoKey`: the browser keeps its bytes and will use it to derive
 * conversation keys, but no script (ours included) can read it out. No passphrase, no key bytes, no plaintext.
 */
export interface StoredIdentity {
  accountId: string;
  publicKey: string;
  privateKey: CryptoKey;
}

const DB_NAME = 'staffroom-keys';
const STORE = 'identity';
const ENTRY = 'current';

const run = idbStore(DB_NAME, STORE);

function isStored(value: unknown): value is StoredIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredIdentity>;
  return (
    typeof v.accountId === 'string' && typeof v.publicKey === 'string' && v.privateKey instanceof CryptoKey
  );
}

/** The key kept on this device, or null (none, another browser profile, or storage unavailable). */
export async function loadStoredIdentity(): Promise<StoredIdentity | null> {
  try {
    const value = await run<unknown>('readonly', (s) => s.get(ENTRY));
    return isStored(value) ? value : null;
  } catch {
    return null;
  }
}

/** Keeps the key for the next reload; without IndexedDB (some private windows) it stays in memory only. */
export async function storeIdentity(identity: StoredIdentity): Promise<void> {
  if (identity.privateKey.extractable)
    throw new Error('Only a non-extractable key may be kept on the device.');
  try {
    await run('readwrite', (s) => s.put(identity, ENTRY));
  } catch {
    // Memory only: the passphrase prompt will return after a reload.
  }
}

export async function clearStoredIdentity(): Promise<void> {
  try {
    await run('readwrite', (s) => s.delete(ENTRY));
  } catch {
    // Nothing stored, or no IndexedDB: nothing to clear.
  }
}
