import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Identity } from '../../../lib/e2e-crypto';
import { liveConnection } from '../../../lib/live-connection';
import { resourceTransport } from '../api/resource-api';
import { devicePinStore } from '../keys/pin-db';
import { ConversationRoom, type ConvoSnapshot } from '../model/conversation-room';

/** The live conversation while the page is mounted: opened on mount, followed until unmount. */
export function useConversationRoom(
  conversationId: string,
  identity: Identity,
): { room: ConversationRoom; snapshot: ConvoSnapshot } {
  // Building a room has no side effects; `start()` does the work (and StrictMode's second start is a no-op).
  const room = useMemo(
    () =>
      new ConversationRoom(
        conversationId,
        identity,
        liveConnection,
        Date.now,
        devicePinStore,
        resourceTransport,
      ),
    [conversationId, identity],
  );
  useEffect(() => {
    room.start();
    return () => room.stop();
  }, [room]);
  const snapshot = useSyncExternalStore(room.subscribe, room.getSnapshot, room.getSnapshot);
  return { room, snapshot };
}

/** The current time, refreshed every `ms` while `active` (countdowns and reminders). */
export function useNow(active = true, ms = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, ms);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, ms]);
  return now;
}
