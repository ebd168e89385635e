import { z } from 'zod';
import { AUTH_SECRET_PATTERN } from '../crypto/kdf-format.js';
import { LIMITS } from '../limits.js';
import { CheckIn, RequestStatus, Sealed, SealedGoal, SealedMessage } from './consultations.js';
import { ReportReason, ReportStatus } from './moderation.js';
import { SealedHistory } from './wellness.js';
import { Role } from './accounts.js';

/**
 * What happens to the member's group messages when the account is erased: `remove` (the default) leaves
 * tombstones, as a moderator removal does; `de-attribute` keeps the text under "Former member", with no link to
 * the account. Either way the stored message no longer names the account, its tag or its alias.
 */
export const EraseMessages = z.enum(['remove', 'de-attribute']);
export type EraseMessages = z.infer<typeof EraseMessages>;

/**
 * Erase my account: proven like a log-in (pseudonym and the auth secret the browser derives from the passphrase),
 * so the owner can retry an interrupted erasure even once every session is gone.
 */
export const EraseAccountBody = z.strictObject({
  pseudonym: z
    .string()
    .min(1)
    .max(LIMITS.pseudonymMax * 4),
  authSecret: z.string().regex(AUTH_SECRET_PATTERN, 'Expected the derived auth secret.'),
  messages: EraseMessages.default('remove'),
});
export type EraseAccountBody = z.input<typeof EraseAccountBody>;

export const EraseAccountResult = z.object({ erased: z.literal(true), messages: EraseMessages });
export type EraseAccountResult = z.infer<typeof EraseAccountResult>;

/** The name shown wherever an erased account used to appear (messages kept de-attributed, the audit log). */
export const FORMER_MEMBER = 'Former member';
/** The tag every de-attributed message carries: the same for all, so it links them to nobody. */
export const FORMER_TAG = 'former-member';

/** One-to-one conversation as exported: sealed, for the owner's browser to open with their key. */
export const ExportConversation = z.object({
  id: z.string(),
  role: z.enum(['teacher', 'consultant']),
  peerName: z.string(),
  /** The peer's public key as the server lists it (null when they have none, or erased their account). */
  peerPublicKey: z.string().nullable(),
  /** My sealed pin of the peer's key, preferred over the server's listing. */
  myPin: Sealed.nullable(),
  seenAs: z.string(),
  status: z.enum(['active', 'closing', 'closed']),
  createdAt: z.number(),
  closedAt: z.number().nullable(),
  messages: z.array(SealedMessage),
  goals: z.array(SealedGoal),
  checkIns: z.array(CheckIn),
});
export type ExportConversation = z.infer<typeof ExportConversation>;

/**
 * Everything the server holds that is the account's own. Other people's data is left out, except what the
 * member could already read in their own one-to-one conversations (the other person's sealed messages, which only
 * the member's key opens) and the other person's name there.
 */
export const AccountExport = z.object({
  format: z.literal('staffroom-export/v1'),
  exportedAt: z.number(),
  account: z.object({ id: z.string(), pseudonym: z.string(), role: Role, createdAt: z.number() }),
  sessions: z.array(z.object({ device: z.string(), createdAt: z.number(), lastSeenAt: z.number() })),
  memberships: z.array(
    z.object({ groupId: z.string(), groupName: z.string(), name: z.string(), joinedAt: z.number() }),
  ),
  groupMessages: z.array(
    z.object({ groupId: z.string(), seq: z.number(), ts: z.number(), name: z.string(), text: z.string() }),
  ),
  reactions: z.array(z.object({ groupId: z.string(), seq: z.number(), kind: z.string() })),
  reports: z.array(
    z.object({
      id: z.string(),
      groupId: z.string(),
      reason: ReportReason,
      note: z.string(),
      status: ReportStatus,
      createdAt: z.number(),
    }),
  ),
  /** The personal pulse trend, sealed under the member's key (the browser opens it). */
  pulseHistory: SealedHistory.nullable(),
  requests: z.array(
    z.object({
      id: z.string(),
      status: RequestStatus,
      createdAt: z.number(),
      grades: z.array(z.string()),
      subjects: z.array(z.string()),
      reasons: z.array(z.string()),
      focus: z.string(),
      workStyles: z.array(z.string()),
    }),
  ),
  consultantProfile: z.record(z.string(), z.unknown()).nullable(),
  conversations: z.array(ExportConversation),
});
export type AccountExport = z.infer<typeof AccountExport>;
