import { useCallback, useMemo, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { moderationApi } from '../api/moderation-api';
import { BansTable } from '../components/bans-table';
import type { GroupTools } from '../components/group-context';
import { LiveNotices } from '../components/live-notices';
import { MembersTable } from '../components/members-table';
import { ModeratorsPanel } from '../components/moderators-panel';
import { RetentionPanel } from '../components/retention-panel';
import { SettingsPanel } from '../components/settings-panel';
import { useAnnouncer } from '../hooks/use-announcer';
import { useNow } from '../hooks/use-now';
import type { ModeratedGroup } from './moderation-console';

/**
 * `/moderation/groups/:groupId`: one group's posting settings, moderators, members and bans. Coordinators, who read
 * no group and see none of its members, get its settings, moderators to appoint, retention and bans from Staffroom.
 */
export function GroupModerationPage({
  groupId,
  groups,
  isAdmin,
}: {
  /** Give the page `key={groupId}`: nothing of one group's state may show on another's page. */
  groupId: string;
  groups: readonly ModeratedGroup[];
  isAdmin: boolean;
}) {
  const group = groups.find((g) => g.id === groupId);
  // Coordinators get the group's settings and the bans from Staffroom, never its members.
  const load = useCallback(() => moderationApi.members(groupId), [groupId]);
  const { data, error, loading, reload } = useResource(load);
  const [dialog, setDialog] = useState<ReactElement | null>(null);
  const announcer = useAnnouncer();
  const { announce } = announcer;
  const now = useNow();

  const tools = useMemo<GroupTools>(
    () => ({
      groupId,
      groupName: group?.name ?? 'this group',
      isAdmin,
      ask: (render) => setDialog(render(() => setDialog(null))),
      done: (text) => {
        announce(text, 'success');
        reload();
      },
      changeSettings: (patch, reason) => moderationApi.settings(groupId, patch, reason),
    }),
    [groupId, group?.name, isAdmin, announce, reload],
  );

  if (!group) {
    return (
      <section className="mod-section" aria-labelledby="group-missing-title">
        <h2 id="group-missing-title">This group is not yours to moderate</h2>
        <p>It does not exist, or you are not one of its moderators.</p>
        <p>
          <Link to={paths.moderationGroups.getHref()}>See the groups you moderate</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="mod-section" aria-labelledby="group-title">
      <p className="mod-back">
        <Link to={paths.moderationGroups.getHref()}>All your groups</Link>
      </p>
      <div className="mod-section__head">
        <h2 id="group-title">{group.name}</h2>
        <Button variant="quiet" busy={loading} busyLabel="Refreshing…" onClick={reload}>
          Refresh
        </Button>
      </div>
      <p className="mod-section__intro">
        Changes apply on every device at once, and each one is kept in the audit log with its reason.
      </p>
      <LiveNotices announcer={announcer} />
      {error && (
        <Alert title="This group could not be loaded">
          {error}{' '}
          <Button variant="quiet" onClick={reload}>
            Try again
          </Button>
        </Alert>
      )}
      {isAdmin && (
        <p className="mod-section__intro">
          Coordinators don’t read groups or see who is in them: appoint a moderator, who reads its reports and
          looks after its members. You see its urgent items, without what was written, in the report queue.
        </p>
      )}
      {!data && !error && (
        <p className="loading" role="status">
          Loading the group…
        </p>
      )}
      {data && (
        <div className="mod-group">
          <SettingsPanel tools={tools} settings={data.settings} />
          <RetentionPanel tools={tools} />
          <ModeratorsPanel tools={tools} members={data.members} />
          {!isAdmin && <MembersTable tools={tools} members={data.members} now={now} />}
          <BansTable tools={tools} bans={data.bans} fromStaffroom={isAdmin} />
        </div>
      )}
      {dialog}
    </section>
  );
}
