import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { TOPIC_LABELS, type GroupDetail } from '@staffroom/shared/schemas/groups';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { ApiError } from '../../../lib/api';
import { formatUntil } from '../../../utils/format';
import { useResource } from '../../../lib/use-resource';
import { groupsApi } from '../api/groups-api';
import { JoinForm } from '../components/join-form';
import { formatMeetingStart, plural } from '../model/format';
import { isCoordinator, type Viewer } from '../model/viewer';
import { GroupAside } from './group-aside';
import { RoomView } from './room-view';
import '../groups.css';

/**
 * `/groups/:id`: the conversation for members, the guidelines and "Join" for everyone else. Coordinators never read
 * a group (the server refuses them): they get its facts and where to appoint a moderator.
 */
export function GroupPage({ viewer }: { viewer: Viewer }) {
  const { id = '' } = useParams();
  const load = useCallback(
    () =>
      groupsApi.get(id).then(
        (r) => r.group,
        (err: unknown) => {
          throw isNotFound(err) ? new Error(NOT_FOUND_TEXT) : err;
        },
      ),
    [id],
  );
  const { data, error } = useResource(load);
  // The latest we know (after joining, editing or scheduling), over what the page first loaded.
  const [latest, setLatest] = useState<GroupDetail | null>(null);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  // The group joined from this page, whose composer then takes the focus (the join form it replaces had it).
  const [joinedHere, setJoinedHere] = useState<string | null>(null);
  const group = latest?.id === id ? latest : data?.id === id ? data : null;

  const refresh = useCallback(() => {
    groupsApi.get(id).then(
      (r) => {
        setLatest(r.group);
        setRefreshError(null);
      },
      (err: unknown) =>
        setRefreshError(err instanceof Error ? err.message : 'The group could not be reloaded.'),
    );
  }, [id]);

  if (error && !group) {
    return (
      <>
        <PageTitle documentTitle="Group not found">This group is not available</PageTitle>
        <p className="lead">{error}</p>
        <div className="actions">
          <Link to={paths.groups.getHref()} className="button button--primary">
            See all groups
          </Link>
          <Link to={paths.joinGroup.getHref()} className="button button--secondary">
            Join with a code
          </Link>
        </div>
      </>
    );
  }
  if (!group) {
    return (
      <p className="loading" role="status">
        Loading the group…
      </p>
    );
  }

  if (group.isMember && !isCoordinator(viewer)) {
    return (
      <>
        {refreshError && <Alert>{refreshError}</Alert>}
        <RoomView
          key={group.id}
          group={group}
          viewer={viewer}
          onGroupChange={setLatest}
          refresh={refresh}
          justJoined={joinedHere === group.id}
        />
      </>
    );
  }

  return (
    <>
      <header className="room-head">
        <p className="room-head__topic">{TOPIC_LABELS[group.topic]}</p>
        <PageTitle documentTitle={group.name}>{group.name}</PageTitle>
        {group.description && <p className="room-head__description">{group.description}</p>}
        <p className="room-head__facts">
          {plural(group.memberCount, 'member')}
          {group.nextMeeting && ` · next session ${formatMeetingStart(group.nextMeeting.startsAt)}`}
        </p>
      </header>
      <div className="room-layout">
        {isCoordinator(viewer) ? (
          <section className="panel join-panel" aria-labelledby="join-title">
            <h2 id="join-title">Coordinators don’t read groups</h2>
            <p>
              Its moderators read its messages and reports. You see its urgent items without what was written,
              and can reach out privately or appoint a moderator.
            </p>
            <p>
              <Link to={paths.moderationGroup.getHref(group.id)}>Appoint a moderator to {group.name}</Link>
            </p>
          </section>
        ) : group.banned ? (
          <section className="panel join-panel" aria-labelledby="join-title">
            <h2 id="join-title">You cannot join this group</h2>
            <p>
              A moderator has banned you from this group
              {group.banned.until === null ? '.' : `, ${formatUntil(group.banned.until)}.`} You can still take
              part in other groups and ask for one-to-one support.
            </p>
          </section>
        ) : (
          <section className="panel join-panel" aria-labelledby="join-title">
            <h2 id="join-title">{group.guidelinesAccepted ? 'Join this group' : 'Before you join'}</h2>
            <p>
              {group.guidelinesAccepted
                ? 'You accepted these guidelines before. Here they are again:'
                : 'Every group has guidelines that keep it safe and kind. Please read them once before joining.'}
            </p>
            <JoinForm
              target={{ groupId: group.id }}
              mustAccept={!group.guidelinesAccepted}
              guidelines={
                <div
                  className="guidelines guidelines--boxed"
                  aria-label="Group guidelines"
                  role="region"
                  tabIndex={0}
                >
                  {group.guidelines}
                </div>
              }
              onJoined={(joined) => {
                setJoinedHere(joined.group.id);
                setLatest(joined.group);
              }}
            />
          </section>
        )}
        <GroupAside
          group={group}
          viewer={viewer}
          onGroupChange={setLatest}
          refresh={refresh}
          showGuidelines={false}
        />
      </div>
      {refreshError && (
        <Alert>
          {refreshError}{' '}
          <Button variant="quiet" onClick={refresh}>
            Try again
          </Button>
        </Alert>
      )}
    </>
  );
}

const NOT_FOUND_TEXT =
  'It may have been removed, or it is invite only. If someone gave you a code or a link, use it to join.';

/** True when an error means "no such group (for you)" rather than "could not load". */
function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.code === ErrorCode.NOT_FOUND;
}
