import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { liveConnection } from '../../../lib/live-connection';
import { GroupRoom, type RoomSnapshot } from '../model/group-room';

/** The live room of one group while the page is mounted: opened on mount, closed on unmount. */
export function useGroupRoom(groupId: string): { room: GroupRoom; snapshot: RoomSnapshot } {
  // Building a room has no side effects (it only reads this tab's storage); `start()` does the work.
  const room = useMemo(() => new GroupRoom(groupId, liveConnection), [groupId]);
  useEffect(() => {
    room.start();
    return () => room.stop();
  }, [room]);
  const snapshot = useSyncExternalStore(room.subscribe, room.getSnapshot, room.getSnapshot);
  return { room, snapshot };
}

/** The current time, refreshed every `ms` while `active` (for countdowns). */
export function useNow(active: boolean, ms = 1_000): number {
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
