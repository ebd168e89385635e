import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { HistoryGap } from '@staffroom/shared/protocol/client-events';
import type { Message } from '@staffroom/shared/schemas/messages';
import type { GroupRoom, RoomSnapshot } from '../model/group-room';
import { formatDay, plural, sameDay } from '../model/format';
import { MessageItem, type MessageActions } from './message-item';
import { OutboxItem, type OutboxActions } from './outbox-item';
import { HeldItem } from './held-item';

/** Messages closer than this, by the same author, share one name line. */
const GROUP_WITHIN_MS = 5 * 60_000;
/** Within this many pixels of the bottom counts as "reading the newest". */
const NEAR_BOTTOM_PX = 48;

function continues(prev: Message | undefined, m: Message): boolean {
  return (
    prev !== undefined &&
    prev.kind === 'text' &&
    m.kind === 'text' &&
    prev.author?.tag === m.author?.tag &&
    m.ts - prev.ts < GROUP_WITHIN_MS
  );
}

function gapText(gap: HistoryGap): string {
  return `${plural(gap.to - gap.from + 1, 'earlier message')} ${gap.to === gap.from ? 'is' : 'are'} no longer kept`;
}

/** The feed's rows: history edge, gaps, day dividers, the unread line, messages, then my unsent ones. */
function rows(snapshot: RoomSnapshot, actions: MessageActions): ReactNode[] {
  const { messages, gaps, readSeq, me } = snapshot;
  const out: ReactNode[] = [];
  const first = messages[0];
  if (first && !snapshot.olderMore) {
    out.push(
      <li key="start" className="feed__note">
        {first.seq === 1 ? 'This is the beginning of the group.' : 'Earlier messages are no longer kept.'}
      </li>,
    );
  }
  let prev: Message | undefined;
  for (const m of messages) {
    const after = prev?.seq ?? 0;
    for (const gap of gaps) {
      if (gap.from > after && gap.to < m.seq) {
        out.push(
          <li key={`gap-${gap.from}`} className="feed__note feed__note--gap">
            {gapText(gap)}
          </li>,
        );
      }
    }
    let split = false;
    if (!prev || !sameDay(prev.ts, m.ts)) {
      out.push(
        <li key={`day-${m.seq}`} className="feed__divider">
          <span>{formatDay(m.ts)}</span>
        </li>,
      );
      split = true;
    }
    if (readSeq !== null && m.seq > readSeq && after <= readSeq) {
      out.push(
        <li key="unread" className="feed__unread" data-unread-line="">
          <span>New messages</span>
        </li>,
      );
      split = true;
    }
    out.push(
      <MessageItem
        key={m.seq}
        message={m}
        mine={m.author !== null && m.author.tag === me?.tag}
        grouped={!split && continues(prev, m)}
        actions={actions}
      />,
    );
    prev = m;
  }
  return out;
}

export interface FeedProps {
  room: GroupRoom;
  snapshot: RoomSnapshot;
  groupName: string;
  myName: string;
  connected: boolean;
  actions: MessageActions;
  outboxActions: OutboxActions;
}

/**
 * The conversation: a `role="log"` that scrolls by itself, newest at the bottom. It stays at the bottom while
 * you are there, keeps your place when older messages load above or new ones arrive below, marks messages read
 * once the newest is on screen, and loads older history when you reach the top.
 *
 * The log is `aria-live="off"`: reading every new message in full, with its buttons, would drown a screen
 * reader. A separate polite region says "New message from Ana" instead.
 */
export function Feed({ room, snapshot, groupName, myName, connected, actions, outboxActions }: FeedProps) {
  const log = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLLIElement>(null);
  const atBottom = useRef(true);
  const placed = useRef(false);
  const before = useRef<{ first: number | undefined; height: number; scrollTop: number } | null>(null);
  const [nearBottom, setNearBottom] = useState(true);
  const [bottomSeq, setBottomSeq] = useState(0);
  const { messages, outbox, status, olderMore, loadingOlder } = snapshot;
  const lastSeq = messages.at(-1)?.seq ?? 0;
  const firstSeq = messages[0]?.seq;

  const markSeen = () => {
    if (atBottom.current && document.visibilityState === 'visible' && lastSeq > 0) room.seen(lastSeq);
  };

  useLayoutEffect(() => {
    const el = log.current;
    if (!el || status !== 'open') return;
    const was = before.current;
    if (!placed.current) {
      // First view: at the "new messages" line when there is one, else at the newest message.
      placed.current = true;
      const line = el.querySelector<HTMLElement>('[data-unread-line]');
      el.scrollTop = line ? line.offsetTop - 8 : el.scrollHeight;
    } else if (was && was.first !== undefined && firstSeq !== undefined && firstSeq < was.first) {
      // Older messages arrived above: keep what the reader was looking at where it was.
      el.scrollTop = was.scrollTop + (el.scrollHeight - was.height);
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
    before.current = { first: firstSeq, height: el.scrollHeight, scrollTop: el.scrollTop };
    markSeen();
  });

  // Back to the tab: what is on screen is read now. Leaving it: save the read mark before the throttle would.
  useEffect(() => {
    const onVisibility = () => (document.visibilityState === 'visible' ? markSeen() : room.markReadNow());
    const onHide = () => room.markReadNow();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onHide);
    };
  });

  // Reaching the top loads older history (the button there does the same for keyboards).
  useEffect(() => {
    const el = log.current;
    const sentinel = top.current;
    if (!el || !sentinel || !olderMore || status !== 'open') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && placed.current) void room.loadOlder();
      },
      { root: el, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [room, olderMore, status, firstSeq]);

  const onScroll = () => {
    const el = log.current;
    if (!el) return;
    const near = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
    atBottom.current = near;
    before.current = { first: firstSeq, height: el.scrollHeight, scrollTop: el.scrollTop };
    setNearBottom(near);
    if (near) {
      setBottomSeq(lastSeq);
      markSeen();
    }
  };

  const jump = () => {
    const el = log.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    el.focus();
  };

  const newBelow = !nearBottom && lastSeq > bottomSeq && bottomSeq > 0;

  return (
    <div className="feed">
      <div
        ref={log}
        className="feed__log"
        role="log"
        aria-live="off"
        aria-label={`Messages in ${groupName}`}
        aria-busy={status !== 'open' || loadingOlder}
        tabIndex={0}
        onScroll={onScroll}
      >
        {/* The list appears once open, so the first view is placed once (at the unread line or the newest). */}
        {status === 'opening' ? (
          <p className="feed__loading" role="status">
            Loading the conversation…
          </p>
        ) : (
          <ol className="feed__list">
            {olderMore && (
              <li ref={top} className="feed__older">
                <button
                  type="button"
                  className="button button--quiet"
                  aria-disabled={loadingOlder || undefined}
                  onClick={() => void room.loadOlder()}
                >
                  {loadingOlder ? 'Loading earlier messages…' : 'Load earlier messages'}
                </button>
              </li>
            )}
            {rows(snapshot, actions)}
            {snapshot.held.map((entry) => (
              <HeldItem
                key={entry.clientId}
                entry={entry}
                name={myName}
                onDismiss={(id) => room.dismissHeld(id)}
              />
            ))}
            {outbox.map((entry) => (
              <OutboxItem
                key={entry.clientId}
                entry={entry}
                name={myName}
                connected={connected}
                actions={outboxActions}
              />
            ))}
          </ol>
        )}
        {status === 'open' && messages.length === 0 && outbox.length === 0 && snapshot.held.length === 0 && (
          <p className="feed__empty">
            No messages yet. Say hello when you are ready — or just read along; that is fine too.
          </p>
        )}
      </div>
      {newBelow && (
        <button type="button" className="feed-jump" onClick={jump}>
          New messages below <span aria-hidden="true">↓</span>
        </button>
      )}
    </div>
  );
}
