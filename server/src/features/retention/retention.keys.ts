import { keyFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the retention capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`).
 */
export const retentionKeys = (p: string) => ({
  /**
   * The random token of the node running the retention sweep (SET NX PX), so one node sweeps at a time.
   * retention: deleted by its holder when the sweep ends (only if it still holds its token); otherwise it
   * expires `SWEEP_LOCK_MS` after the holder last extended it (a node that died mid-sweep).
   */
  sweepLock: () => keyFor(p, 'retention.sweepLock'),
  /**
   * The number of days this group's moderators chose to keep its messages (at most `HISTORY_RETENTION_DAYS`;
   * absent: the deployment's value). In the group's hash tag (same cluster slot). retention: as long as the
   * group; deleted when its moderators go back to the deployment's value.
   */
  groupDays: (groupId: string) => keyFor(p, 'retention.groupDays', { groupId }),
});
