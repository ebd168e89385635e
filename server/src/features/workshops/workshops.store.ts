/** Per-session counts for one meeting, as stored. */
export interface SessionRef {
  groupId: string;
  meetingId: string;
}

/**
 * What the workshops capability keeps. Tokens are HMACs computed by the service: the store never sees an
 * account id. The Redis and memory implementations pass one contract suite.
 */
export interface WorkshopStore {
  /** Adds the token to the session's sign-ups; returns the count after. `expiresAt` in ms. */
  signUp(s: SessionRef, token: string, expiresAt: number): Promise<number>;
  /** Removes the token; returns the count after. */
  withdraw(s: SessionRef, token: string): Promise<number>;
  signUpStatus(s: SessionRef, token: string): Promise<{ signedUp: boolean; count: number }>;
  /**
   * Records one answer for the token: false (and nothing counted) when this token already answered. The token
   * and the score go to separate keys, so nothing stored ties the two. Whenever the answers reach a multiple of
   * `publishEvery`, the histogram is frozen as the published one (atomically with the count).
   */
  answer(
    s: SessionRef,
    token: string,
    score: number,
    expiresAt: number,
    publishEvery: number,
  ): Promise<boolean>;
  hasAnswered(s: SessionRef, token: string): Promise<boolean>;
  /** How many gave each score: index 0 is score 1. */
  scores(s: SessionRef): Promise<number[]>;
  /** The histogram frozen at the last multiple of `publishEvery` answers (all zero before the first). */
  publishedScores(s: SessionRef): Promise<number[]>;
}

export const SCORES = [1, 2, 3, 4, 5] as const;
