import type { SealedHistory } from '@staffroom/shared/schemas/wellness';
import type { Histogram } from './aggregate.js';
import type { ActivityCounts, FrozenWeek } from './activity.js';
import type { StoredWeek, WellnessStore } from './wellness.store.js';

/**
 * Embedded mode: in this process, gone at exit. Same contract as the Redis store. Expiry is enforced on read
 * (`now` is injectable for the contract test's sake), and at most `maxWeeks` weeks are kept so memory stays
 * bounded whatever the clock does.
 */
export function createMemoryWellnessStore(now: () => number = Date.now, maxWeeks = 520): WellnessStore {
  const answered = new Map<string, { tokens: Set<string>; expiresAt: number }>();
  const histograms = new Map<string, { histogram: Histogram; teachers: number; expiresAt: number }>();
  const feedback = new Map<string, { tokens: Set<string>; texts: string[]; expiresAt: number }>();
  const cuts = new Map<string, { from: string; expiresAt: number }>();
  const histories = new Map<string, { sealed: SealedHistory; expiresAt: number }>();
  const activity = new Map<
    string,
    { counts: ActivityCounts; frozen: FrozenWeek | null; expiresAt: number }
  >();
  const people = new Map<string, { posters: Set<string>; groups: Set<string>; expiresAt: number }>();

  const live = <T extends { expiresAt: number }>(map: Map<string, T>, key: string): T | undefined => {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  };
  const bound = (map: Map<string, unknown>) => {
    while (map.size > maxWeeks) map.delete(map.keys().next().value as string);
  };

  return {
    async claim(week, token, ttlSeconds) {
      let entry = live(answered, week);
      if (!entry) {
        entry = { tokens: new Set(), expiresAt: now() + ttlSeconds * 1000 };
        answered.set(week, entry);
        bound(answered);
      }
      if (entry.tokens.has(token)) return false;
      entry.tokens.add(token);
      return true;
    },
    async hasClaimed(week, token) {
      return live(answered, week)?.tokens.has(token) ?? false;
    },
    async addCounts(week, counts, teachers, ttlSeconds) {
      let entry = live(histograms, week);
      if (!entry) {
        entry = { histogram: {}, teachers, expiresAt: 0 };
        histograms.set(week, entry);
        bound(histograms);
      }
      for (const [field, n] of Object.entries(counts))
        entry.histogram[field] = (entry.histogram[field] ?? 0) + n;
      entry.teachers = teachers;
      entry.expiresAt = now() + ttlSeconds * 1000;
    },
    async weeks(weeks) {
      return weeks.map((w): StoredWeek => {
        const entry = live(histograms, w);
        return entry
          ? { histogram: { ...entry.histogram }, teachers: entry.teachers }
          : { histogram: {}, teachers: null };
      });
    },
    async addFeedback(week, token, text, tokenTtl, textTtl) {
      let entry = live(feedback, week);
      if (!entry) {
        // One expiry for both here (the Redis store keeps tokens only `tokenTtl`): memory mode keeps nothing long.
        entry = { tokens: new Set(), texts: [], expiresAt: now() + Math.max(tokenTtl, textTtl) * 1000 };
        feedback.set(week, entry);
        bound(feedback);
      }
      if (entry.tokens.has(token)) return false;
      entry.tokens.add(token);
      entry.texts.push(text);
      return true;
    },
    async feedback(weeks) {
      return weeks.map((w) => [...(live(feedback, w)?.texts ?? [])]);
    },
    async feedbackCuts(weeks) {
      return weeks.map((w) => live(cuts, w)?.from ?? null);
    },
    async markFeedbackCut(week, from, ttlSeconds) {
      if (live(cuts, week)) return;
      cuts.set(week, { from, expiresAt: now() + ttlSeconds * 1000 });
      bound(cuts);
    },
    async addActivity(week, counts, posters, groups, countsTtl, peopleTtl) {
      let entry = live(activity, week);
      if (!entry) {
        entry = { counts: { messages: 0, meetings: 0 }, frozen: null, expiresAt: 0 };
        activity.set(week, entry);
        bound(activity);
      }
      entry.counts.messages += counts.messages;
      entry.counts.meetings += counts.meetings;
      entry.expiresAt = now() + countsTtl * 1000;
      if (posters.length === 0 && groups.length === 0) return;
      let seen = live(people, week);
      if (!seen) {
        seen = { posters: new Set(), groups: new Set(), expiresAt: 0 };
        people.set(week, seen);
        bound(people);
      }
      for (const p of posters) seen.posters.add(p);
      for (const g of groups) seen.groups.add(g);
      seen.expiresAt = now() + peopleTtl * 1000;
    },
    async activityPeople(week) {
      const seen = live(people, week);
      return { posters: seen?.posters.size ?? 0, activeGroups: seen?.groups.size ?? 0 };
    },
    async freezeActivity(week, frozen, ttlSeconds) {
      let entry = live(activity, week);
      if (!entry) {
        entry = { counts: { messages: 0, meetings: 0 }, frozen: null, expiresAt: 0 };
        activity.set(week, entry);
        bound(activity);
      }
      entry.expiresAt = now() + ttlSeconds * 1000;
      if (entry.frozen) return false;
      entry.frozen = structuredClone(frozen);
      return true;
    },
    async activity(weeks) {
      return weeks.map((w) => {
        const entry = live(activity, w);
        return {
          counts: { ...(entry?.counts ?? { messages: 0, meetings: 0 }) },
          frozen: entry?.frozen ? structuredClone(entry.frozen) : null,
        };
      });
    },
    async saveHistory(accountId, sealed, ttlSeconds) {
      histories.set(accountId, { sealed: { ...sealed }, expiresAt: now() + ttlSeconds * 1000 });
    },
    async history(accountId) {
      const entry = live(histories, accountId);
      return entry ? { ...entry.sealed } : null;
    },
    async deleteHistory(accountId) {
      const had = live(histories, accountId) !== undefined;
      histories.delete(accountId);
      return had;
    },
    async testClock() {
      return null;
    },
  };
}
