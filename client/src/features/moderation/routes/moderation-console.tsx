import { useEffect } from 'react';
import { Link, NavLink, Route, Routes, useLocation, useParams } from 'react-router';
import type { Role } from '@staffroom/shared/schemas/accounts';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { reportModeratedGroups } from '../api/moderation-access';
import { moderationApi } from '../api/moderation-api';
import { BanAccountPanel } from '../components/ban-account-panel';
import { AuditPage } from './audit-page';
import { GroupModerationPage } from './group-moderation-page';
import { QueuePage } from './queue-page';
import '../moderation.css';

export interface ModeratedGroup {
  id: string;
  name: string;
  /** Coordinators only: the pseudonyms of the group's moderators (none: nobody looks after it yet). */
  moderators?: readonly string[] | undefined;
}

/**
 * Who is looking: the console shows coordinators' powers (appointing, Staffroom-wide bans) to admins only, and to
 * them no content: urgent items as metadata, no member lists (the server refuses both anyway).
 */
export interface ModerationViewer {
  role: Role;
}

/** A route of the console, relative to `/moderation` (the router mounts the console at `/moderation/*`). */
const sub = (path: string) => path.slice(paths.moderation.path.length + 1);

const SECTIONS = [
  { to: paths.moderation.getHref(), label: 'Report queue', end: true },
  { to: paths.moderationGroups.getHref(), label: 'Groups', end: false },
  { to: paths.moderationAudit.getHref(), label: 'Audit log', end: true },
] as const;

function sectionTitle(pathname: string): string {
  if (pathname.startsWith(paths.moderationAudit.getHref())) return 'Audit log';
  if (pathname.startsWith(paths.moderationGroups.getHref())) return 'Groups';
  return 'Report queue';
}

function GroupsIndex({
  groups,
  isAdmin,
  reload,
}: {
  groups: readonly ModeratedGroup[];
  isAdmin: boolean;
  /** Loads the list again: a coordinator back from appointing sees the group's moderators as they are now. */
  reload: () => void;
}) {
  useEffect(() => {
    if (isAdmin) reload();
  }, [isAdmin, reload]);
  return (
    <>
      <section className="mod-section" aria-labelledby="groups-title">
        <h2 id="groups-title">Your groups</h2>
        <p className="mod-section__intro">
          {isAdmin
            ? 'Choose a group to appoint its moderators and set how long it keeps messages. Coordinators don’t read groups.'
            : 'Choose a group to lock it, set slow mode or blocked terms, and look after its members and bans.'}
        </p>
        <ul className="cards">
          {groups.map((g) => (
            <li key={g.id} className="card">
              <h3 className="card__title">
                <Link to={paths.moderationGroup.getHref(g.id)} className="card__link">
                  {g.name}
                </Link>
              </h3>
              {g.moderators && (
                <p className="card__text">
                  {g.moderators.length
                    ? `Moderators: ${g.moderators.join(', ')}`
                    : 'No moderators yet: choose the group to appoint one.'}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
      {isAdmin && <BanAccountPanel />}
    </>
  );
}

function GroupRoute({ groups, isAdmin }: { groups: readonly ModeratedGroup[]; isAdmin: boolean }) {
  const { groupId = '' } = useParams();
  return <GroupModerationPage key={groupId} groupId={groupId} groups={groups} isAdmin={isAdmin} />;
}

function NotInConsole() {
  return (
    <section className="mod-section" aria-labelledby="mod-missing-title">
      <h2 id="mod-missing-title">Nothing here</h2>
      <p>
        <Link to={paths.moderation.getHref()}>Go to the report queue</Link>
      </p>
    </section>
  );
}

/**
 * `/moderation/*`: the moderator console. Report queue, each group's settings and members, the audit log.
 * Everyone who moderates a group (and every coordinator) can open it; the server checks every action anyway.
 */
export function ModerationConsole({ viewer }: { viewer: ModerationViewer }) {
  const { pathname } = useLocation();
  const { data: groups, error, reload } = useResource(moderationApi.groups);
  const isAdmin = viewer.role === 'admin';
  const section = sectionTitle(pathname);

  useEffect(() => {
    document.title = `${section} · Moderation · Staffroom`;
  }, [section]);
  useEffect(() => {
    if (groups) reportModeratedGroups(groups.length);
  }, [groups]);

  const title = (
    <h1 className="page-title" tabIndex={-1}>
      Moderation
    </h1>
  );

  if (!groups) {
    return (
      <>
        {title}
        {error ? (
          <Alert title="The console could not be loaded">
            {error}{' '}
            <Button variant="quiet" onClick={reload}>
              Try again
            </Button>
          </Alert>
        ) : (
          <p className="loading" role="status">
            Loading…
          </p>
        )}
      </>
    );
  }

  // Program moderators (role moderator) review one-to-one reports (their notes) even before moderating a group.
  if (groups.length === 0 && !isAdmin && viewer.role !== 'moderator') {
    return (
      <>
        {title}
        <p className="lead">You do not moderate any group at the moment.</p>
        <p>
          Coordinators appoint moderators for each group. Once you are appointed, the group’s reports, members
          and audit log appear here.
        </p>
      </>
    );
  }

  return (
    <>
      {title}
      <p className="lead">
        Keep groups safe and kind. Every action here asks for a reason and is kept in the audit log.
      </p>
      <nav className="mod-nav" aria-label="Moderation">
        <ul className="mod-nav__list">
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} end={s.end} className="mod-nav__link">
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<QueuePage coordinator={isAdmin} />} />
        <Route
          path={sub(paths.moderationGroups.path)}
          element={<GroupsIndex groups={groups} isAdmin={isAdmin} reload={reload} />}
        />
        <Route
          path={sub(paths.moderationGroup.path)}
          element={<GroupRoute groups={groups} isAdmin={isAdmin} />}
        />
        <Route path={sub(paths.moderationAudit.path)} element={<AuditPage groups={groups} />} />
        <Route path="*" element={<NotInConsole />} />
      </Routes>
    </>
  );
}
