import { crisisInWholeText, loadCrisisGuard } from '../../../lib/crisis-guard';

export { loadCrisisGuard, preloadCrisisGuard } from '../../../lib/crisis-guard';

/**
 * What the writer of a one-to-one message or an intake note is shown after it, privately:
 * - `self`: the text suggests they may be at risk themself: crisis contacts for them;
 * - `other`: they are worried about someone else: how to help someone, with the same contacts;
 * - `null`: nothing.
 *
 * These texts are sealed in the browser and the server never reads them, so the shared crisis guard runs here,
 * on the plaintext, before sealing. Nothing about the result is sent anywhere.
 *
 * The guard is loaded on demand, never with the app shell (`lib/crisis-guard.ts` says why); pages that will need it
 * start loading it early (`preloadCrisisGuard`, when the writer starts typing), so the answer is ready at sending.
 */
export type CrisisNotice = 'self' | 'other' | null;

export async function crisisNotice(text: string): Promise<CrisisNotice> {
  // All of it, however long it was pasted (a note over its limit is refused, but checked whole first).
  const result = await crisisInWholeText(text);
  if (result.risk) return 'self';
  if (result.concernForOther) return 'other';
  return null;
}

/** The reader's side: a message from the teacher that may signal that they are at risk. */
export async function signalsRisk(text: string): Promise<boolean> {
  const { detectCrisis } = await loadCrisisGuard();
  return detectCrisis(text).risk;
}
