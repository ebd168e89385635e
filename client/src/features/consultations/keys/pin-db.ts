import { idbStore } from '../../../lib/idb-store';
import { memoryPinStore, type PinStore } from '../model/pins';

/**
 * The device's pins in IndexedDB (its own database, beside the key's): "<my fingerprint> <conversation>" → the
 * other person's public key (JWK). Public keys only: nothing secret is stored here. Where IndexedDB is not
 * available (some private windows) pins live in memory, and the sealed copy on the server restores them.
 */
const DB_NAME = 'staffroom-pins';
const STORE = 'pins';

const run = idbStore(DB_NAME, STORE);

let fallback = memoryPinStore();

export const devicePinStore: PinStore = {
  async load(owner, conversationId) {
    try {
      const value = await run<unknown>('readonly', (s) => s.get(`${owner} ${conversationId}`));
      return typeof value === 'string' ? value : fallback.load(owner, conversationId);
    } catch {
      return fallback.load(owner, conversationId);
    }
  },
  async save(owner, conversationId, key) {
    await fallback.save(owner, conversationId, key);
    try {
      await run('readwrite', (s) => s.put(key, `${owner} ${conversationId}`));
    } catch {
      // Memory only; the sealed copy on the server still restores it.
    }
  },
};

/**
 * Log-out: the device forgets its pins too (which conversations this browser knew is nobody else's business). The
 * sealed copies on the server restore them at the next unlock.
 */
export async function clearDevicePins(): Promise<void> {
  fallback = memoryPinStore();
  try {
    await run('readwrite', (s) => s.clear());
  } catch {
    // Nothing stored on this device.
  }
}
