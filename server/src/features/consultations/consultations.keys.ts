/** Every Redis key the consultations capability owns. */
export const consultationKeys = (p: string) => ({
  /** hash: account id → consultant profile JSON. */
  consultants: () => `${p}consultants`,
  /** hash: request id → request JSON. */
  requests: () => `${p}requests`,
  /**
   * hash: holder (consultant account id, or ':self' for the teacher) → sealed intake note copy JSON. Written
   * only while the request is open; deleted when it is matched or withdrawn.
   */
  intakeNotes: (requestId: string) => `${p}request:${requestId}:intake`,
  /** string: the teacher's one open request (SET NX guards "at most one"). */
  openRequest: (teacherId: string) => `${p}account:${teacherId}:open-request`,
  /** zset: offered request ids by offer expiry. */
  offers: () => `${p}requests:offered`,
  /** set: request ids waiting for a consultant with room. */
  waiting: () => `${p}requests:waiting`,
  /** hash: conversation id → conversation JSON (participants, status; never content). */
  conversations: () => `${p}conversations`,
  /** set: conversation ids of an account. */
  accountConversations: (accountId: string) => `${p}account:${accountId}:conversations`,
  /** stream: sealed messages of a conversation; entry id `<seq>-0`. */
  messages: (id: string) => `${p}convo:{${id}}:msgs`,
  seq: (id: string) => `${p}convo:{${id}}:seq`,
  clientId: (id: string, clientId: string) => `${p}convo:{${id}}:cid:${clientId}`,
  /** hash: role → the last per-sender counter accepted (kept as long as the conversation). */
  counters: (id: string) => `${p}convo:{${id}}:counters`,
  /** hash: role → that side's sealed pin of the other's key (kept as long as the conversation). */
  pins: (id: string) => `${p}convo:{${id}}:pins`,
  /** hash: goal id → sealed goal JSON. */
  goals: (id: string) => `${p}convo:{${id}}:goals`,
  /** hash: check-in id → check-in JSON. */
  checkIns: (id: string) => `${p}convo:{${id}}:checkins`,
  /** hash: the account's public key and wrapped private key (unusable without the passphrase). */
  keys: (accountId: string) => `${p}account:${accountId}:keys`,
  /** list: anonymous feedback entries (no account, no conversation). */
  feedback: () => `${p}feedback`,
});
