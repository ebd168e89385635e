/** Words every bench chat message carries after its tags. */
const BODY = 'quick note from the bench about marking load this week';

/**
 * A bench chat message: phase (w = warm-up, m = measured), the send time (monotonic µs), who and which, then BODY.
 * The worker sends these; the guards' stage bench (guards.ts) screens the same shape.
 */
export const benchText = (measured: boolean, sentUs: number, id: number, n: number): string =>
  `${measured ? 'm' : 'w'} t${sentUs} c${id}n${n} ${BODY}`;
