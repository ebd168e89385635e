import { keyFor } from '@staffroom/shared/privacy/registry';

/** The Redis keys of the migration runner, built through the registry of stored data. */
export const migrationKeys = (p: string) => ({
  /** migration id → when it finished. retention: forever (one small field per migration ever made). */
  done: () => keyFor(p, 'platform.migrationsDone'),
  /** The node running one migration now. retention: deleted when it finishes; TTL `lockMs`. */
  lock: (migrationId: string) => keyFor(p, 'platform.migrationLock', { migrationId }),
});
