import { detectCrisis } from '@staffroom/shared/guards/crisis';

/**
 * What the writer of a one-to-one message or an intake note is shown after it, privately:
 * - `self`: the text suggests they may be at risk themself: crisis contacts for them;
 * - `other`: they are worried about someone else: how to help someone, with the same contacts;
 * - `null`: nothing.
 *
 * These texts are sealed in the browser and the server never reads them, so the shared crisis guard runs here,
 * on the plaintext, before sealing. Nothing about the result is sent anywhere.
 */
export type CrisisNotice = 'self' | 'other' | null;

export function crisisNotice(text: string): CrisisNotice {
  const result = detectCrisis(text);
  if (result.risk) return 'self';
  if (result.concernForOther) return 'other';
  return null;
}

/** The reader's side: a message from the teacher that may signal that they are at risk. */
export function signalsRisk(text: string): boolean {
  return detectCrisis(text).risk;
}
