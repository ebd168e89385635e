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
  /**
   * On a reopen, how far back from `since` removals are looked up (and sent as tombstones): what a client
   * that was away still shows of the newest messages it had.
   */
  removedLookback: 1_000,
  /**
   * On a reopen, how many of the newest messages up to `since` get their current reactions sent again (a page,
   * as `openPage`): what the member most likely still has on screen.
   */
  reactionsLookback: 50,
  /** Largest page of history in bytes (about): a page of long messages is cut short, with `more` set. */
  pageBytes: 256 * 1024,
  meetingTitleMax: 120,
  meetingMaxMinutes: 8 * 60,
  searchMax: 80,
} as const;

/**
 * Resources shared in a one-to-one conversation (links and short documents), sealed in the browser. The server
 * sees only ciphertext and its size: never a title, an address or a file name.
 */
export const RESOURCE_LIMITS = {
  /** A shared document, before sealing. */
  documentBytes: 256 * 1024,
  /** The kinds of document accepted (checked in the browser by type and by content; the server cannot see it). */
  documentTypes: ['text/plain', 'text/markdown', 'application/pdf'] as const,
  titleMax: 120,
  urlMax: 2_000,
  /** Resources one conversation may hold. */
  perConversation: 40,
  /** A sealed link or document description (title, address or file name, the document's key): base64. */
  sealedHeaderChars: 4_000,
  /**
   * A sealed document: the file padded to a multiple of 4 KiB plus AES-GCM's 16 bytes, as base64. The server
   * refuses anything longer with PAYLOAD_TOO_LARGE.
   */
  sealedDocumentChars: Math.ceil((256 * 1024 + 4 * 1024 + 16) / 3) * 4,
  /** The largest body `POST /api/conversations/:id/resources` reads (the sealed document and its header). */
  shareBodyBytes: 400 * 1024,
  /** Sharing is HTTP, not a socket event: its per-account budget (the server's route budget `resource-share`). */
  shareLimit: { points: 20, seconds: 600 },
} as const;
