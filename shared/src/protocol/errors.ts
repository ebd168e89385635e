import type { SupportResource } from '../schemas/messages.js';

/**
 * Every error the server can answer with, over HTTP (`{ error, message }`) or a socket ack
 * (`{ ok: false, error: { code, message } }`). One line of doc per code; the HTTP status is beside it.
 */
export const ErrorCode = {
  /** The body or payload does not match the schema (wrong type, missing or unknown field, malformed JSON). */
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  /** The body or frame is larger than allowed. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** No valid session: log in first. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Logged in, but this role or membership may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** The thing does not exist, or you may not know that it exists. */
  NOT_FOUND: 'NOT_FOUND',
  /** Pseudonym and passphrase do not match an account. Deliberately the same for an unknown pseudonym. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Too many failed logins for this pseudonym: locked for a while (see `retryAfterMs`). */
  LOCKED_OUT: 'LOCKED_OUT',
  /** Too many requests or events in a short time (see `retryAfterMs`). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The invite code is unknown, expired, revoked or used up. */
  INVITE_INVALID: 'INVITE_INVALID',
  /** Somebody already uses this pseudonym (compared case-insensitively and by look-alike letters). */
  PSEUDONYM_TAKEN: 'PSEUDONYM_TAKEN',
  /** The pseudonym breaks a rule (length, characters, looks like an email, phone or real name). */
  PSEUDONYM_REJECTED: 'PSEUDONYM_REJECTED',
  /** The passphrase is too short, too long, or too common. */
  PASSPHRASE_REJECTED: 'PASSPHRASE_REJECTED',
  /** The client speaks another protocol version: reload the page. */
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  /** The request came from a page on another origin. */
  ORIGIN_REJECTED: 'ORIGIN_REJECTED',
  /** Accept the group's guidelines before joining it for the first time. */
  GUIDELINES_REQUIRED: 'GUIDELINES_REQUIRED',
  /** The message is longer than allowed after normalising. */
  MESSAGE_TOO_LONG: 'MESSAGE_TOO_LONG',
  /** Nothing is left of the message once markup and invisible characters are removed. */
  MESSAGE_EMPTY: 'MESSAGE_EMPTY',
  /** A moderator muted you in this group until `until`. */
  MUTED: 'MUTED',
  /** You are banned from this group (or from Staffroom). */
  BANNED: 'BANNED',
  /** A moderator locked this group: members can read but not post. */
  GROUP_LOCKED: 'GROUP_LOCKED',
  /** Slow mode: wait `retryAfterMs` before your next message in this group. */
  SLOW_MODE: 'SLOW_MODE',
  /** The message contains a term this community does not allow (with `support` when it also suggested risk). */
  BLOCKED_TERM: 'BLOCKED_TERM',
  /** The message may identify someone (`findings`); edit it, or send again with `confirmIdentifying: true`. */
  PRIVACY_CONFIRM_REQUIRED: 'PRIVACY_CONFIRM_REQUIRED',
  /** The state changed under you (e.g. already a member, already exists). */
  CONFLICT: 'CONFLICT',
  /** The store is not reachable right now; try again shortly. Nothing was changed. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** Something unexpected; nothing was changed. */
  INTERNAL: 'INTERNAL',
  /** This account is being erased: nothing else is possible; its owner can finish the erasure (same passphrase). */
  ACCOUNT_ERASING: 'ACCOUNT_ERASING',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status each code is answered with. */
export const httpStatusOf: Record<ErrorCode, number> = {
  INVALID_PAYLOAD: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_CREDENTIALS: 401,
  LOCKED_OUT: 429,
  RATE_LIMITED: 429,
  INVITE_INVALID: 400,
  PSEUDONYM_TAKEN: 409,
  PSEUDONYM_REJECTED: 400,
  PASSPHRASE_REJECTED: 400,
  PROTOCOL_MISMATCH: 400,
  ORIGIN_REJECTED: 403,
  GUIDELINES_REQUIRED: 428,
  MESSAGE_TOO_LONG: 413,
  MESSAGE_EMPTY: 400,
  MUTED: 403,
  BANNED: 403,
  GROUP_LOCKED: 403,
  SLOW_MODE: 429,
  BLOCKED_TERM: 400,
  PRIVACY_CONFIRM_REQUIRED: 428,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  ACCOUNT_ERASING: 409,
};

/** The error part of an ack or an HTTP error body. `retryAfterMs` comes with rate limits and lockouts. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  retryAfterMs?: number;
  /** The field a validation error is about, when there is one. */
  field?: string;
  /** For MUTED and timed BANNED: when it ends (ms since epoch). */
  until?: number;
  /** For PRIVACY_CONFIRM_REQUIRED: what looks identifying. */
  findings?: { kind: string; match: string }[];
  /**
   * For a refused message (BLOCKED_TERM) that suggested risk: crisis resources, shown to the sender only. The
   * message was not posted, but moderators were alerted (without its text).
   */
  support?: SupportResource[];
}
