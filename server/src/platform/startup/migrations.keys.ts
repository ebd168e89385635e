/** The Redis keys of the migration runner. */
export const migrationKeys = (p: string) => ({
  /** hash: migration id → when it finished (ISO). retention: forever (one small field per migration ever made). */
  done: () => `${p}migrations`,
  /** string with TTL: the node running one migration now. retention: deleted when it finishes; TTL `lockMs`. */
  lock: (id: string) => `${p}migration-lock:${id}`,
});
