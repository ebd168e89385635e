import { Link } from 'react-router';
import { TOPIC_LABELS, type GroupSummary } from '@staffroom/shared/schemas/groups';
import { paths } from '../../../config/paths';
import { formatUntil } from '../../../utils/format';
import { formatMeetingStart, plural } from '../model/format';

/** One group in a list: name, topic, what it is for, and where you stand with it. */
export function GroupCard({ group }: { group: GroupSummary }) {
  return (
    <li className="card group-card">
      <p className="group-card__topic">{TOPIC_LABELS[group.topic]}</p>
      <h3 className="card__title group-card__title">
        <Link to={paths.group.getHref(group.id)} className="card__link">
          {group.name}
        </Link>
      </h3>
      {group.description && <p className="card__text group-card__description">{group.description}</p>}
      <ul className="group-card__facts">
        <li>{plural(group.memberCount, 'member')}</li>
        {group.isMember && <li className="group-card__joined">You are a member</li>}
        {group.visibility === 'invite-only' && <li>Invite only</li>}
        {group.banned && (
          <li className="group-card__banned">
            You cannot join {group.banned.until === null ? 'this group' : formatUntil(group.banned.until)}
          </li>
        )}
        {group.unread > 0 && (
          <li>
            <span className="badge badge--unread">{plural(group.unread, 'unread message')}</span>
          </li>
        )}
      </ul>
      {group.nextMeeting && (
        <p className="group-card__next">
          <span className="group-card__next-label">Next session:</span> {group.nextMeeting.title},{' '}
          <time dateTime={new Date(group.nextMeeting.startsAt).toISOString()}>
            {formatMeetingStart(group.nextMeeting.startsAt)}
          </time>
        </p>
      )}
    </li>
  );
}
