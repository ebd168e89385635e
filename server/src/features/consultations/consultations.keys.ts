/** Every Redis key the consultations capability owns. */
export const consultationKeys = (p: string) => ({
  /** hash: account id → consultant profile JSON. retention: as long as the consultant's account. */
  consultants: () => `${p}consultants`,
  /**
   * hash: request id → request JSON.
   * retention: open ones until they finish; deleted `CONSULTATION_RETENTION_DAYS` after matched or withdrawn
   * (the sweep reads `finishedRequests`).
   */
  requests: () => `${p}requests`,
  /** zset: finished request ids by finish time. retention: an id leaves when the sweep deletes its request. */
  finishedRequests: () => `${p}requests:finished`,
  /**
   * hash: holder (consultant account id, or ':self' for the teacher) → sealed intake note copy JSON. Written
   * only while the request is open; deleted when it is matched or withdrawn (and again by the retention sweep).
   */
  intakeNotes: (requestId: string) => `${p}request:${requestId}:intake`,
  /** string: the teacher's one open request (SET NX guards "at most one"). retention: deleted when it closes. */
  openRequest: (teacherId: string) => `${p}account:${teacherId}:open-request`,
  /** zset: offered request ids by offer expiry. retention: an id leaves when the offer is answered or lapses. */
  offers: () => `${p}requests:offered`,
  /** set: request ids waiting for a consultant with room. retention: an id leaves when matched or withdrawn. */
  waiting: () => `${p}requests:waiting`,
  /**
   * hash: conversation id → conversation JSON (participants, status; never content).
   * retention: deleted `CONSULTATION_RETENTION_DAYS` after it closed, with every `convo:{id}:*` key below; a
   * blocked one keeps only this bare record (no content) so the two are never matched again.
   */
  conversations: () => `${p}conversations`,
  /** zset: closed conversation ids by closing time. retention: an id leaves when the sweep purges it. */
  closedConversations: () => `${p}conversations:closed`,
  /** set: conversation ids of an account. retention: as long as the account; an id leaves with its conversation. */
  accountConversations: (accountId: string) => `${p}account:${accountId}:conversations`,
  /**
   * stream: sealed messages of a conversation; entry id `<seq>-0`.
   * retention: about the newest `CONVO_MAX_MESSAGES` (XTRIM every 50 messages); all of it with the conversation.
   */
  messages: (id: string) => `${p}convo:{${id}}:msgs`,
  /** string: the conversation's last seq. retention: as long as the conversation (the sweep deletes it). */
  seq: (id: string) => `${p}convo:{${id}}:seq`,
  /** string with TTL: a client id already stored (idempotency). retention: TTL 24 h (recent ones deleted with the conversation). */
  clientId: (id: string, clientId: string) => `${p}convo:{${id}}:cid:${clientId}`,
  /** hash: role → the last per-sender counter accepted (kept as long as the conversation). */
  counters: (id: string) => `${p}convo:{${id}}:counters`,
  /** hash: role → that side's sealed pin of the other's key (kept as long as the conversation). */
  pins: (id: string) => `${p}convo:{${id}}:pins`,
  /** hash: goal id → sealed goal JSON. retention: at most 30 per conversation, as long as it. */
  goals: (id: string) => `${p}convo:{${id}}:goals`,
  /** hash: check-in id → check-in JSON. retention: at most 60 per conversation, as long as it. */
  checkIns: (id: string) => `${p}convo:{${id}}:checkins`,
  /**
   * hash: the account's public key and wrapped private key (unusable without the passphrase).
   * retention: as long as the account.
   */
  keys: (accountId: string) => `${p}account:${accountId}:keys`,
  /** list: anonymous feedback entries (no account, no conversation). retention: the newest 10,000 (LTRIM). */
  feedback: () => `${p}feedback`,
});
