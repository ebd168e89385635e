import { z } from 'zod';
import { LIMITS } from '../limits.js';

export const ROLES = ['member', 'consultant', 'moderator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Field-level shape only; the rules (`checkPseudonym`, `checkPassphrase`) give the human reasons. */
const pseudonymField = z
  .string()
  .min(1)
  .max(LIMITS.pseudonymMax * 4);
const passphraseField = z
  .string()
  .min(1)
  .max(LIMITS.passphraseMax * 4);

export const SignupBody = z.strictObject({
  invite: z.string().trim().min(1).max(LIMITS.inviteCodeMax),
  pseudonym: pseudonymField,
  passphrase: passphraseField,
});
export type SignupBody = z.infer<typeof SignupBody>;

export const LoginBody = z.strictObject({
  pseudonym: pseudonymField,
  passphrase: passphraseField,
});
export type LoginBody = z.infer<typeof LoginBody>;

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
});
export type ServerInfo = z.infer<typeof ServerInfo>;
