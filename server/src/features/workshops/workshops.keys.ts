import { keyFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the workshops capability owns (sign-ups and "was this useful?" for group sessions), built
 * through the registry of stored data (`shared/src/privacy/registry.ts`). Each expires by itself a little after
 * its session's meeting record is deleted (a day after the session ended).
 */
export const workshopKeys = (p: string) => ({
  /** HMAC tokens of who signed up, never an account id. retention: TTL, the session's end plus a day and an hour. */
  signups: (groupId: string, meetingId: string) => keyFor(p, 'workshops.signups', { groupId, meetingId }),
  /** HMAC tokens of who answered "was this useful?", never what. retention: as `signups`. */
  answered: (groupId: string, meetingId: string) => keyFor(p, 'workshops.answered', { groupId, meetingId }),
  /** How many gave each score 1–5: the only record of answers. retention: as `signups`. */
  useful: (groupId: string, meetingId: string) => keyFor(p, 'workshops.useful', { groupId, meetingId }),
});
