import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { GROUP_LIMITS } from '@staffroom/shared/limits';
import { TOPICS, TOPIC_LABELS, type Topic } from '@staffroom/shared/schemas/groups';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { PageTitle } from '../../../components/page-title';
import { SelectField, type SelectOption } from '../../../components/select-field';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { groupsApi } from '../api/groups-api';
import { GroupCard } from '../components/group-card';
import { GroupForm } from '../components/group-form';
import { WeekMeetings } from '../components/week-meetings';
import { plural } from '../model/format';
import { isCoordinator, type Viewer } from '../model/viewer';
import '../groups.css';

const loadWeek = () => groupsApi.week().then((r) => r.meetings);

const TOPIC_FILTER: readonly SelectOption<string>[] = [
  { value: '', label: 'All topics' },
  ...TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] })),
];

function topicOf(value: string | null): Topic | undefined {
  return TOPICS.find((t) => t === value);
}

/** `/groups`: browse by topic or name, this week's sessions, and (coordinators) a new group. */
export function GroupsPage({ viewer }: { viewer: Viewer }) {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const topic = topicOf(params.get('topic'));
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [created, setCreated] = useState<string | null>(null);
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;

  const load = useCallback(() => groupsApi.list({ topic, q }).then((r) => r.groups), [topic, q]);
  const { data: groups, error, reload } = useResource(load);
  const week = useResource(loadWeek);

  // Searching follows typing after a short pause, and lives in the address so it survives a reload.
  useEffect(() => {
    if (search.trim() === q) return;
    const timer = setTimeout(() => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (search.trim()) next.set('q', search.trim());
          else next.delete('q');
          return next;
        },
        { replace: true, state: location.state },
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [search, q, setParams, location.state]);

  const setTopic = (value: string) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (topicOf(value)) next.set('topic', value);
        else next.delete('topic');
        return next;
      },
      { replace: true },
    );
  };

  const filtered = Boolean(topic || q);
  const mine = groups?.filter((g) => g.isMember) ?? [];
  const others = groups?.filter((g) => !g.isMember) ?? [];

  return (
    <div className="groups-page">
      <PageTitle documentTitle="Groups">Support groups</PageTitle>
      <p className="lead">
        Small groups of colleagues, moderated and under pseudonyms. Read a group’s guidelines, join, and talk
        when you are ready — or just listen.
      </p>
      {notice && (
        <Status>
          {notice}{' '}
          <Button
            variant="quiet"
            onClick={() => navigate(location.pathname + location.search, { replace: true })}
          >
            Dismiss
          </Button>
        </Status>
      )}

      <div className="groups-layout">
        <div className="groups-main">
          {isCoordinator(viewer) && (
            <section className="panel new-group" aria-labelledby="new-group-title">
              <h2 id="new-group-title">New group</h2>
              {created && <Status tone="success">{created}</Status>}
              {groups && groups.length === 0 && !filtered && (
                <p>
                  No groups yet. Start with{' '}
                  <Link to={`${paths.setup.getHref()}#starter-groups`}>
                    starter groups from the seed topics
                  </Link>
                  , or create your own.
                </p>
              )}
              <details className="disclosure">
                <summary className="disclosure__summary">Create a group</summary>
                <div className="disclosure__body">
                  <GroupForm
                    submitLabel="Create group"
                    busyLabel="Creating…"
                    onSubmit={async (body) => {
                      const { group } = await groupsApi.create(body);
                      setCreated(`“${group.name}” was created.`);
                      reload();
                    }}
                  />
                </div>
              </details>
            </section>
          )}
          <form
            className="filters"
            role="search"
            aria-label="Find a group"
            onSubmit={(e) => e.preventDefault()}
          >
            <SelectField<string>
              label="Topic"
              value={topic ?? ''}
              options={TOPIC_FILTER}
              onChange={setTopic}
            />
            <div className="field filters__search">
              <label className="field__label" htmlFor="group-search">
                Search by name
              </label>
              <input
                id="group-search"
                className="input"
                type="search"
                autoComplete="off"
                maxLength={GROUP_LIMITS.searchMax}
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
          </form>

          <p className="filters__result" role="status">
            {groups && filtered && plural(groups.length, 'group') + ' found'}
          </p>

          {error && (
            <Alert title="Groups could not be loaded">
              {error}{' '}
              <Button variant="quiet" onClick={reload}>
                Try again
              </Button>
            </Alert>
          )}
          {!groups && !error && (
            <p className="loading" role="status">
              Loading groups…
            </p>
          )}
          {groups && groups.length === 0 && (
            <p className="empty">
              {filtered ? 'No group matches. Try another topic or word.' : 'There are no groups yet.'}
            </p>
          )}
          {mine.length > 0 && (
            <section className="section section--first" aria-labelledby="mine-title">
              <h2 id="mine-title">Your groups</h2>
              <ul className="cards group-cards">
                {mine.map((g) => (
                  <GroupCard key={g.id} group={g} />
                ))}
              </ul>
            </section>
          )}
          {others.length > 0 && (
            <section
              className={mine.length ? 'section' : 'section section--first'}
              aria-labelledby="others-title"
            >
              <h2 id="others-title">{mine.length ? 'More groups' : 'Groups you can join'}</h2>
              <ul className="cards group-cards">
                {others.map((g) => (
                  <GroupCard key={g.id} group={g} />
                ))}
              </ul>
            </section>
          )}
          <p className="aside">
            Invited to a private group? <Link to={paths.joinGroup.getHref()}>Join with a code</Link>.
          </p>
        </div>

        <aside className="groups-aside" aria-label="Sessions and tools">
          <section className="side-section" aria-labelledby="week-title">
            <h2 id="week-title" className="side-section__title">
              This week
            </h2>
            {week.error && <Alert>{week.error}</Alert>}
            {week.data ? (
              <WeekMeetings meetings={week.data} />
            ) : (
              !week.error && <p className="loading">Loading sessions…</p>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
