import { Button } from '../../../components/button';
import { DeliveryStatus, type DeliveryTone } from '../../../components/delivery-status';
import { useNow } from '../hooks/use-group-room';
import { needsEdit, sendErrorText } from '../model/error-text';
import type { OutboxEntry } from '../model/group-room';

export interface OutboxActions {
  onRetry: (clientId: string) => void;
  onEdit: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

function statusText(entry: OutboxEntry, connected: boolean, now: number): string {
  switch (entry.state) {
    case 'pending':
      return connected ? 'Sending…' : 'Waiting for the connection…';
    case 'sending':
      return 'Sending…';
    case 'sent':
      return 'Sent';
    case 'waiting':
      return entry.error ? sendErrorText(entry.error, now, entry.retryAt) : 'Waiting…';
    case 'confirm':
      return 'Not sent yet: waiting for you to check it.';
    case 'failed':
      return entry.error ? `Not sent. ${sendErrorText(entry.error, now)}` : 'Not sent.';
  }
}

/** A message of mine not yet in the feed: what it says, where it is, and what I can do about it. */
export function OutboxItem({
  entry,
  name,
  connected,
  actions,
}: {
  entry: OutboxEntry;
  name: string;
  connected: boolean;
  actions: OutboxActions;
}) {
  const now = useNow(entry.state === 'waiting');
  const problem = entry.state === 'failed' || entry.state === 'confirm';
  const tone: DeliveryTone = problem ? 'problem' : entry.state === 'sent' ? 'sent' : 'waiting';
  return (
    <li className={`msg msg--mine msg--outbox msg--${entry.state}`} aria-busy={entry.state === 'sending'}>
      <p className="msg__head">
        <span className="msg__author">{name}</span>
        <span className="msg__you"> (you)</span>
      </p>
      <p className="msg__text">{entry.text}</p>
      <div className="msg__delivery">
        <DeliveryStatus tone={tone} role={problem ? 'alert' : undefined}>
          {statusText(entry, connected, now)}
        </DeliveryStatus>
        {entry.state === 'failed' && (
          <span className="msg__fix">
            {entry.error && needsEdit(entry.error) ? (
              <Button variant="quiet" onClick={() => actions.onEdit(entry.clientId)}>
                Edit
              </Button>
            ) : (
              <Button variant="quiet" onClick={() => actions.onRetry(entry.clientId)}>
                Try again
              </Button>
            )}
            <Button variant="quiet" onClick={() => actions.onDiscard(entry.clientId)}>
              Discard
            </Button>
          </span>
        )}
      </div>
    </li>
  );
}
