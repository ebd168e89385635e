import { useEffect, useState } from 'react';
import { getConnectionState, onConnectionStateChange } from '../../../lib/socket';
import { supportApi } from './support-api';

/** Coordinators get no live event about others' requests: the count is asked again this often while shown. */
const POLL_MS = 60_000;
const refreshers = new Set<() => void>();

/** After a coordinator assigned a request by hand: the badge follows at once. */
export function refreshUrgentUnmatched(): void {
  for (const refresh of refreshers) refresh();
}

/**
 * For coordinators: how many urgent requests for support wait with no consultant they could be offered to
 * (`GET /api/programme/unmatched`), for the badge on "Support" in the menu and on the home page. Asked on
 * connecting, when the tab regains focus, after an assignment and every minute. Zero, and nothing asked, for anyone
 * else (`enabled` false).
 */
export function useUrgentUnmatched(enabled: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    let asking = 0;
    const refresh = () => {
      if (getConnectionState() !== 'connected') return;
      const ticket = ++asking;
      supportApi.unmatched().then(
        (r) => {
          if (current && ticket === asking) setCount(r.requests.filter((x) => x.urgent).length);
        },
        () => undefined, // asked again on the next tick, focus or connection
      );
    };
    refresh();
    refreshers.add(refresh);
    const timer = setInterval(refresh, POLL_MS);
    const off = onConnectionStateChange((state) => {
      if (state === 'connected') refresh();
    });
    window.addEventListener('focus', refresh);
    return () => {
      current = false;
      refreshers.delete(refresh);
      clearInterval(timer);
      off();
      window.removeEventListener('focus', refresh);
    };
  }, [enabled]);
  return enabled ? count : 0;
}
