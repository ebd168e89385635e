import { useCallback, useEffect, useRef } from 'react';
import { deliverIntakeNote, passOnAssignedNotes } from '../api/intake-notes';
import { useLiveReload } from '../hooks/use-live-reload';
import { useKeys } from '../keys/key-store';
import type { Viewer } from '../model/viewer';

/**
 * Mounted for teachers on every page: while their browser is open with the key unlocked, an open request's note
 * is sealed to any consultant who may be offered it and has no copy yet (the offer passed on, a consultant
 * joined or set up their key), and passed on to a consultant a coordinator assigned by hand (through the
 * conversation's pinned key). The server cannot do this: it never holds the note in the clear. Renders nothing.
 */
export function IntakeResealer({ viewer }: { viewer: Viewer }) {
  const keys = useKeys(viewer);
  const identity = keys.status === 'ready' ? keys.identity : null;
  const running = useRef(false);
  const again = useRef(false);

  const run = useCallback(() => {
    if (!identity) return;
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    const loop = async () => {
      do {
        again.current = false;
        // A failure (offline, the request just matched) is retried on the next change or reconnection.
        await deliverIntakeNote(identity).catch(() => 0);
        // Assigned by hand while I was here: the note goes to that consultant without waiting for me to open it.
        await passOnAssignedNotes(identity).catch(() => 0);
      } while (again.current);
      running.current = false;
    };
    void loop();
  }, [identity]);

  useEffect(run, [run]);
  useLiveReload(['support:request'], run);
  return null;
}
