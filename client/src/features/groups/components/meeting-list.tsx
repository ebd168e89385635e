import type { Meeting } from '@staffroom/shared/schemas/groups';
import { Button } from '../../../components/button';
import { formatFull, formatMeetingStart } from '../model/format';
import { formatDuration } from '../../../utils/format';
import { SignUpControl } from './session-actions';

const FORMAT_LABELS = { session: 'Session', workshop: 'Workshop', 'focus-group': 'Focus group' } as const;

/** A group's upcoming sessions; coordinators get a "Cancel" per session. */
export function MeetingList({
  meetings,
  onCancel,
  groupId,
}: {
  meetings: readonly Meeting[];
  onCancel?: (meeting: Meeting) => void;
  /** Given to members: sign-up controls for sessions that take sign-ups. */
  groupId?: string;
}) {
  if (meetings.length === 0) return <p className="empty">No sessions are planned.</p>;
  return (
    <ul className="meetings">
      {meetings.map((m) => (
        <li key={m.id} className="meeting">
          <time
            className="meeting__when"
            dateTime={new Date(m.startsAt).toISOString()}
            title={formatFull(m.startsAt)}
          >
            {formatMeetingStart(m.startsAt)}
          </time>
          <span className="meeting__title">{m.title}</span>
          <span className="meeting__meta">
            {FORMAT_LABELS[m.format ?? 'session']} · {formatDuration(m.durationMinutes)} · hosted by {m.host}
          </span>
          {m.agenda && <p className="meeting__agenda">{m.agenda}</p>}
          {groupId && m.signUp && <SignUpControl groupId={groupId} meeting={m} />}
          {onCancel && (
            <Button
              variant="quiet"
              className="meeting__cancel"
              aria-label={`Cancel “${m.title}”`}
              onClick={() => onCancel(m)}
            >
              Cancel
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
