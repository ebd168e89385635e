import type { SealedHistory } from '@staffroom/shared/schemas/wellness';
import type { Histogram } from './aggregate.js';
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
  const histories = new Map<string, { sealed: SealedHistory; expiresAt: number }>();

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
