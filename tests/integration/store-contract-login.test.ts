import { describe, expect, it } from 'vitest';
import { accountKeys } from '../../server/src/features/accounts/accounts.keys.js';
import { createMemoryDeviceStore } from '../../server/src/features/accounts/devices.memory-store.js';
import { createRedisDeviceStore } from '../../server/src/features/accounts/devices.redis-store.js';
import type { DeviceStore } from '../../server/src/features/accounts/devices.store.js';
import { createMemoryThrottleStore } from '../../server/src/features/accounts/login-throttle.memory-store.js';
import { createRedisThrottleStore } from '../../server/src/features/accounts/login-throttle.redis-store.js';
import type { ThrottleRule, ThrottleStore } from '../../server/src/features/accounts/login-throttle.store.js';
import { contractBackends } from '../support/contract.js';

/** The log-in protection's stores (trusted devices, throttles): one behaviour in embedded and Redis mode. */
type Stores = {
  devices: DeviceStore;
  throttle: ThrottleStore;
  pttl: (key: string) => Promise<number | null>;
};
const backends = contractBackends<Stores>(
  () => ({
    devices: createMemoryDeviceStore(),
    throttle: createMemoryThrottleStore(),
    pttl: async () => null,
  }),
  (redis, prefix) => ({
    devices: createRedisDeviceStore(redis, prefix),
    throttle: createRedisThrottleStore(redis, accountKeys(prefix).loginThrottle),
    pttl: async (key) => redis.pttl(`${prefix}${key}`),
  }),
);

const rule = (extra: Partial<ThrottleRule> = {}): ThrottleRule => ({
  free: 3,
  capMs: 60_000,
  budget: 100,
  windowMs: 3_600_000,
  ...extra,
});
const DAY = 24 * 3600_000;

describe.each(backends)('log-in stores contract: %s', (_name, make) => {
  it('throttle: free attempts, then a wait that doubles; a refund keeps the wait, a reset clears it', async () => {
    const { throttle, pttl } = make();
    expect(await throttle.acquire('p:a', rule())).toBe(0);
    expect(await throttle.acquire('p:a', rule())).toBe(0);
    // The third attempt is the last free one, and it sets the first wait (1 s).
    expect(await throttle.acquire('p:a', rule())).toBe(0);
    const wait = await throttle.acquire('p:a', rule());
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1_000);
    await throttle.refund('p:a');
    expect(await throttle.acquire('p:a', rule())).toBeGreaterThan(0);
    const ttl = await pttl('login:p:a');
    if (ttl !== null) expect(ttl).toBeGreaterThan(3_000_000); // expires with its counting window
    await throttle.reset('p:a');
    expect(await throttle.acquire('p:a', rule())).toBe(0);
    expect(await throttle.acquire('p:other', rule())).toBe(0);
  });

  it('throttle: the budget holds whatever the waits, until its window ends', async () => {
    const { throttle } = make();
    const budget = rule({ free: 1_000, budget: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect(await throttle.acquire('anonymous', budget)).toBe(0);
    const wait = await throttle.acquire('anonymous', budget);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
    // A refund gives a slot back (a success on the shared budget).
    await throttle.refund('anonymous');
    expect(await throttle.acquire('anonymous', budget)).toBe(0);
  });

  it('throttle: parallel attempts each take their own slot, so a burst gets no more than the free ones', async () => {
    const { throttle } = make();
    const waits = await Promise.all(Array.from({ length: 20 }, () => throttle.acquire('p:burst', rule())));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
  });

  it('devices: trusted per account until they expire, at most `max` per account, known while trusted', async () => {
    const { devices } = make();
    const now = Date.now();
    await devices.trust('acc1', 'dev-a', now + DAY, 2);
    expect(await devices.isTrusted('acc1', 'dev-a', now)).toBe(true);
    expect(await devices.isTrusted('acc2', 'dev-a', now)).toBe(false);
    expect(await devices.isKnown('dev-a', now)).toBe(true);
    expect(await devices.isKnown('dev-nope', now)).toBe(false);
    // Beyond the bound, the least recently used is forgotten, and stops being a known client.
    await devices.trust('acc1', 'dev-b', now + DAY + 1, 2);
    await devices.trust('acc1', 'dev-c', now + DAY + 2, 2);
    expect(await devices.isTrusted('acc1', 'dev-a', now)).toBe(false);
    expect(await devices.isKnown('dev-a', now)).toBe(false);
    expect(await devices.isTrusted('acc1', 'dev-b', now)).toBe(true);
    expect(await devices.isTrusted('acc1', 'dev-c', now)).toBe(true);
    // One browser trusted by two accounts.
    await devices.trust('acc2', 'dev-c', now + DAY, 2);
    expect(await devices.isTrusted('acc2', 'dev-c', now)).toBe(true);
    expect(await devices.isTrusted('acc1', 'dev-c', now + DAY + 3)).toBe(false);
    // Log out everywhere: the account trusts none of its devices; another account's trust stays.
    await devices.forgetAll('acc1');
    expect(await devices.isTrusted('acc1', 'dev-b', now)).toBe(false);
    expect(await devices.isKnown('dev-b', now)).toBe(false);
    expect(await devices.isTrusted('acc2', 'dev-c', now)).toBe(true);
    expect(await devices.isKnown('dev-c', now)).toBe(true);
  });
});
