import { Link } from 'react-router';
import type { WeekMeeting } from '@staffroom/shared/schemas/groups';
import { paths } from '../../../config/paths';
import { formatMeetingStart } from '../model/format';
import { formatDuration } from '../../../utils/format';

/** Sessions in the next seven days, soonest first, each linking to its group. */
export function WeekMeetings({ meetings }: { meetings: readonly WeekMeeting[] }) {
  if (meetings.length === 0) {
    return <p className="empty">No sessions are planned in the next seven days.</p>;
  }
  return (
    <ul className="meetings">
      {meetings.map((m) => (
        <li key={m.id} className="meeting">
          <time className="meeting__when" dateTime={new Date(m.startsAt).toISOString()}>
            {formatMeetingStart(m.startsAt)}
          </time>
          <span className="meeting__title">{m.title}</span>
          <span className="meeting__meta">
            <Link to={paths.group.getHref(m.groupId)}>{m.groupName}</Link> ·{' '}
            {formatDuration(m.durationMinutes)} · hosted by {m.host}
          </span>
        </li>
      ))}
    </ul>
  );
}
