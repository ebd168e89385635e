import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckIn, ConversationSummary } from '@staffroom/shared/schemas/consultations';
import { liveConnection } from '../../../lib/live-connection';
import { useLiveReload } from './use-live-reload';

export interface CalendarEntry {
  conversationId: string;
  peerName: string;
  checkIn: Omit<CheckIn, 'note'>;
  /** The other person proposed it and waits for my answer. */
  needsAnswer: boolean;
}

/** Asks for the state only: `since` beyond any seq, so no messages come with it. */
const STATE_ONLY = Number.MAX_SAFE_INTEGER;

/**
 * Every planned check-in (accepted, or proposed and waiting for an answer) across the open conversations, for
 * the consultant's calendar. Each conversation's state is read with `convo:open` (the server checks it is mine),
 * which also subscribes this connection to its changes, so the calendar follows them live.
 */
export function useCheckInCalendar(conversations: readonly ConversationSummary[] | null): {
  entries: CalendarEntry[] | null;
  error: string | null;
} {
  const [byConversation, setByConversation] = useState<Record<string, CalendarEntry[]>>({});
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = (conversations ?? []).filter((c) => c.status !== 'closed');
  const ids = open.map((c) => c.id).join(' ');
  const current = useRef(0);

  const loadOne = useCallback(async (conversationId: string): Promise<CalendarEntry[] | null> => {
    const ack = await liveConnection.request('convo:open', { conversationId, since: STATE_ONLY });
    if (!ack.ok) return null;
    const { view } = ack.data;
    return view.checkIns
      .filter((c) => c.status === 'accepted' || c.status === 'proposed')
      .map(({ note: _note, ...checkIn }) => ({
        conversationId,
        peerName: view.peer.name,
        checkIn,
        needsAnswer: checkIn.status === 'proposed' && checkIn.proposedBy !== view.role,
      }));
  }, []);

  const loadAll = useCallback(async () => {
    if (conversations === null) return;
    const run = ++current.current;
    const list = ids ? ids.split(' ') : [];
    const results = await Promise.all(list.map(loadOne));
    if (run !== current.current) return;
    const next: Record<string, CalendarEntry[]> = {};
    list.forEach((id, i) => {
      next[id] = results[i] ?? [];
    });
    setByConversation(next);
    setError(results.some((r) => r === null) ? 'Some check-ins could not be loaded just now.' : null);
    setLoaded(true);
  }, [ids, loadOne, conversations]);

  useEffect(() => {
    void loadAll();
  }, [loadAll]);

  const refreshOne = useCallback(
    (conversationId: string) => {
      if (!ids.split(' ').includes(conversationId)) return;
      void loadOne(conversationId).then((entries) => {
        if (entries) setByConversation((all) => ({ ...all, [conversationId]: entries }));
      });
    },
    [ids, loadOne],
  );

  useEffect(() => liveConnection.on('convo:changed', (p) => refreshOne(p.conversationId)), [refreshOne]);
  useLiveReload([], () => void loadAll());

  const entries = loaded
    ? Object.values(byConversation)
        .flat()
        .sort((a, b) => a.checkIn.startsAt - b.checkIn.startsAt)
    : null;
  return { entries, error };
}
