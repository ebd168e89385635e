import { memo } from 'react';
import { decodeMessageText, type Message, type ReactionKind } from '@staffroom/shared/schemas/messages';
import { formatClock, formatFull } from '../model/format';
import { PopoverMenu, type MenuItem } from './popover-menu';
import { ReactionCounts, ReactionPicker } from './reactions';

export interface MessageActions {
  onReact: (message: Message, kind: ReactionKind) => void;
  onReport: (message: Message) => void;
  onDelete: (message: Message) => void;
}

function Time({ ts }: { ts: number }) {
  return (
    <time className="msg__time" dateTime={new Date(ts).toISOString()} title={formatFull(ts)}>
      {formatClock(ts)}
    </time>
  );
}

/**
 * One message. The text is a text node (React escapes it); `decodeMessageText` only turns the server's
 * `&lt;` back into `<` for reading. Line breaks are kept by CSS, links stay plain text. Memoised: a long feed
 * re-renders only the messages that changed (give it stable `actions`).
 */
export const MessageItem = memo(function MessageItem({
  message,
  mine,
  grouped,
  actions,
}: {
  message: Message;
  /** Written by me (in this group). */
  mine: boolean;
  /** Same author as the message just above, moments earlier: the name is for screen readers only. */
  grouped: boolean;
  actions: MessageActions;
}) {
  if (message.kind === 'meeting') {
    return (
      <li className="msg msg--system">
        <span className="msg__system-icon" aria-hidden="true">
          ◷
        </span>
        <p className="msg__text">{decodeMessageText(message.text)}</p>
        <Time ts={message.ts} />
      </li>
    );
  }

  if (message.kind === 'removed') {
    return (
      <li className="msg msg--removed">
        <p className="msg__tombstone">
          {message.removedBy === 'author' ? 'Removed by its author' : 'Removed by a moderator'}
        </p>
        <Time ts={message.ts} />
      </li>
    );
  }

  const name = message.author?.name ?? 'Someone';
  const menu: MenuItem[] = mine
    ? [{ label: 'Delete', onSelect: () => actions.onDelete(message), danger: true }]
    : [{ label: 'Report', onSelect: () => actions.onReport(message) }];

  return (
    <li className={['msg', mine && 'msg--mine', grouped && 'msg--grouped'].filter(Boolean).join(' ')}>
      <p className={grouped ? 'msg__head visually-hidden' : 'msg__head'}>
        <span className="msg__author">{name}</span>
        {mine && <span className="msg__you"> (you)</span>} <Time ts={message.ts} />
      </p>
      <p className="msg__text">{decodeMessageText(message.text)}</p>
      <ReactionCounts message={message} onReact={(kind) => actions.onReact(message, kind)} />
      <div className="msg__tools">
        <ReactionPicker message={message} onReact={(kind) => actions.onReact(message, kind)} />
        <PopoverMenu
          icon="⋯"
          label={mine ? 'More actions for your message' : `More actions for ${name}’s message`}
          items={menu}
        />
      </div>
    </li>
  );
});
