import type * as CrisisModule from '@staffroom/shared/guards/crisis';
import { riskExcerpt, RISK_WINDOW } from './risk-excerpt';

/**
 * The shared crisis guard, loaded on demand in the browser, never with the app shell: its model and the prefilter
 * index it builds when its module is evaluated took about half a second of main-thread time on every page load
 * (measured in Chromium on 2026-12-06: script time per load of the home page 730-1,070 ms with it, 280-440 ms
 * without). It runs here only on what the server cannot read (sealed one-to-one content) or will not read (a
 * group message too long even to send). Pages that will need it start loading it early (`preloadCrisisGuard`).
 */
export type CrisisGuard = typeof CrisisModule;

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

/** What the crisis guard says about a whole text, however long. */
export interface WholeTextCrisis {
  risk: boolean;
  concernForOther: boolean;
}

/**
 * The crisis guard on all of `text`, however long it was pasted: the whole text, and for a text longer than the
 * guard reads as one message, each window of it too (`riskExcerpt`), so that words that suggest risk at the end of
 * a long paste are not diluted by what comes before them. Used where a field keeps its limit but must not cut a
 * pasted text silently before the check (the text is refused until shortened, and checked here meanwhile).
 */
export async function crisisInWholeText(text: string): Promise<WholeTextCrisis> {
  const { detectCrisis } = await loadCrisisGuard();
  const whole = detectCrisis(text);
  if (whole.risk || text.length <= RISK_WINDOW)
    return { risk: whole.risk, concernForOther: whole.concernForOther };
  if (riskExcerpt(text, (part) => detectCrisis(part).risk) !== null)
    return { risk: true, concernForOther: false };
  return {
    risk: false,
    concernForOther:
      whole.concernForOther || riskExcerpt(text, (part) => detectCrisis(part).concernForOther) !== null,
  };
}
