import { Link } from 'react-router';
import type { ConversationSummary } from '@staffroom/shared/schemas/consultations';
import { paths } from '../../../config/paths';
import { useNow } from '../hooks/use-conversation-room';
import { reminderFor, reminderText } from '../model/reminder';
import { ClockIcon } from './icons';

/**
 * The in-app reminder: from 15 minutes before an accepted check-in, and while it runs. The live region is
 * always in the page, so the reminder is announced politely when it appears.
 */
export function ReminderBanner({ conversations }: { conversations: readonly ConversationSummary[] }) {
  const now = useNow();
  const due = conversations
    .flatMap((c) => {
      const checkIn = c.status !== 'closed' ? c.nextCheckIn : null;
      const reminder = checkIn ? reminderFor(checkIn, now) : null;
      return checkIn && reminder ? [{ c, checkIn, reminder }] : [];
    })
    .sort((a, b) => a.checkIn.startsAt - b.checkIn.startsAt)[0];
  return (
    <div role="status" className="reminder-slot">
      {due && (
        <p className={`reminder reminder--${due.reminder.kind}`}>
          <ClockIcon className="reminder__icon" />
          <span>
            {reminderText(due.reminder, due.checkIn, due.c.peerName)}{' '}
            <Link to={paths.conversation.getHref(due.c.id)}>Open the conversation</Link>
          </span>
        </p>
      )}
    </div>
  );
}
