import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { groupsApi } from '../api/groups-api';
import { plural } from '../model/format';
import { WeekMeetings } from './week-meetings';
import '../groups.css';

const loadMine = () => groupsApi.list().then((r) => r.groups.filter((g) => g.isMember));
const loadWeek = () => groupsApi.week().then((r) => r.meetings);

/** For the home page: the groups I belong to, with what I have not read yet. */
export function MyGroupsSummary() {
  const { data, error } = useResource(loadMine);
  if (error) return <Alert title="Your groups could not be loaded">{error}</Alert>;
  if (!data) return <p className="loading">Loading your groups…</p>;
  if (data.length === 0) {
    return (
      <p className="empty">
        You have not joined a group yet. <Link to={paths.groups.getHref()}>Browse the groups</Link> — reading
        along first is welcome.
      </p>
    );
  }
  return (
    <ul className="my-groups">
      {data.map((g) => (
        <li key={g.id} className="my-groups__item">
          <Link to={paths.group.getHref(g.id)} className="my-groups__link">
            {g.name}
          </Link>
          {g.unread > 0 ? (
            <span className="badge badge--unread">{plural(g.unread, 'unread message')}</span>
          ) : (
            <span className="my-groups__quiet">All read</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** For the home page: sessions in the next seven days. */
export function WeekSummary() {
  const { data, error } = useResource(loadWeek);
  if (error) return <Alert title="Sessions could not be loaded">{error}</Alert>;
  if (!data) return <p className="loading">Loading sessions…</p>;
  return <WeekMeetings meetings={data} />;
}
