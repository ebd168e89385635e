import type * as CrisisModule from '@staffroom/shared/guards/crisis';

/**
 * What the writer of a one-to-one message or an intake note is shown after it, privately:
 * - `self`: the text suggests they may be at risk themself: crisis contacts for them;
 * - `other`: they are worried about someone else: how to help someone, with the same contacts;
 * - `null`: nothing.
 *
 * These texts are sealed in the browser and the server never reads them, so the shared crisis guard runs here,
 * on the plaintext, before sealing. Nothing about the result is sent anywhere.
 *
 * The guard is loaded on demand, never with the app shell: its model and the prefilter index it builds when its
 * module is evaluated took about half a second of main-thread time on every page load (measured in Chromium on
 * 2026-12-06: script time per load of the home page 730-1,070 ms with it, 280-440 ms without). Pages that will need
 * it start loading it early (`loadCrisisGuard`, when the writer starts typing), so the answer is ready at sending.
 */
export type CrisisNotice = 'self' | 'other' | null;

type CrisisGuard = typeof CrisisModule;

let loading: Promise<CrisisGuard> | null = null;

/** Starts loading the crisis guard (once); a chunk that failed to load is tried again at the next call. */
export function loadCrisisGuard(): Promise<CrisisGuard> {
  loading ??= import('@staffroom/shared/guards/crisis').catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** `loadCrisisGuard` for a page that only wants it ready: a failure is retried when the check itself runs. */
export function preloadCrisisGuard(): void {
  loadCrisisGuard().catch(() => undefined);
}

export async function crisisNotice(text: string): Promise<CrisisNotice> {
  const { detectCrisis } = await loadCrisisGuard();
  const result = detectCrisis(text);
  if (result.risk) return 'self';
  if (result.concernForOther) return 'other';
  return null;
}

/** The reader's side: a message from the teacher that may signal that they are at risk. */
export async function signalsRisk(text: string): Promise<boolean> {
  const { detectCrisis } = await loadCrisisGuard();
  return detectCrisis(text).risk;
}
