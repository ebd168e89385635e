/** Every Redis key the retention capability owns. `p` is the deployment prefix from config. */
export const retentionKeys = (p: string) => ({
  /**
   * string with TTL: the random token of the node running the retention sweep (SET NX PX), so one node sweeps
   * at a time. retention: deleted by its holder when the sweep ends (only if it still holds its token);
   * otherwise it expires `SWEEP_LOCK_MS` after the holder last extended it (a node that died mid-sweep).
   */
  sweepLock: () => `${p}retention:lock`,
  /**
   * string: the number of days this group's moderators chose to keep its messages (at most
   * `HISTORY_RETENTION_DAYS`; absent: the deployment's value). In the group's hash tag (same cluster slot).
   * retention: as long as the group; deleted when its moderators go back to the deployment's value.
   */
  groupDays: (groupId: string) => `${p}grp:{${groupId}}:retention`,
});
