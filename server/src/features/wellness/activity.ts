import {
  ENDINGS,
  LENGTH_BUCKETS,
  MATCH_BUCKETS,
  type ActivityWeek,
  type Cohort,
  type Ending,
  type FeedbackMonth,
} from '@staffroom/shared/schemas/wellness';
import { splitFigures } from './aggregate.js';

/**
 * Programme activity as aggregates. Two sources, neither of them content:
 * - counters a node adds to while it runs (messages stored, meetings started; who posted only as a per-week
 *   HMAC token in a HyperLogLog, which groups as ids in a set), held in memory and added to Redis on the pulse
 *   tick, so the message path does no Redis work for them;
 * - a summary computed once per week, shortly after it closes, from the one-to-one records and memberships
 *   (`SupportSummary`, bucket counts and medians only), then frozen: the retention sweep deleting old
 *   records later never moves a figure already shown.
 * `activityWeek` decides what may be shown: people counts ≥ k, splits protected like the pulse cohorts.
 */

/** What is frozen for a closed week. Counts only; the medians are of at least the bucket total. */
export interface FrozenWeek {
  /** Distinct people who posted in any group (HyperLogLog estimate: exact at these sizes). */
  posters: number;
  activeGroups: number;
  /** Teachers per support cohort when the week closed (the participation denominators), summing to `total`. */
  teachers: Record<Cohort, number> & { total: number };
  requests: number;
  matched: { n: number; medianHours: number; buckets: number[] };
  ended: { n: number; medianDays: number; endings: number[]; lengths: number[] };
}

/** Live counters of a week, as stored. */
export interface ActivityCounts {
  messages: number;
  meetings: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const matchBucket = (ms: number) => (ms < DAY ? 0 : ms < 3 * DAY ? 1 : ms < 7 * DAY ? 2 : 3);
const lengthBucket = (ms: number) => (ms < 14 * DAY ? 0 : ms < 42 * DAY ? 1 : ms < 84 * DAY ? 2 : 3);

/** The one-to-one records the summary reads (from the consultations store; no content, no note). */
export interface SupportRecords {
  requests: readonly { createdAt: number; conversationId: string | null }[];
  conversations: readonly {
    id: string;
    createdAt: number;
    status: string;
    closedAt?: number | undefined;
    closeProposedBy: 'teacher' | 'consultant' | null;
    blocked: boolean;
  }[];
}

/** One week's one-to-one summary: requests made, matches made (with their wait), support ended (how, how long). */
export function summariseSupport(
  records: SupportRecords,
  start: number,
  end: number,
): Pick<FrozenWeek, 'requests' | 'matched' | 'ended'> {
  const inWeek = (t: number | undefined) => t !== undefined && t >= start && t < end;
  const requestedAt = new Map<string, number>();
  let requests = 0;
  for (const r of records.requests) {
    if (r.conversationId) requestedAt.set(r.conversationId, r.createdAt);
    if (inWeek(r.createdAt)) requests += 1;
  }
  const waits: number[] = [];
  const lengths: number[] = [];
  const endings = ENDINGS.map(() => 0);
  for (const c of records.conversations) {
    const asked = requestedAt.get(c.id);
    if (inWeek(c.createdAt) && asked !== undefined) waits.push(Math.max(0, c.createdAt - asked));
    if (c.status === 'closed' && inWeek(c.closedAt)) {
      lengths.push(Math.max(0, (c.closedAt as number) - c.createdAt));
      const how: Ending = c.blocked
        ? 'blocked'
        : c.closeProposedBy === 'consultant'
          ? 'consultant-closed'
          : 'teacher-closed';
      endings[ENDINGS.indexOf(how)] = (endings[ENDINGS.indexOf(how)] ?? 0) + 1;
    }
  }
  const buckets = MATCH_BUCKETS.map(() => 0);
  for (const w of waits) buckets[matchBucket(w)] = (buckets[matchBucket(w)] ?? 0) + 1;
  const lengthCounts = LENGTH_BUCKETS.map(() => 0);
  for (const l of lengths) lengthCounts[lengthBucket(l)] = (lengthCounts[lengthBucket(l)] ?? 0) + 1;
  return {
    requests,
    matched: { n: waits.length, medianHours: Math.round(median(waits) / HOUR), buckets },
    ended: {
      n: lengths.length,
      medianDays: Math.round(median(lengths) / DAY),
      endings,
      lengths: lengthCounts,
    },
  };
}

/** Teachers per cohort, made to sum to the total (someone counted twice, or since gone, cannot break it). */
export function cohortTeachers(
  inSupport: number,
  inGroupsOnly: number,
  total: number,
): FrozenWeek['teachers'] {
  const sum = Math.max(total, inSupport + inGroupsOnly);
  return {
    'one-to-one': inSupport,
    'groups-only': inGroupsOnly,
    neither: sum - inSupport - inGroupsOnly,
    total: sum,
  };
}

const complete = (split: { counts: (number | null)[] }) => split.counts.every((c) => c !== null);

function matchedFigures(m: FrozenWeek['matched'], k: number): NonNullable<ActivityWeek['matched']> {
  const buckets = splitFigures(m.buckets, k);
  return { n: m.n, medianHours: complete(buckets) ? m.medianHours : null, buckets };
}

function endedFigures(e: FrozenWeek['ended'], k: number): NonNullable<ActivityWeek['ended']> {
  const lengths = splitFigures(e.lengths, k);
  return {
    n: e.n,
    medianDays: complete(lengths) ? e.medianDays : null,
    endings: splitFigures(e.endings, k),
    lengths,
  };
}

/**
 * What may be shown of one closed week's activity. Group activity (active groups, messages, meetings) rests on
 * the people who posted, so it is shown only when they are ≥ k; each one-to-one figure rests on its own people.
 */
export function activityWeek(
  week: string,
  counts: ActivityCounts,
  frozen: FrozenWeek | null,
  k: number,
): ActivityWeek {
  if (!frozen) {
    return {
      week,
      recorded: false,
      activeMembers: null,
      activeGroups: null,
      messages: null,
      meetings: null,
      requests: null,
      matched: null,
      ended: null,
    };
  }
  const groupsShown = frozen.posters >= k;
  return {
    week,
    recorded: true,
    activeMembers: groupsShown ? frozen.posters : null,
    activeGroups: groupsShown ? frozen.activeGroups : null,
    messages: groupsShown ? counts.messages : null,
    meetings: groupsShown ? counts.meetings : null,
    requests: frozen.requests >= k ? frozen.requests : null,
    matched: frozen.matched.n >= k ? matchedFigures(frozen.matched, k) : null,
    ended: frozen.ended.n >= k ? endedFigures(frozen.ended, k) : null,
  };
}

/**
 * Closing feedback per closed month (the entries carry the month only). A month's entries are all in once it
 * has ended, so its figures never move; the current month is not shown.
 */
export function feedbackMonths(
  entries: readonly { helpfulness: number; recommend: boolean; month: string }[],
  currentMonth: string,
  k: number,
  months = 12,
): FeedbackMonth[] {
  const byMonth = new Map<string, { helpfulness: number; recommend: boolean }[]>();
  for (const e of entries) {
    if (e.month >= currentMonth) continue;
    byMonth.set(e.month, [...(byMonth.get(e.month) ?? []), e]);
  }
  return [...byMonth.keys()]
    .sort()
    .slice(-months)
    .map((month) => {
      const these = byMonth.get(month) ?? [];
      const n = these.length;
      if (n < k) return { month, n: null, meanHelpfulness: null, scores: null, recommend: null };
      const scores = [1, 2, 3, 4, 5].map((s) => these.filter((e) => e.helpfulness === s).length);
      const yes = these.filter((e) => e.recommend).length;
      const split = splitFigures(scores, k);
      // With a score hidden, the mean (a weighted sum) would let the hidden counts be solved for: no mean then.
      return {
        month,
        n,
        meanHelpfulness: complete(split) ? these.reduce((s, e) => s + e.helpfulness, 0) / n : null,
        scores: split,
        recommend: yes >= k && n - yes >= k ? yes / n : null,
      };
    });
}
