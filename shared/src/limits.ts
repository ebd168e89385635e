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
