import { z } from 'zod';
import { K_MIN } from '../limits.js';
import { SupportResource } from './messages.js';

/**
 * The weekly wellness pulse: six single items, each on a labelled scale, each skippable. Where a validated
 * single item exists it is used as published (wording adapted only to "teaching" where the original says
 * "work"); where none exists the item is Staffroom's own and says so. `source` is shown on the "about the
 * pulse" page, so the citation lives with the wording it justifies.
 */
export interface PulseItem {
  id: PulseItemId;
  /** The question as the teacher reads it. */
  question: string;
  /** One label per point, lowest value first; the stored value is the index + 1. */
  labels: readonly string[];
  /** True when a higher value means feeling worse (stress, burnout, isolation): charts say so. */
  higherIsWorse: boolean;
  /** The instrument, in one line. */
  source: string;
  /** How it was validated, or that it was not. */
  note: string;
}

export const PULSE_ITEM_IDS = ['stress', 'burnout', 'satisfaction', 'isolation', 'stay', 'growth'] as const;
export const PulseItemId = z.enum(PULSE_ITEM_IDS);
export type PulseItemId = z.infer<typeof PulseItemId>;

export const PULSE_ITEMS: readonly PulseItem[] = [
  {
    id: 'stress',
    question:
      'Stress means feeling tense, restless, nervous or anxious, or being unable to sleep because your mind is troubled. Do you feel this kind of stress these days?',
    labels: ['Not at all', 'Only a little', 'To some extent', 'Rather much', 'Very much'],
    higherIsWorse: true,
    source:
      'Single-item measure of stress symptoms: Elo, Leppänen & Jahkola (2003), Scand J Work Environ Health 29(6):444–451.',
    note: 'Validated against longer stress and well-being scales in occupational cohorts.',
  },
  {
    id: 'burnout',
    question: 'Overall, based on your definition of burnout, how would you rate your level of burnout?',
    labels: [
      'I enjoy my work; no symptoms of burnout',
      'Occasionally under stress, but not burned out',
      'Definitely burning out; some symptoms',
      'Symptoms of burnout won’t go away',
      'Completely burned out',
    ],
    higherIsWorse: true,
    source:
      'Single-item burnout measure: Rohland, Kruse & Rohrer (2004), Stress and Health 20(2):75–79 (the Physician Worklife Study item).',
    note: 'Correlates with the emotional-exhaustion scale of the Maslach Burnout Inventory; Dolan et al. (2015), J Gen Intern Med 30(5):582–587.',
  },
  {
    id: 'satisfaction',
    question: 'All in all, how satisfied are you with your job as a teacher?',
    labels: ['Very dissatisfied', 'Dissatisfied', 'Neither', 'Satisfied', 'Very satisfied'],
    higherIsWorse: false,
    source:
      'Single-item overall job satisfaction: Wanous, Reichers & Hudy (1997), J Appl Psychol 82(2):247–252; wording as in OECD TALIS 2018 (“All in all, I am satisfied with my job”).',
    note: 'Meta-analytic correlation of about .63 with multi-item job satisfaction scales.',
  },
  {
    id: 'isolation',
    question: 'This week, how often did you feel isolated from other teachers?',
    labels: ['Hardly ever', 'Some of the time', 'Often'],
    higherIsWorse: true,
    source:
      'The “isolated from others” item of the three-item UCLA Loneliness Scale: Hughes, Waite, Hawkley & Cacioppo (2004), Research on Aging 26(6):655–672.',
    note: 'Adapted: “from others” reads “from other teachers”, and the period is this week. One item of a three-item scale, not the scale.',
  },
  {
    id: 'stay',
    question: 'How likely is it that you will still be teaching next school year?',
    labels: ['Very unlikely', 'Unlikely', 'Not sure', 'Likely', 'Very likely'],
    higherIsWorse: false,
    source:
      'Intention to stay, adapted from the teaching-plans question of the NCES Schools and Staffing Survey / National Teacher and Principal Survey.',
    note: 'Not a validated single item: a programme indicator, read as a trend, not a prediction for anyone.',
  },
  {
    id: 'growth',
    question: 'This week, did you learn something that will help your teaching?',
    labels: ['No', 'A little', 'Yes, something useful', 'Yes, a lot'],
    higherIsWorse: false,
    source:
      'Staffroom’s own item for professional growth, after the “impact of professional development” questions of OECD TALIS 2018.',
    note: 'No validated single item exists for weekly professional growth: read it as a programme indicator.',
  },
];

export const pulseItem = (id: PulseItemId): PulseItem => {
  const item = PULSE_ITEMS.find((i) => i.id === id);
  if (!item) throw new Error(`unknown pulse item ${id}`);
  return item;
};

/** Cohorts fixed and non-overlapping, computed by the server at answer time (never self-declared). */
export const COHORTS = ['one-to-one', 'groups-only', 'neither'] as const;
export const Cohort = z.enum(COHORTS);
export type Cohort = z.infer<typeof Cohort>;
export const COHORT_LABELS: Record<Cohort, string> = {
  'one-to-one': 'In one-to-one support',
  'groups-only': 'In groups only',
  neither: 'Neither',
};

/** Self-declared on the pulse, optional: an answer that does not say counts as "not first year or not said". */
export const Band = z.enum(['first-year', 'other']);
export type Band = z.infer<typeof Band>;

/** Every group the programme view describes: everyone, the three cohorts, and the two bands. */
export const PULSE_GROUPS = ['all', ...COHORTS, 'first-year', 'not-first-year'] as const;
export const PulseGroup = z.enum(PULSE_GROUPS);
export type PulseGroup = z.infer<typeof PulseGroup>;
export const GROUP_LABELS: Record<PulseGroup, string> = {
  all: 'All teachers',
  ...COHORT_LABELS,
  'first-year': 'First-year teachers',
  'not-first-year': 'Other teachers (or not said)',
};

/** A week is named by the date (UTC) its first day begins: `2026-11-30`. */
export const WeekId = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const answerShape = Object.fromEntries(
  PULSE_ITEMS.map((item) => [item.id, z.number().int().min(1).max(item.labels.length).optional()]),
) as Record<PulseItemId, z.ZodOptional<z.ZodNumber>>;

/** One pulse: any subset of the items (all skipped is a valid, counted participation), band optional. */
export const PulseBody = z.strictObject({
  answers: z.strictObject(answerShape),
  band: Band.optional(),
});
export type PulseBody = z.infer<typeof PulseBody>;

export const PulseStatus = z.object({
  week: WeekId,
  /** This account has already taken this week's pulse (the server knows that, never what was answered). */
  answered: z.boolean(),
  /** When this week's pulse closes (ms since epoch). */
  closesAt: z.number(),
});
export type PulseStatus = z.infer<typeof PulseStatus>;

/**
 * The teacher's own history, sealed on their device (AES-GCM under a key only their identity key derives).
 * The plaintext is padded to a fixed block before sealing, so the length says little about what is inside.
 */
export const SealedHistory = z.strictObject({
  ciphertext: z
    .string()
    .min(1)
    .max(64 * 1024),
  iv: z.string().min(1).max(64),
});
export type SealedHistory = z.infer<typeof SealedHistory>;

/** What the device seals: one entry per week answered. */
export const HistoryEntry = z.object({
  week: WeekId,
  answers: z.partialRecord(PulseItemId, z.number().int().min(1).max(5)),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Why a figure is not shown, in words a coordinator can act on (the client has the sentences). */
export const Suppression = z.enum([
  /** Fewer than k people in this group answered. */
  'fewer-than-k',
  /** Hidden so that it cannot be worked out from the other figures by subtraction. */
  'complementary',
  /** The whole week is below k, so no group of it is shown. */
  'week-below-k',
]);
export type Suppression = z.infer<typeof Suppression>;

export const ItemFigures = z.object({
  /** People per answer value, lowest first. */
  counts: z.array(z.number()),
  skipped: z.number(),
  /** Mean over those who answered, with a 95% interval; null when fewer than k answered the item. */
  mean: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
});
export type ItemFigures = z.infer<typeof ItemFigures>;

export const GroupFigures = z.object({
  group: PulseGroup,
  /** People in the group who took the pulse; null when suppressed. */
  n: z.number().nullable(),
  suppressed: Suppression.nullable(),
  items: z.partialRecord(PulseItemId, ItemFigures).nullable(),
});
export type GroupFigures = z.infer<typeof GroupFigures>;

export const WeekFigures = z.object({
  week: WeekId,
  /** Teachers signed up (the participation denominator); null when fewer than k. */
  teachers: z.number().nullable(),
  respondents: z.number().nullable(),
  /** respondents / teachers; null when either side (answered, or not answered) is fewer than k people. */
  participation: z.number().nullable(),
  groups: z.array(GroupFigures),
  /**
   * Participation per support cohort: teachers in the cohort (counted when the week closed) and the share who took
   * the pulse. Bands have no such figure: the first-year band is said only on the pulse, so it has no denominator.
   */
  cohorts: z.array(
    z.object({
      cohort: Cohort,
      teachers: z.number().nullable(),
      participation: z.number().nullable(),
      suppressed: Suppression.nullable(),
    }),
  ),
});
export type WeekFigures = z.infer<typeof WeekFigures>;

export const ActivityFigures = z.object({
  groups: z.number(),
  /** Memberships across all groups; null when fewer than k. */
  groupMembers: z.number().nullable(),
  supportWaiting: z.number().nullable(),
  supportActive: z.number().nullable(),
  feedbackResponses: z.number().nullable(),
});
export type ActivityFigures = z.infer<typeof ActivityFigures>;

/** "Tell the coordinators anything about Staffroom": stored with no account and only the week. */
export const FeedbackBoxBody = z.strictObject({
  text: z.string().trim().min(1).max(1_000),
  /** Sent anyway after the privacy guard said it may identify someone. */
  confirmIdentifying: z.boolean().optional(),
});
export type FeedbackBoxBody = z.infer<typeof FeedbackBoxBody>;

/** The answer to a feedback-box comment: crisis resources when the text suggested the writer may be at risk. */
export const FeedbackBoxResult = z.object({
  ok: z.literal(true),
  support: z.array(SupportResource).optional(),
});
export type FeedbackBoxResult = z.infer<typeof FeedbackBoxResult>;

/** Time from a one-to-one request to its match, by the week it was matched. */
export const MATCH_BUCKETS = ['under a day', '1 to 3 days', '3 to 7 days', 'over a week'] as const;
/** Length of one-to-one support, by the week it ended. */
export const LENGTH_BUCKETS = ['under 2 weeks', '2 to 6 weeks', '6 to 12 weeks', 'over 12 weeks'] as const;
/** How one-to-one support ended. */
export const ENDINGS = ['teacher-closed', 'consultant-closed', 'blocked'] as const;
export const Ending = z.enum(ENDINGS);
export type Ending = z.infer<typeof Ending>;
export const ENDING_LABELS: Record<Ending, string> = {
  'teacher-closed': 'Closed at the teacher’s proposal',
  'consultant-closed': 'Closed at the consultant’s proposal',
  blocked: 'Ended by a block',
};

/**
 * A split of one group of people into categories (time-to-match buckets, endings …): each count null when
 * hidden, with the reason, by the same primary and complementary suppression as the pulse cohorts.
 */
export const SplitFigures = z.object({
  counts: z.array(z.number().nullable()),
  suppressed: z.array(Suppression.nullable()),
});
export type SplitFigures = z.infer<typeof SplitFigures>;

/** Programme activity of one closed week: counts and aggregates only, each about at least k people. */
export const ActivityWeek = z.object({
  week: WeekId,
  /** False when the week was not recorded (before activity was counted, or nothing ran that week). */
  recorded: z.boolean(),
  /** People who posted in any group that week; the group figures below are shown only when ≥ k. */
  activeMembers: z.number().nullable(),
  activeGroups: z.number().nullable(),
  messages: z.number().nullable(),
  meetings: z.number().nullable(),
  /** One-to-one requests made that week (one open request per teacher: a count of people). */
  requests: z.number().nullable(),
  /** Requests matched that week: how many, the median wait (hours; only when no bucket is hidden), the wait by bucket. */
  matched: z.object({ n: z.number(), medianHours: z.number().nullable(), buckets: SplitFigures }).nullable(),
  /** One-to-one support that ended that week: how, and after how long (`ENDINGS`, `LENGTH_BUCKETS`). */
  ended: z
    .object({
      n: z.number(),
      medianDays: z.number().nullable(),
      endings: SplitFigures,
      lengths: SplitFigures,
    })
    .nullable(),
});
export type ActivityWeek = z.infer<typeof ActivityWeek>;

/** Closing feedback of one closed month (its entries carry the month only): helpfulness 1–5, recommend. */
export const FeedbackMonth = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  n: z.number().nullable(),
  meanHelpfulness: z.number().nullable(),
  /** People per helpfulness score 1 … 5. */
  scores: SplitFigures.nullable(),
  /** Share who would recommend it; null unless both those who would and those who would not are ≥ k. */
  recommend: z.number().nullable(),
});
export type FeedbackMonth = z.infer<typeof FeedbackMonth>;

/** Comments released together: at least k of them, over whole closed weeks, in alphabetical order. */
export const FeedbackBatch = z.object({
  from: WeekId,
  to: WeekId,
  comments: z.array(z.string()),
});
export type FeedbackBatch = z.infer<typeof FeedbackBatch>;

export const ProgrammeWellness = z.object({
  k: z.number(),
  /** Anonymous feedback box, in batches of at least k; comments from later weeks wait for their batch. */
  feedback: z.array(FeedbackBatch),
  /** Only closed weeks: a week still open would let two looks a day apart isolate one answer. */
  weeks: z.array(WeekFigures),
  activity: ActivityFigures,
  /** Weekly programme activity, the same closed weeks as `weeks`. */
  activityWeeks: z.array(ActivityWeek),
  /** Closing feedback of one-to-one support per closed month, newest last. */
  closingFeedback: z.array(FeedbackMonth),
});
export type ProgrammeWellness = z.infer<typeof ProgrammeWellness>;

export const ProgrammeWellnessQuery = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(52).default(12),
  /** Only this group's figures (the suppression is the same whatever is asked: it is decided per week). */
  group: PulseGroup.optional(),
});

/** The smallest k a deployment may configure. */
export const PULSE_K_MIN = K_MIN;
