import type { SealedHistory } from '@staffroom/shared/schemas/wellness';
import type { Histogram } from './aggregate.js';
import type { ActivityCounts, FrozenWeek } from './activity.js';

/** A week's histogram as stored, with the number of teachers signed up when it was last written to. */
export interface StoredWeek {
  histogram: Histogram;
  teachers: number | null;
}

/** What the wellness capability keeps. The Redis and memory implementations pass one contract suite. */
export interface WellnessStore {
  /** Marks `token` as having answered `week`; false when it already had (atomic across nodes). */
  claim(week: string, token: string, ttlSeconds: number): Promise<boolean>;
  hasClaimed(week: string, token: string): Promise<boolean>;
  /** Adds a batch of counts to the week's histogram in one step, and records the teachers count. */
  addCounts(week: string, counts: Histogram, teachers: number, ttlSeconds: number): Promise<void>;
  weeks(weeks: readonly string[]): Promise<StoredWeek[]>;

  /** One comment per token per week; false (and nothing stored) when this token already left one. */
  addFeedback(week: string, token: string, text: string, tokenTtl: number, textTtl: number): Promise<boolean>;
  feedback(weeks: readonly string[]): Promise<string[][]>;
  /** Per week, the first week of the shown feedback batch that ends there, or null (see `feedbackBatches`). */
  feedbackCuts(weeks: readonly string[]): Promise<(string | null)[]>;
  /** Records that a batch `from`..`week` was shown; the first record stays (every node cuts the same way). */
  markFeedbackCut(week: string, from: string, ttlSeconds: number): Promise<void>;

  /** Adds a node's held activity of a week: counters, poster tokens (counted, not kept readable), group ids. */
  addActivity(
    week: string,
    counts: ActivityCounts,
    posters: readonly string[],
    groups: readonly string[],
    countsTtl: number,
    peopleTtl: number,
  ): Promise<void>;
  /** How many distinct posters and groups a week had so far. */
  activityPeople(week: string): Promise<{ posters: number; activeGroups: number }>;
  /** Writes a closed week's summary unless one is there already (the first node wins); true when written. */
  freezeActivity(week: string, frozen: FrozenWeek, ttlSeconds: number): Promise<boolean>;
  activity(weeks: readonly string[]): Promise<{ counts: ActivityCounts; frozen: FrozenWeek | null }[]>;

  saveHistory(accountId: string, sealed: SealedHistory, ttlSeconds: number): Promise<void>;
  history(accountId: string): Promise<SealedHistory | null>;
  /** True when there was something to delete. */
  deleteHistory(accountId: string): Promise<boolean>;

  /** The test clock (ms), when a test set one. */
  testClock(): Promise<number | null>;
}
