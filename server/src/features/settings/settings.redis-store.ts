import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { SupportResource } from '@staffroom/shared/schemas/messages';
import { z } from 'zod';
import { settingsKeys } from './settings.keys.js';
import type { SettingsStore } from './settings.store.js';

const Saved = z.object({ resources: z.array(SupportResource), updatedAt: z.number() });

export function createRedisSettingsStore(redis: Redis, prefix: string): SettingsStore {
  const keys = settingsKeys(prefix);
  return {
    async getCrisisContacts() {
      const raw = await redis.get(keys.crisisContacts());
      if (!raw) return null;
      // Written only by this store; a value that does not parse is treated as unset rather than trusted.
      const parsed = Saved.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    async setCrisisContacts(saved) {
      if (saved) await redis.set(keys.crisisContacts(), JSON.stringify(saved));
      else await redis.del(keys.crisisContacts());
    },
  };
}
