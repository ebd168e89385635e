import type { DeviceStore } from './devices.store.js';

/** Embedded mode: same contract as the Redis store, in this process. */
export function createMemoryDeviceStore(): DeviceStore {
  /** account → device hash → expiry, in insertion (use) order. */
  const byAccount = new Map<string, Map<string, number>>();
  /** device hash → the account that last trusted it, and until when. */
  const known = new Map<string, { accountId: string; expiresAt: number }>();

  return {
    async trust(accountId, deviceHash, expiresAt, max) {
      const devices = byAccount.get(accountId) ?? new Map<string, number>();
      byAccount.set(accountId, devices);
      devices.delete(deviceHash);
      devices.set(deviceHash, expiresAt);
      for (const [hash, until] of devices) {
        if (devices.size <= max && until > Date.now()) continue;
        devices.delete(hash);
        if (known.get(hash)?.accountId === accountId) known.delete(hash);
      }
      known.set(deviceHash, { accountId, expiresAt });
    },
    async isTrusted(accountId, deviceHash, now) {
      return (byAccount.get(accountId)?.get(deviceHash) ?? 0) > now;
    },
    async forgetAll(accountId) {
      for (const hash of byAccount.get(accountId)?.keys() ?? []) {
        if (known.get(hash)?.accountId === accountId) known.delete(hash);
      }
      byAccount.delete(accountId);
    },
    async isKnown(deviceHash, now) {
      return (known.get(deviceHash)?.expiresAt ?? 0) > now;
    },
  };
}
