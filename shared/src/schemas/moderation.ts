import { z } from 'zod';
import { Id, MemberView } from './groups.js';
import { Message, Seq } from './messages.js';
import { hasVisibleText, INVISIBLE_ONLY_MESSAGE } from '../rules/visible.js';

export const REPORT_REASONS = ['harassment', 'identifying', 'crisis', 'spam', 'other'] as const;
export const ReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  harassment: 'Harassment or unkindness',
  identifying: 'It identifies someone',
  crisis: 'Someone may be at risk',
  spam: 'Spam',
  other: 'Something else',
};

export const ReportStatus = z.enum(['received', 'reviewed', 'action-taken']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** A moderator's reason: required for every destructive action, and recorded in the audit log. */
export const Reason = z.string().trim().min(3).max(300).refine(hasVisibleText, INVISIBLE_ONLY_MESSAGE);
export const Tag = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/** Mute and ban durations in minutes (10 min, 1 h, 24 h or custom up to 90 days). */
export const Minutes = z
  .number()
  .int()
  .min(1)
  .max(90 * 24 * 60);

export const ModerationSettings = z.object({
  locked: z.boolean(),
  /** Slow mode: one message per this many seconds per member (0 = off). */
  slowSeconds: z.number().int().min(0).max(3_600),
  /** Extra blocked terms for this group, on top of the deployment's list. */
  blockedTerms: z
    .array(z.string().trim().min(2).max(40).refine(hasVisibleText, INVISIBLE_ONLY_MESSAGE))
    .max(200),
  /** A "how to respond to a colleague in distress" card is pinned for the group's members (with the contacts). */
  careCard: z.boolean().default(false),
  /**
   * Hold for review: a message the crisis guard flags is not posted; only its sender (with the contacts) and the
   * moderators see it until a moderator releases it to the group or keeps it hidden.
   */
  holdFlagged: z.boolean().default(false),
});
export type ModerationSettings = z.infer<typeof ModerationSettings>;

export const MemberRow = MemberView.extend({
  isModerator: z.boolean(),
  mutedUntil: z.number().nullable(),
});
export type MemberRow = z.infer<typeof MemberRow>;

export const BanRow = z.object({
  id: z.string(),
  groupId: z.string().nullable(),
  name: z.string(),
  until: z.number().nullable(),
  reason: z.string(),
  at: z.number(),
});
export type BanRow = z.infer<typeof BanRow>;

/**
 * Why a message that suggested risk was not posted: a blocked term, its writer muted, the group locked,
 * identifying details its writer has not (yet) confirmed, or longer than a message may be. Absent on alerts raised before it was kept: a blocked term.
 */
export const RefusedFor = z.enum(['blocked-term', 'muted', 'locked', 'identifying', 'too-long']);
export type RefusedFor = z.infer<typeof RefusedFor>;

/** One alert of a grouped at-risk item: the crisis guard flagged this member's message (or refused/held it). */
export const AlertRow = z.object({
  id: z.string(),
  createdAt: z.number(),
  /** The posted message, or the held one (seq 0); null when it was refused and its text not kept. */
  message: Message.nullable(),
  refused: z.boolean().optional(),
  /** With `refused`: why it was not posted. */
  refusedFor: RefusedFor.optional(),
  held: z.enum(['pending', 'released', 'kept']).optional(),
});
export type AlertRow = z.infer<typeof AlertRow>;

export const QueueItem = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  reason: ReportReason,
  note: z.string(),
  urgent: z.boolean(),
  /** Raised by the crisis guard rather than a member. */
  automatic: z.boolean(),
  status: ReportStatus,
  createdAt: z.number(),
  reporter: MemberView.nullable(),
  message: Message.nullable(),
  before: z.array(Message),
  after: z.array(Message),
  /** For an item the crisis guard raised: the member who may be at risk, as the group knows them. */
  subject: MemberView.nullable().optional(),
  /** The message that suggested risk was refused (a blocked term): it was not posted and its text is not kept. */
  refused: z.boolean().optional(),
  /** With `refused`: why it was not posted. */
  refusedFor: RefusedFor.optional(),
  /**
   * Alerts the crisis guard raised about the same member in the same group, this item's own first: one item for
   * one person, and acting on it acts on all of them.
   */
  alerts: z.array(AlertRow).optional(),
  /**
   * Who acknowledged the alerts (a moderator's pseudonym) and when; null while nobody has. Absent on an item that
   * is not urgent, and on one whose member has since deleted their account (`subjectErased`).
   */
  acknowledged: z.object({ by: z.string(), at: z.number() }).nullable().optional(),
  /**
   * The member the alerts were about has deleted their account since: there is nobody left to reach, the alert no
   * longer counts as waiting and is not escalated; resolving it closes it.
   */
  subjectErased: z.boolean().optional(),
  /** Held for review (the group holds flagged messages): visible to its sender and moderators only, until decided. */
  held: z.enum(['pending', 'released', 'kept']).optional(),
  /** The group's settings the supportive actions toggle: the peers' card, and holding flagged messages. */
  careCard: z.boolean().optional(),
  holdFlagged: z.boolean().optional(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const MyReport = z.object({
  id: z.string(),
  groupId: z.string(),
  reason: ReportReason,
  status: ReportStatus,
  createdAt: z.number(),
});
export type MyReport = z.infer<typeof MyReport>;

export const AUDIT_ACTIONS = [
  'remove-message',
  'mute',
  'unmute',
  'kick',
  'ban',
  'unban',
  'ban-global',
  'unban-global',
  'lock',
  'unlock',
  'slow-mode',
  'blocked-terms',
  'appoint-moderator',
  'remove-moderator',
  'resolve-report',
  'create-group',
  'update-group',
  'schedule-meeting',
  'cancel-meeting',
  'create-invite',
  'revoke-invite',
  'reach-out',
  'rotate-join-code',
  'coordinator-open',
  'history-retention',
  'acknowledge',
  'care-card',
  'hold-for-review',
  'release-held',
  'keep-held',
  'assign-consultant',
  'crisis-contacts',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.number(),
  /** The actor's pseudonym. */
  actor: z.string(),
  action: AuditAction,
  groupId: z.string().nullable(),
  /** What was acted on, as moderators see it (a member's name in the group, a message seq, a setting). */
  target: z.string(),
  reason: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A private message from a group's moderation team to one member (kept until that member has read it). */
export const CareMessage = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  text: z.string(),
  at: z.number(),
});
export type CareMessage = z.infer<typeof CareMessage>;
export const CARE_TEXT_MAX = 1_000;

export const ResolveAction = z.enum(['dismiss', 'remove', 'mute', 'ban']);

/** A reporter's own note, in their own words (checked by the guards: the privacy guard asks, risk makes it urgent). */
export const ReportNote = z
  .string()
  .trim()
  .max(500)
  .refine((t) => t === '' || hasVisibleText(t), INVISIBLE_ONLY_MESSAGE)
  .default('');

export const moderationPayloads = {
  remove: z.strictObject({ groupId: Id, seq: Seq, reason: z.string().trim().max(300).optional() }),
  mute: z.strictObject({ groupId: Id, tag: Tag, minutes: Minutes, reason: Reason }),
  unmute: z.strictObject({ groupId: Id, tag: Tag }),
  kick: z.strictObject({ groupId: Id, tag: Tag, reason: Reason }),
  ban: z.strictObject({
    groupId: Id,
    tag: Tag,
    /** null = permanent. */
    minutes: Minutes.nullable(),
    reason: Reason,
    /** Admins only: ban from Staffroom entirely (ends every session). */
    global: z.boolean().default(false),
  }),
  /** Admins: ban an account from Staffroom by pseudonym, whether or not it belongs to any group. */
  banAccount: z.strictObject({
    pseudonym: z.string().trim().min(1).max(40),
    /** null = permanent. */
    minutes: Minutes.nullable(),
    reason: Reason,
  }),
  unban: z.strictObject({ banId: Id, reason: Reason }),
  settings: z.strictObject({
    groupId: Id,
    locked: z.boolean().optional(),
    slowSeconds: ModerationSettings.shape.slowSeconds.optional(),
    blockedTerms: ModerationSettings.shape.blockedTerms.optional(),
    careCard: z.boolean().optional(),
    holdFlagged: z.boolean().optional(),
    reason: Reason,
  }),
  moderator: z.strictObject({ groupId: Id, tag: Tag, on: z.boolean() }),
  /** Admins: appoint an account invited as a moderator by pseudonym, before it has joined (or remove one). */
  appoint: z.strictObject({ groupId: Id, pseudonym: z.string().trim().min(1).max(40), on: z.boolean() }),
  groupRef: z.strictObject({ groupId: Id }),
  rotateJoinCode: z.strictObject({ groupId: Id, reason: Reason }),
  report: z.strictObject({
    groupId: Id,
    seq: Seq,
    reason: ReportReason,
    note: ReportNote,
    /** The note may identify someone (PRIVACY_CONFIRM_REQUIRED): send the report anyway. */
    confirmIdentifying: z.boolean().optional(),
  }),
  resolve: z.strictObject({
    reportId: Id,
    action: ResolveAction,
    minutes: Minutes.nullable().optional(),
    reason: Reason,
  }),
  /** Reach out privately to the member an at-risk item is about. */
  reachOut: z.strictObject({ reportId: Id, text: z.string().trim().min(1).max(CARE_TEXT_MAX) }),
  careRead: z.strictObject({ id: Id }),
  /** "I am on it": stops the escalation of an at-risk item (and of the alerts grouped with it). */
  acknowledge: z.strictObject({ reportId: Id }),
  /** A message held for review: release it to the group, or keep it hidden (never a sanction). */
  held: z.strictObject({ reportId: Id, decision: z.enum(['release', 'keep']) }),
  audit: z.strictObject({
    groupId: Id.optional(),
    action: AuditAction.optional(),
    actor: z.string().max(40).optional(),
    /** Entry id to page back from. */
    before: z
      .string()
      .max(40)
      .regex(/^\d+-\d+$/)
      .optional(),
    limit: z.number().int().min(1).max(200).default(50),
  }),
};
