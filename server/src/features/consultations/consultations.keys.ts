/** Every Redis key the consultations capability owns. */
export const consultationKeys = (p: string) => ({
  /** hash: account id → consultant profile JSON. retention: as long as the consultant's account. */
  consultants: () => `${p}consultants`,
  /**
   * hash: request id → request JSON.
   * retention: not yet enforced: kept until the teacher's account is deleted (see issue 12's follow-up).
   */
  requests: () => `${p}requests`,
  /**
   * hash: holder (consultant account id, or ':self' for the teacher) → sealed intake note copy JSON. Written
   * only while the request is open; deleted when it is matched or withdrawn.
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
   * retention: not yet enforced: kept while either participant's account exists (see issue 12's follow-up).
   */
  conversations: () => `${p}conversations`,
  /** set: conversation ids of an account. retention: as long as the account. */
  accountConversations: (accountId: string) => `${p}account:${accountId}:conversations`,
  /**
   * stream: sealed messages of a conversation; entry id `<seq>-0`.
   * retention: about the newest `CONVO_MAX_MESSAGES` (XTRIM every 50 messages).
   */
  messages: (id: string) => `${p}convo:{${id}}:msgs`,
  /** string: the conversation's last seq. retention: as long as the conversation. */
  seq: (id: string) => `${p}convo:{${id}}:seq`,
  /** string with TTL: a client id already stored (idempotency). retention: TTL 24 h. */
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
