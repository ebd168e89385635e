/** Limits both sides enforce; the server is the authority, the client uses them to guide the user. */
export const LIMITS = {
  pseudonymMin: 3,
  pseudonymMax: 24,
  passphraseMin: 10,
  passphraseMax: 128,
  inviteCodeMax: 64,
  /** Largest JSON body the HTTP API reads. */
  httpBodyBytes: 16 * 1024,
  /** Largest socket.io frame (`maxHttpBufferSize`). */
  socketFrameBytes: 64 * 1024,
  inviteMaxUses: 10_000,
  inviteMaxDays: 365,
} as const;

/** Aggregates over fewer people than this are never shown. */
export const K_MIN = 5;

/** Group and message limits. */
export const GROUP_LIMITS = {
  nameMax: 80,
  descriptionMax: 1_000,
  guidelinesMax: 4_000,
  /** Characters a message may have, as typed (after NFC). */
  messageMax: 2_000,
  /** Messages a client gets when it opens a group. */
  openPage: 50,
  /** Largest page of history per request. */
  historyPageMax: 200,
  /** Largest page of history in bytes (about): a page of long messages is cut short, with `more` set. */
  pageBytes: 256 * 1024,
  meetingTitleMax: 120,
  meetingMaxMinutes: 8 * 60,
  searchMax: 80,
} as const;
