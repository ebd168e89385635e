/** Every Redis key the wellness capability owns, each with its retention rule. */
export const wellnessKeys = (p: string) => ({
  /**
   * set of HMAC(pepper, week|account) tokens: who has taken that week's pulse, never what they answered.
   * Retention: expires eight days after the week closes (long enough to refuse a second answer, no longer).
   */
  answered: (week: string) => `${p}wellness:week:${week}:answered`,
  /**
   * hash `cohort|band|_n` and `cohort|band|item|value` → people, plus `_teachers`: the week's histogram, the
   * only record of answers. Retention: `PULSE_RETENTION_WEEKS` after the week closes.
   */
  histogram: (week: string) => `${p}wellness:week:${week}:histogram`,
  /**
   * string: the teacher's own history, sealed on their device under a key only they derive (JSON { ciphertext,
   * iv }). Retention: `PULSE_RETENTION_WEEKS` after the last write; deleted when the teacher asks.
   */
  history: (accountId: string) => `${p}account:${accountId}:pulse-history`,
  /**
   * set of HMAC tokens: who left a feedback-box comment that week (one each, never which). Retention: as
   * `answered`, eight days after the week closes.
   */
  feedbackGiven: (week: string) => `${p}wellness:week:${week}:feedback-given`,
  /** list of feedback-box comments of a week: text only, no account. Retention: `PULSE_RETENTION_WEEKS`. */
  feedback: (week: string) => `${p}wellness:week:${week}:feedback`,
  /**
   * hash `messages`, `meetings` → counts added on the pulse tick, and `frozen` → the week's summary JSON
   * (`FrozenWeek` in activity.ts: counts, bucket counts, medians), written once after the week closes.
   * Retention: `PULSE_RETENTION_WEEKS` after the week closes.
   */
  activity: (week: string) => `${p}wellness:week:${week}:activity`,
  /**
   * HyperLogLog of per-week HMAC tokens of who posted in a group that week (a count, no member readable).
   * Retention: as `answered`, eight days after the week closes (the count is frozen into `activity` before).
   */
  posters: (week: string) => `${p}wellness:week:${week}:posters`,
  /** set of group ids with a message that week. Retention: as `posters`. */
  activeGroups: (week: string) => `${p}wellness:week:${week}:active-groups`,
  /**
   * Key prefix of the per-account write limit (rate-limiter-flexible adds `:<HMAC of the account>`, never the id).
   * Retention: each key expires with its window, one hour.
   */
  writeRate: () => `${p}rate:pulse`,
  /** string: ms since epoch the wellness clock reads; only with `PULSE_TEST_CLOCK` (tests). Retention: 1 day. */
  testClock: () => `${p}wellness:test-clock`,
});
