import type { SessionRef, WorkshopStore } from './workshops.store.js';

interface Entry {
  signups: Set<string>;
  answered: Set<string>;
  scores: number[];
  published: number[];
  expiresAt: number;
}

/** Embedded mode: the same behaviour as Redis, in memory; entries go once their session's time is up. */
export function createMemoryWorkshopStore(now: () => number = Date.now): WorkshopStore {
  const sessions = new Map<string, Entry>();
  const id = (s: SessionRef) => `${s.groupId} ${s.meetingId}`;
  const sweep = () => {
    const t = now();
    for (const [key, e] of sessions) if (e.expiresAt <= t) sessions.delete(key);
  };
  const read = (s: SessionRef) => {
    sweep();
    return sessions.get(id(s));
  };
  const entry = (s: SessionRef, expiresAt: number) => {
    const e = read(s) ?? {
      signups: new Set(),
      answered: new Set(),
      scores: [0, 0, 0, 0, 0],
      published: [0, 0, 0, 0, 0],
      expiresAt,
    };
    e.expiresAt = Math.max(e.expiresAt, expiresAt);
    sessions.set(id(s), e);
    return e;
  };
  return {
    async signUp(s, token, expiresAt) {
      const e = entry(s, expiresAt);
      e.signups.add(token);
      return e.signups.size;
    },
    async withdraw(s, token) {
      const e = read(s);
      if (!e) return 0;
      e.signups.delete(token);
      return e.signups.size;
    },
    async signUpStatus(s, token) {
      const e = read(s);
      return { signedUp: e?.signups.has(token) ?? false, count: e?.signups.size ?? 0 };
    },
    async answer(s, token, score, expiresAt, publishEvery) {
      const e = entry(s, expiresAt);
      if (e.answered.has(token)) return false;
      e.answered.add(token);
      e.scores[score - 1] = (e.scores[score - 1] ?? 0) + 1;
      if (e.scores.reduce((a, b) => a + b, 0) % publishEvery === 0) e.published = [...e.scores];
      return true;
    },
    async hasAnswered(s, token) {
      return read(s)?.answered.has(token) ?? false;
    },
    async scores(s) {
      return [...(read(s)?.scores ?? [0, 0, 0, 0, 0])];
    },
    async publishedScores(s) {
      return [...(read(s)?.published ?? [0, 0, 0, 0, 0])];
    },
  };
}
