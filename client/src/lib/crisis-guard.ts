import type * as CrisisModule from '@staffroom/shared/guards/crisis';

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
