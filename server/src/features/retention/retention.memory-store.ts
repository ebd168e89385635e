import type { GroupRetentionStore } from './retention.store.js';

/** Embedded mode: in this process, gone at exit. Same contract as the Redis store. */
export function createMemoryRetentionStore(): GroupRetentionStore {
  const days = new Map<string, number>();
  return {
    async groupDays(groupIds) {
      return groupIds.map((id) => days.get(id) ?? null);
    },
    async setGroupDays(groupId, value) {
      if (value === null) days.delete(groupId);
      else days.set(groupId, value);
    },
  };
}
