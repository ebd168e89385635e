import { useId } from 'react';
import { decodeMessageText, type Message } from '@staffroom/shared/schemas/messages';
import { formatDateTime } from '../../../utils/format';

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

function ContextMessage({ message, reported }: { message: Message; reported: boolean }) {
  const removed = message.kind === 'removed';
  const name = message.author?.name ?? (removed ? 'Removed message' : 'Staffroom');
  return (
    <li
      className={['mod-ctx__msg', reported && 'mod-ctx__msg--reported', removed && 'mod-ctx__msg--removed']
        .filter(Boolean)
        .join(' ')}
      aria-current={reported ? 'true' : undefined}
    >
      <p className="mod-ctx__head">
        {reported && <span className="mod-ctx__flag">Reported message</span>}
        <span className="mod-ctx__author">{name}</span>{' '}
        <time
          className="mod-ctx__time"
          dateTime={new Date(message.ts).toISOString()}
          title={formatDateTime(message.ts)}
        >
          {clock.format(message.ts)}
        </time>
      </p>
      {removed ? (
        <p className="mod-ctx__text mod-ctx__text--removed">
          {message.removedBy === 'author' ? 'Removed by its author' : 'Removed by a moderator'}
        </p>
      ) : (
        // A text node: React escapes it; decoding only turns the stored `&lt;` back into `<` for reading.
        <p className="mod-ctx__text">{decodeMessageText(message.text)}</p>
      )}
    </li>
  );
}

/**
 * The reported message in its place in the conversation: up to five messages before and five after, with the
 * reported one highlighted (and marked `aria-current` plus a visible label, not by colour alone).
 */
export function MessageContext({
  message,
  before,
  after,
}: {
  message: Message | null;
  before: readonly Message[];
  after: readonly Message[];
}) {
  const id = useId();
  if (!message) {
    return <p className="empty">The message is no longer in the group’s history.</p>;
  }
  return (
    <div className="mod-ctx">
      <p id={id} className="visually-hidden">
        The reported message with {before.length} messages before it and {after.length} after it
      </p>
      <ol className="mod-ctx__list" aria-labelledby={id}>
        {before.map((m) => (
          <ContextMessage key={m.seq} message={m} reported={false} />
        ))}
        <ContextMessage message={message} reported />
        {after.map((m) => (
          <ContextMessage key={m.seq} message={m} reported={false} />
        ))}
      </ol>
    </div>
  );
}
