/** Each group's chosen retention (days), or null for the deployment's value. Memory and Redis. */
export interface GroupRetentionStore {
  /** The days each group chose, in the order asked; null where it chose nothing. */
  groupDays(groupIds: readonly string[]): Promise<(number | null)[]>;
  /** Sets a group's days, or goes back to the deployment's value with null. */
  setGroupDays(groupId: string, days: number | null): Promise<void>;
}
