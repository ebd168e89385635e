import { z } from 'zod';
import { GROUP_LIMITS, LIMITS } from '../limits.js';
import { hasVisibleText, INVISIBLE_ONLY_MESSAGE } from '../rules/visible.js';

/** Group topics, from the peer-support service's reasons for connecting plus the formats it runs. */
export const TOPICS = [
  'new-assignment',
  'outside-subject',
  'complex-class',
  'challenging-class',
  'workload-stress',
  'new-strategy',
  'first-year-evaluation',
  'wellness-focus',
  'problem-solving',
  'general',
] as const;
export const Topic = z.enum(TOPICS);
export type Topic = z.infer<typeof Topic>;

export const TOPIC_LABELS: Record<Topic, string> = {
  'new-assignment': 'New assignment',
  'outside-subject': 'Teaching outside my subject',
  'complex-class': 'Complex class composition',
  'challenging-class': 'A challenging class',
  'workload-stress': 'Workload stress',
  'new-strategy': 'Trying a new strategy',
  'first-year-evaluation': 'First-year evaluation',
  'wellness-focus': 'Wellness focus group',
  'problem-solving': 'Problem-solving workshop',
  general: 'General',
};

export const Visibility = z.enum(['listed', 'invite-only']);
export type Visibility = z.infer<typeof Visibility>;

/** Ids are server-made random strings; the schema only bounds them so a hostile id cannot be huge. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Required text a person types: something visible (see `hasVisibleText`), within `max`. */
const text = (max: number) =>
  z.string().trim().min(1).max(max).refine(hasVisibleText, INVISIBLE_ONLY_MESSAGE);
/** Optional text: empty, or something visible. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((t) => t === '' || hasVisibleText(t), INVISIBLE_ONLY_MESSAGE);

export const CreateGroupBody = z.strictObject({
  name: text(GROUP_LIMITS.nameMax),
  topic: Topic,
  description: optionalText(GROUP_LIMITS.descriptionMax).default(''),
  guidelines: text(GROUP_LIMITS.guidelinesMax),
  visibility: Visibility.default('listed'),
});
export type CreateGroupBody = z.input<typeof CreateGroupBody>;

export const UpdateGroupBody = z.strictObject({
  name: text(GROUP_LIMITS.nameMax).optional(),
  topic: Topic.optional(),
  description: optionalText(GROUP_LIMITS.descriptionMax).optional(),
  guidelines: text(GROUP_LIMITS.guidelinesMax).optional(),
  visibility: Visibility.optional(),
});
export type UpdateGroupBody = z.input<typeof UpdateGroupBody>;

/** A group session's format (programme item 6). Meetings stored before formats existed read as `session`. */
export const SessionFormat = z.enum(['session', 'workshop', 'focus-group']);
export type SessionFormat = z.infer<typeof SessionFormat>;
/** A session's agenda: short text, checked by the privacy guard before it is stored. */
export const AGENDA_MAX = 600;

export const CreateMeetingBody = z.strictObject({
  title: text(GROUP_LIMITS.meetingTitleMax),
  format: SessionFormat.optional(),
  agenda: optionalText(AGENDA_MAX).optional(),
  /** Members may sign up beforehand (the host sees how many, never who). */
  signUp: z.boolean().optional(),
  startsAt: z.number().int().positive(),
  durationMinutes: z.number().int().min(5).max(GROUP_LIMITS.meetingMaxMinutes),
  /** The host's name as shown to members: a pseudonym, never a real name. */
  host: text(LIMITS.pseudonymMax),
  /** The title or agenda may identify someone (PRIVACY_CONFIRM_REQUIRED): schedule it anyway. */
  confirmIdentifying: z.boolean().optional(),
});
export type CreateMeetingBody = z.input<typeof CreateMeetingBody>;

export const Meeting = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  startsAt: z.number(),
  durationMinutes: z.number(),
  host: z.string(),
  format: SessionFormat.optional(),
  agenda: z.string().optional(),
  signUp: z.boolean().optional(),
});
export type Meeting = z.infer<typeof Meeting>;

/** A group as the browse list shows it. */
export const GroupSummary = z.object({
  id: z.string(),
  name: z.string(),
  topic: Topic,
  description: z.string(),
  visibility: Visibility,
  memberCount: z.number(),
  isMember: z.boolean(),
  unread: z.number(),
  nextMeeting: Meeting.nullable(),
  /** Present while this account is banned from the group: it cannot join, so the app does not offer it. */
  banned: z.object({ until: z.number().nullable() }).optional(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

/** A group's page: everything but the messages. */
export const GroupDetail = GroupSummary.extend({
  guidelines: z.string(),
  /** True once this member accepted the current guidelines. */
  guidelinesAccepted: z.boolean(),
  meetings: z.array(Meeting),
  /** Sessions that ended within the last day (still kept): where members answer "was this useful?". */
  endedMeetings: z.array(Meeting).optional(),
  /** Shown to admins only: the code that lets someone join an invite-only group. */
  joinCode: z.string().optional(),
});
export type GroupDetail = z.infer<typeof GroupDetail>;

export const GroupsQuery = z.strictObject({
  topic: Topic.optional(),
  q: z.string().trim().max(GROUP_LIMITS.searchMax).optional(),
});

/** How a member appears in one group: an opaque per-membership tag and the name shown there. */
export const MemberView = z.object({
  tag: z.string(),
  name: z.string(),
});
export type MemberView = z.infer<typeof MemberView>;

/** A meeting in the "this week" list, with its group's name. */
export const WeekMeeting = Meeting.extend({ groupName: z.string() });
export type WeekMeeting = z.infer<typeof WeekMeeting>;

/** A member's sign-up for a session: whether they are signed up, and how many are (a count, never who). */
export const SignUpStatus = z.object({ signedUp: z.boolean(), count: z.number() });
export type SignUpStatus = z.infer<typeof SignUpStatus>;

/** "Was this useful?" after a session: 1 (not at all) to 5 (very). Nothing else is asked. */
export const UsefulBody = z.strictObject({ score: z.number().int().min(1).max(5) });
export type UsefulBody = z.infer<typeof UsefulBody>;

/** What a member sees: whether the question is open and whether they answered. */
export const UsefulStatus = z.object({ open: z.boolean(), answered: z.boolean() });
export type UsefulStatus = z.infer<typeof UsefulStatus>;

/**
 * The host's and coordinators' view: with fewer than `k` answers, only that (no count, no mean);
 * with `k` or more, the number of answers, the mean, and how many gave each score.
 */
export const UsefulSummary = z.object({
  k: z.number(),
  shown: z.boolean(),
  responses: z.number().nullable(),
  mean: z.number().nullable(),
  scores: z.array(z.number()).nullable(),
});
export type UsefulSummary = z.infer<typeof UsefulSummary>;
