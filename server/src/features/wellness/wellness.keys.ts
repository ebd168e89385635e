import { keyFor, keyPrefixFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the wellness capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`), where each one's contents, owner, retention and erasure are declared.
 */
export const wellnessKeys = (p: string) => ({
  /** HMAC tokens of who took the pulse. retention: expires eight days after the week closes. */
  answered: (week: string) => keyFor(p, 'wellness.answered', { week }),
  /** The week's histogram, the only record of answers. retention: `PULSE_RETENTION_WEEKS` after the week closes. */
  histogram: (week: string) => keyFor(p, 'wellness.histogram', { week }),
  /** Sealed personal history. retention: `PULSE_RETENTION_WEEKS` after the last write; deleted on request. */
  history: (accountId: string) => keyFor(p, 'wellness.history', { accountId }),
  /** HMAC tokens of who left a comment. retention: eight days after the week closes. */
  feedbackGiven: (week: string) => keyFor(p, 'wellness.feedbackGiven', { week }),
  /** Comments, text only. retention: `PULSE_RETENTION_WEEKS`. */
  feedback: (week: string) => keyFor(p, 'wellness.feedback', { week }),
  /** Where the shown feedback batch ending this week begins (a week id). retention: `PULSE_RETENTION_WEEKS`. */
  feedbackCut: (week: string) => keyFor(p, 'wellness.feedbackCut', { week }),
  /**
   * `messages`, `meetings` counts added on the pulse tick, and `frozen`, the week's summary (`FrozenWeek` in
   * activity.ts), written once after the week closes. retention: `PULSE_RETENTION_WEEKS` after the week closes.
   */
  activity: (week: string) => keyFor(p, 'wellness.activity', { week }),
  /** HyperLogLog of per-week HMAC tokens of who posted. retention: eight days after the week closes. */
  posters: (week: string) => keyFor(p, 'wellness.posters', { week }),
  /** Group ids with a message that week. retention: as `posters`. */
  activeGroups: (week: string) => keyFor(p, 'wellness.activeGroups', { week }),
  /**
   * Key prefix of the per-account write limit (the limiter adds `:<HMAC of the account>`, never the id).
   * retention: each key expires with its window, one hour.
   */
  writeRate: () => keyPrefixFor(p, 'wellness.writeRate'),
  /** Tests only (`PULSE_TEST_CLOCK`). retention: 1 day. */
  testClock: () => keyFor(p, 'wellness.testClock'),
});
