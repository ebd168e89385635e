import { Button } from '../../../components/button';
import { DeliveryStatus } from '../../../components/delivery-status';
import { formatDateTime } from '../../../utils/format';
import type { HeldEntry } from '../model/group-room';

/**
 * A message of mine held for review: shown only to me (and the group's moderators), never to the group, until a
 * moderator releases it (then it appears as an ordinary message) or keeps it hidden. Never a punishment.
 */
export function HeldItem({
  entry,
  name,
  onDismiss,
}: {
  entry: HeldEntry;
  name: string;
  onDismiss: (clientId: string) => void;
}) {
  return (
    <li className="msg msg--mine msg--outbox msg--held" data-held={entry.outcome}>
      <p className="msg__head">
        <span className="msg__author">{name}</span>
        <span className="msg__you"> (you)</span>{' '}
        <time className="msg__time" dateTime={new Date(entry.ts).toISOString()}>
          {formatDateTime(entry.ts)}
        </time>
      </p>
      <p className="msg__text">{entry.text}</p>
      <div className="msg__delivery">
        <DeliveryStatus tone="held">
          {entry.outcome === 'pending'
            ? 'Held for review: only you and the group’s moderators can see this message for now. You are not in any trouble.'
            : 'A moderator kept this message out of the group. Only you and the moderators saw it; you are not in any trouble.'}
        </DeliveryStatus>
        {entry.outcome === 'kept' && (
          <span className="msg__fix">
            <Button variant="quiet" onClick={() => onDismiss(entry.clientId)}>
              Dismiss
            </Button>
          </span>
        )}
      </div>
    </li>
  );
}
