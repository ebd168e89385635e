import { useSyncExternalStore } from 'react';
import { onServerEvent, request } from '../../../lib/realtime';
import { getConnectionState, onConnectionStateChange } from '../../../lib/socket';

/**
 * Whether the logged-in account moderates at least one group (`mod:groups` is not empty), for the main nav.
 * Asked again on every (re)connection, when a queue notice arrives and when the tab regains focus: an
 * appointment reaches the appointee's socket only as a room change, with no event of its own.
 */
let moderates = false;
const listeners = new Set<() => void>();
let asking = 0;

function set(next: boolean): void {
  if (moderates === next) return;
  moderates = next;
  for (const listener of listeners) listener();
}

/** Asks the server again; a late answer from an earlier session (logged out since) is ignored. */
export function refreshModerationAccess(): void {
  if (getConnectionState() !== 'connected') return;
  const ticket = ++asking;
  void request('mod:groups', {}).then((ack) => {
    if (ticket === asking && ack.ok) set(ack.data.groups.length > 0);
  });
}

/** What the console learnt itself (it loads the same list). */
export function reportModeratedGroups(count: number): void {
  set(count > 0);
}

onConnectionStateChange((state) => {
  if (state === 'connected') refreshModerationAccess();
  if (state === 'idle') {
    asking++;
    set(false);
  }
});
onServerEvent('mod:queue-changed', () => set(true));
window.addEventListener('focus', refreshModerationAccess);
refreshModerationAccess();

/** The answer now, for code that is not a component (the nav list). */
export function moderatesAnyGroup(): boolean {
  return moderates;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The answer, re-rendering the caller when it changes (the app shell, so the nav follows). */
export function useModerationAccess(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => moderates,
    () => moderates,
  );
}
