import { memo, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../../components/button';
import { DeliveryStatus } from '../../../components/delivery-status';
import type { OutboxEntry, ShownMessage } from '../model/conversation-room';
import { formatClock, formatFeedDay, formatFull, sameDay } from '../model/format';
import { refusalText } from '../model/refusal';

const NEAR_BOTTOM_PX = 48;

export const UNREADABLE_TEXT =
  'This can’t be read on this device — the keys were reset after it was written.';

function Time({ ts }: { ts: number }) {
  return (
    <time className="cmsg__time" dateTime={new Date(ts).toISOString()} title={formatFull(ts)}>
      {formatClock(ts)}
    </time>
  );
}

const Message = memo(function Message({
  message,
  peerName,
  onReport,
}: {
  message: ShownMessage;
  peerName: string;
  onReport: (message: ShownMessage) => void;
}) {
  const who = message.mine ? 'You' : peerName;
  return (
    <li className={message.mine ? 'cmsg cmsg--mine' : 'cmsg cmsg--theirs'}>
      <div className="cmsg__bubble">
        <div className="cmsg__head">
          <p className="cmsg__who">
            <span className="cmsg__author">{who}</span> <Time ts={message.ts} />
          </p>
          {!message.mine && message.text !== null && (
            <button
              type="button"
              className="cmsg__report"
              aria-label={`Report ${peerName}’s message sent at ${formatClock(message.ts)}`}
              onClick={() => onReport(message)}
            >
              Report
            </button>
          )}
        </div>
        {message.text === null ? (
          <p className="cmsg__text cmsg__text--unreadable" data-refusal={message.refusal ?? 'unreadable'}>
            {message.refusal ? refusalText(message.refusal) : UNREADABLE_TEXT}
          </p>
        ) : (
          <p className="cmsg__text">{message.text}</p>
        )}
      </div>
    </li>
  );
});

function outboxText(entry: OutboxEntry, connected: boolean): string {
  switch (entry.state) {
    case 'pending':
      return connected ? 'Encrypting and sending…' : 'Waiting for the connection…';
    case 'sending':
      return 'Sending…';
    case 'sent':
      return 'Sent';
    case 'failed':
      return `Not sent. ${entry.error ?? ''}`.trim();
  }
}

function Outbox({
  entry,
  connected,
  onRetry,
  onDiscard,
}: {
  entry: OutboxEntry;
  connected: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}) {
  return (
    <li className={`cmsg cmsg--mine cmsg--outbox cmsg--${entry.state}`} aria-busy={entry.state === 'sending'}>
      <div className="cmsg__bubble">
        <div className="cmsg__head">
          <p className="cmsg__who">
            <span className="cmsg__author">You</span> <Time ts={entry.createdAt} />
          </p>
        </div>
        <p className="cmsg__text">{entry.text}</p>
        <DeliveryStatus
          tone={entry.state === 'failed' ? 'problem' : entry.state === 'sent' ? 'sent' : 'waiting'}
          className="cmsg__status"
        >
          {outboxText(entry, connected)}
        </DeliveryStatus>
        {entry.state === 'failed' && (
          <span className="cmsg__fix">
            <Button variant="secondary" onClick={() => onRetry(entry.clientId)}>
              Try again
            </Button>
            <Button variant="quiet" onClick={() => onDiscard(entry.clientId)}>
              Discard
            </Button>
          </span>
        )}
      </div>
    </li>
  );
}

/**
 * The conversation: a `role="log"` that follows the newest message while you are at the bottom and keeps your
 * place when you scrolled up. It is `aria-live="off"`; a separate polite region says "New message from …".
 */
export function ConvoFeed({
  messages,
  outbox,
  peerName,
  loading,
  connected,
  onReport,
  onRetry,
  onDiscard,
}: {
  messages: readonly ShownMessage[];
  outbox: readonly OutboxEntry[];
  peerName: string;
  loading: boolean;
  connected: boolean;
  onReport: (message: ShownMessage) => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}) {
  const log = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [newBelow, setNewBelow] = useState(false);
  const count = messages.length + outbox.length;
  const lastSeq = messages.at(-1)?.seq ?? 0;

  useLayoutEffect(() => {
    const el = log.current;
    if (!el) return;
    if (atBottom.current) el.scrollTop = el.scrollHeight;
  }, [count, lastSeq]);

  useLayoutEffect(() => {
    // Something arrived while the reader was further up: offer a way down rather than jumping.
    if (!atBottom.current && lastSeq > 0) setNewBelow(true);
  }, [lastSeq]);

  const onScroll = () => {
    const el = log.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
    if (atBottom.current) setNewBelow(false);
  };

  const rows: ReactNode[] = [];
  let prev: ShownMessage | undefined;
  for (const m of messages) {
    if (!prev || !sameDay(prev.ts, m.ts)) {
      rows.push(
        <li key={`day-${m.seq}`} className="convo-feed__divider">
          <span>{formatFeedDay(m.ts)}</span>
        </li>,
      );
    }
    rows.push(<Message key={m.seq} message={m} peerName={peerName} onReport={onReport} />);
    prev = m;
  }

  return (
    <div className="convo-feed">
      <div
        ref={log}
        className="convo-feed__log"
        role="log"
        aria-live="off"
        aria-label={`Messages with ${peerName}`}
        aria-busy={loading}
        tabIndex={0}
        onScroll={onScroll}
      >
        {loading && messages.length === 0 ? (
          <p className="convo-feed__empty" role="status">
            Opening and decrypting the conversation…
          </p>
        ) : (
          <ol className="convo-feed__list">
            <li className="convo-feed__note">
              The start of your conversation with {peerName}. Every message is encrypted on the sender’s
              device and decrypted only on yours and theirs.
            </li>
            {rows}
            {outbox.map((entry) => (
              <Outbox
                key={entry.clientId}
                entry={entry}
                connected={connected}
                onRetry={onRetry}
                onDiscard={onDiscard}
              />
            ))}
          </ol>
        )}
      </div>
      {newBelow && (
        <button
          type="button"
          className="feed-jump"
          onClick={() => {
            const el = log.current;
            if (!el) return;
            el.scrollTop = el.scrollHeight;
            setNewBelow(false);
            el.focus();
          }}
        >
          New messages below <span aria-hidden="true">↓</span>
        </button>
      )}
    </div>
  );
}
