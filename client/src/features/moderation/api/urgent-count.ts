import { useSyncExternalStore } from 'react';
import { onServerEvent, request } from '../../../lib/realtime';
import { getConnectionState, onConnectionStateChange } from '../../../lib/socket';

/**
 * How many urgent alerts this moderator or coordinator can see that nobody has acknowledged (`mod:urgent`), for
 * the badge in the menu and on the home page. Asked again on every (re)connection, when the queue changes, when
 * an alert is escalated and when the tab regains focus.
 */
let count = 0;
let asking = 0;
const listeners = new Set<() => void>();

function set(next: number): void {
  if (count === next) return;
  count = next;
  for (const listener of listeners) listener();
}

export function refreshUrgentCount(): void {
  // Members are answered 0 at once (the server checks they moderate nothing before anything else).
  if (getConnectionState() !== 'connected') return;
  const ticket = ++asking;
  void request('mod:urgent', {}).then((ack) => {
    if (ticket === asking && ack.ok) set(ack.data.unacknowledged);
  });
}

onConnectionStateChange((state) => {
  if (state === 'connected') refreshUrgentCount();
  if (state === 'idle') {
    asking++;
    set(0);
  }
});
onServerEvent('mod:queue-changed', refreshUrgentCount);
onServerEvent('mod:escalated', refreshUrgentCount);
window.addEventListener('focus', refreshUrgentCount);
refreshUrgentCount();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The count, re-rendering the caller when it changes. */
export function useUrgentCount(): number {
  return useSyncExternalStore(
    subscribe,
    () => count,
    () => count,
  );
}
