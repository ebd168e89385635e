import { z } from 'zod';
import { AUTH_SECRET_PATTERN, DEPLOYMENT_SALT_PATTERN } from '../crypto/kdf-format.js';
import { LIMITS } from '../limits.js';
import { KeyBundle } from './consultations.js';
import { SupportResource } from './messages.js';

export const ROLES = ['member', 'consultant', 'moderator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * Coordinators (admins) never read what members wrote (PRODUCT.md, "Users"; moderation/README.md): they moderate no
 * group, cannot join or open one, and get no message, held text nor report note. What they are told
 * (FORBIDDEN) when they try.
 */
export const COORDINATORS_DONT_READ = "Coordinators don't read groups; appoint a moderator to this group.";

/** Field-level shape only; the rule (`checkPseudonym`) gives the human reasons. */
const pseudonymField = z
  .string()
  .min(1)
  .max(LIMITS.pseudonymMax * 4);
/**
 * The passphrase never reaches the server: the browser sends this secret derived from it (see
 * `crypto/passphrase-kdf.ts`), exactly 32 bytes as base64url. A passphrase sent by mistake is refused here,
 * before anything hashes or logs it. The passphrase rules (`checkPassphrase`) can only be enforced in the browser.
 */
const authSecretField = z.string().regex(AUTH_SECRET_PATTERN, 'Expected the derived auth secret.');

export const SignupBody = z.strictObject({
  invite: z.string().trim().min(1).max(LIMITS.inviteCodeMax),
  pseudonym: pseudonymField,
  authSecret: authSecretField,
});
export type SignupBody = z.infer<typeof SignupBody>;

export const LoginBody = z.strictObject({
  pseudonym: pseudonymField,
  authSecret: authSecretField,
});
export type LoginBody = z.infer<typeof LoginBody>;

/**
 * Change passphrase: the current secret proves who asks; the new one replaces it, and the same private key
 * re-wrapped under the new passphrase replaces the stored one in the same store operation (null when the
 * account has no key yet). The public key must be the one stored: a change never swaps the key pair.
 */
export const ChangePassphraseBody = z.strictObject({
  currentAuthSecret: authSecretField,
  newAuthSecret: authSecretField,
  keys: KeyBundle.nullable(),
});
export type ChangePassphraseBody = z.infer<typeof ChangePassphraseBody>;

/** The server's share of the key that wraps the private key, for a logged-in session only. */
export const WrapShare = z.object({ share: z.string().regex(DEPLOYMENT_SALT_PATTERN) });
export type WrapShare = z.infer<typeof WrapShare>;

export const CreateInviteBody = z.strictObject({
  role: Role,
  maxUses: z.number().int().min(1).max(LIMITS.inviteMaxUses),
  expiresInDays: z
    .number()
    .min(1 / 24)
    .max(LIMITS.inviteMaxDays),
  note: z.string().trim().max(80).optional(),
});
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

/** What the client knows about the logged-in account. */
export const Me = z.object({
  id: z.string(),
  pseudonym: z.string(),
  role: Role,
  createdAt: z.number(),
});
export type Me = z.infer<typeof Me>;

export const SessionInfo = z.object({
  id: z.string(),
  device: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const InviteInfo = z.object({
  id: z.string(),
  role: Role,
  maxUses: z.number(),
  uses: z.number(),
  expiresAt: z.number(),
  createdAt: z.number(),
  revoked: z.boolean(),
  note: z.string().optional(),
});
export type InviteInfo = z.infer<typeof InviteInfo>;

/** The answer to creating an invite: the code is shown once and never stored in the clear. */
export const CreatedInvite = InviteInfo.extend({ code: z.string() });
export type CreatedInvite = z.infer<typeof CreatedInvite>;

/** Public facts about this deployment, read by the client before login. */
export const ServerInfo = z.object({
  embedded: z.boolean(),
  protocolVersion: z.number(),
  /** Public, fixed for the deployment's life: mixed into every passphrase salt (see `passphraseSalt`). */
  kdfSalt: z.string().regex(DEPLOYMENT_SALT_PATTERN),
  /**
   * The deployment's crisis contacts. Public so the browser can show them where the server never sees the text: a
   * one-to-one message or an intake note is checked before it is sealed, in the writer's browser.
   */
  crisisResources: z.array(SupportResource),
});
export type ServerInfo = z.infer<typeof ServerInfo>;
