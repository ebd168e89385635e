import { useEffect, useRef } from 'react';
import type { ServerEventName } from '@staffroom/shared/protocol/server-events';
import { onServerEvent } from '../../../lib/realtime';
import { onConnectionStateChange } from '../../../lib/socket';

/**
 * Calls `reload` when one of `events` arrives, and after every reconnection (an event may have been missed
 * while the connection was down). The latest `reload` is always the one called.
 */
export function useLiveReload(events: readonly ServerEventName[], reload: () => void): void {
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  const key = events.join(' ');
  useEffect(() => {
    const names = key ? (key.split(' ') as ServerEventName[]) : [];
    const offs = names.map((name) => onServerEvent(name, () => latest.current()));
    let wasConnected = true;
    offs.push(
      onConnectionStateChange((state) => {
        const connected = state === 'connected';
        if (connected && !wasConnected) latest.current();
        wasConnected = connected;
      }),
    );
    return () => offs.forEach((off) => off());
  }, [key]);
}
