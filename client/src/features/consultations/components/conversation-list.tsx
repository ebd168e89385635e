import { Link } from 'react-router';
import type { ConversationSummary } from '@staffroom/shared/schemas/consultations';
import { paths } from '../../../config/paths';
import { useNow } from '../hooks/use-conversation-room';
import { formatStart } from '../model/format';
import { formatDuration } from '../../../utils/format';
import { kindText } from '../model/labels';
import { reminderFor } from '../model/reminder';
import { SoonTag } from './soon-tag';
import { ConversationBadge } from './status-badge';

/** One-to-one conversations, newest first, each with its next check-in (and a reminder when it is close). */
export function ConversationList({ conversations }: { conversations: readonly ConversationSummary[] }) {
  const now = useNow(conversations.some((c) => c.nextCheckIn !== null));
  return (
    <ul className="list convo-list">
      {conversations.map((c) => {
        const next = c.nextCheckIn;
        const reminder = next ? reminderFor(next, now) : null;
        return (
          <li key={c.id} className="list__item convo-list__item">
            <div className="convo-list__main">
              <p className="convo-list__title">
                <Link to={paths.conversation.getHref(c.id)} className="convo-list__link">
                  {c.reciprocal
                    ? `Reciprocal mentorship with ${c.peerName}`
                    : c.role === 'teacher'
                      ? `Support with ${c.peerName}`
                      : `Supporting ${c.peerName}`}
                </Link>{' '}
                <ConversationBadge status={c.status} />
              </p>
              {c.kind === 'mentorship' && (
                <p className="convo-list__meta">
                  {c.reciprocal ? 'Both of you learn, and both set goals' : kindText(c.kind)}
                </p>
              )}
              <p className="convo-list__meta">
                {next
                  ? `Next check-in: ${formatStart(next.startsAt, now)} (${formatDuration(next.durationMinutes)})`
                  : c.status === 'closed'
                    ? 'Read-only now.'
                    : 'No check-in planned.'}
              </p>
              {reminder && <SoonTag reminder={reminder} />}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
