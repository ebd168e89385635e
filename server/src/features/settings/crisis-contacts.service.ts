import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import type { CrisisContacts } from '@staffroom/shared/schemas/settings';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { SettingsStore } from './settings.store.js';

export interface CrisisContactsDeps {
  store: SettingsStore;
  /** From the deployment's configuration (`CRISIS_RESOURCES` or the built-in list): used until a coordinator sets theirs. */
  fallback: SupportResource[];
  /** How long a node trusts its copy before reading the store again: a change reaches every node within this. */
  refreshMs?: number;
  /** Records a coordinator's change in the audit log. */
  audit?: (p: Principal, target: string, reason: string) => Promise<void>;
  now?: () => number;
}

export type CrisisContactsService = ReturnType<typeof createCrisisContactsService>;

/**
 * The crisis contacts shown privately to someone whose words suggest risk. Coordinators can set them in the app;
 * every node reads them through a short-lived copy, so `current()` answers synchronously on the message path
 * and a change is everywhere within `refreshMs`.
 */
export function createCrisisContactsService(deps: CrisisContactsDeps) {
  const now = deps.now ?? Date.now;
  const refreshMs = deps.refreshMs ?? 5_000;
  let copy: CrisisContacts = { resources: deps.fallback, source: 'deployment', updatedAt: null };
  let readAt = -Infinity;
  let reading: Promise<CrisisContacts> | null = null;

  const read = (): Promise<CrisisContacts> => {
    reading ??= deps.store
      .getCrisisContacts()
      .then((saved) => {
        copy = saved
          ? { resources: saved.resources, source: 'coordinator', updatedAt: saved.updatedAt }
          : { resources: deps.fallback, source: 'deployment', updatedAt: null };
        readAt = now();
        return copy;
      })
      // The store is unreachable: keep the last good copy (never leave someone without contacts).
      .catch(() => copy)
      .finally(() => {
        reading = null;
      });
    return reading;
  };

  const requireAdmin = (p: Principal) => {
    if (p.role !== 'admin')
      throw new AppError(ErrorCode.FORBIDDEN, 'Only coordinators (admins) can do this.');
  };

  return {
    /** The contacts in force now; starts a background refresh when the copy is older than `refreshMs`. */
    current(): SupportResource[] {
      if (now() - readAt > refreshMs) void read();
      return copy.resources;
    },
    /** Fresh from the store (for `/api/info` and the coordinator's settings page). */
    async get(): Promise<CrisisContacts> {
      return now() - readAt > refreshMs ? read() : copy;
    },
    /** What the coordinator's settings page shows: the contacts in force and where they come from. */
    async view(p: Principal): Promise<CrisisContacts> {
      requireAdmin(p);
      return read();
    },
    async set(p: Principal, resources: SupportResource[]): Promise<CrisisContacts> {
      requireAdmin(p);
      await deps.store.setCrisisContacts({ resources, updatedAt: now() });
      await deps.audit?.(p, `${resources.length} contact(s)`, 'set in the app');
      readAt = -Infinity;
      return read();
    },
    async reset(p: Principal): Promise<CrisisContacts> {
      requireAdmin(p);
      await deps.store.setCrisisContacts(null);
      await deps.audit?.(p, "the deployment's contacts", 'reset to the configured list');
      readAt = -Infinity;
      return read();
    },
  };
}
