import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, AuditAction, type AuditEntry } from '@staffroom/shared/schemas/moderation';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { SelectField } from '../../../components/select-field';
import { moderationApi, type AuditQuery } from '../api/moderation-api';
import { AUDIT_ACTION_LABELS, SEVERE_ACTIONS } from '../model/labels';
import { plural } from '../model/plural';
import type { ModeratedGroup } from './moderation-console';
import { isoTimesInWords } from '../../../utils/format';
import { ModTableHead } from '../components/mod-table-head';

const PAGE = 50;
/** To the second: several actions often fall in the same minute. */
const stamp = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

interface Filters {
  group: string;
  action: string;
  actor: string;
}

function filtersOf(params: URLSearchParams): Filters {
  const action = params.get('action') ?? '';
  return {
    group: params.get('group') ?? '',
    action: AuditAction.safeParse(action).success ? action : '',
    actor: (params.get('actor') ?? '').slice(0, 40),
  };
}

function queryOf(f: Filters, before?: string): AuditQuery {
  return {
    limit: PAGE,
    ...(f.group ? { groupId: f.group } : {}),
    ...(f.action ? { action: f.action as AuditAction } : {}),
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(before ? { before } : {}),
  };
}

interface Loaded {
  key: string;
  entries: AuditEntry[];
  more: boolean;
}

/**
 * `/moderation/audit`: every moderator and coordinator action, newest first, filtered by group, action and
 * actor (kept in the address, so a filtered view can be shared). Read-only: the log is append-only.
 */
export function AuditPage({ groups }: { groups: readonly ModeratedGroup[] }) {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const key = JSON.stringify(filters);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [olderBusy, setOlderBusy] = useState(false);
  const [spoken, setSpoken] = useState('');
  const [draft, setDraft] = useState<Filters>(filters);
  const [draftKey, setDraftKey] = useState(key);
  const ticket = useRef(0);
  const names = new Map(groups.map((g) => [g.id, g.name]));

  // The form follows the address (back and forward, "Clear").
  if (draftKey !== key) {
    setDraftKey(key);
    setDraft(filters);
  }

  /** The first page for these filters; only the answer to the latest request is shown. */
  const loadFirst = useCallback((f: Filters, k: string) => {
    const mine = ++ticket.current;
    moderationApi.audit(queryOf(f)).then(
      (page) => {
        if (mine !== ticket.current) return;
        setLoaded({ key: k, entries: page.entries, more: page.more });
        setError(null);
        setSpoken(
          page.entries.length === 0
            ? 'No entries match.'
            : `Showing ${plural(page.entries.length, 'entry', 'entries')}${page.more ? '; older ones can be loaded' : ''}.`,
        );
      },
      (err: unknown) => {
        if (mine === ticket.current)
          setError(err instanceof Error ? err.message : 'The log could not be loaded.');
      },
    );
  }, []);

  useEffect(() => {
    loadFirst(JSON.parse(key) as Filters, key);
  }, [key, loadFirst]);

  const loadOlder = async () => {
    if (!loaded || olderBusy) return;
    const last = loaded.entries.at(-1);
    if (!last) return;
    setOlderBusy(true);
    const mine = ++ticket.current;
    try {
      const page = await moderationApi.audit(queryOf(filters, last.id));
      if (mine !== ticket.current) return;
      setLoaded({ key, entries: [...loaded.entries, ...page.entries], more: page.more });
      setError(null);
      setSpoken(
        `${plural(page.entries.length, 'older entry', 'older entries')} loaded${page.more ? '' : '; that is the beginning of the log'}.`,
      );
    } catch (err) {
      if (mine === ticket.current)
        setError(err instanceof Error ? err.message : 'Older entries could not be loaded.');
    } finally {
      setOlderBusy(false);
    }
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.group) next.set('group', draft.group);
    if (draft.action) next.set('action', draft.action);
    if (draft.actor.trim()) next.set('actor', draft.actor.trim());
    setParams(next);
  };

  const current = loaded?.key === key ? loaded : null;
  const filtered = Boolean(filters.group || filters.action || filters.actor);
  return (
    <section className="mod-section" aria-labelledby="audit-title">
      <div className="mod-section__head">
        <h2 id="audit-title">Audit log</h2>
      </div>
      <p className="mod-readonly">
        <span className="badge mod-badge--readonly">Read-only</span> This log is append-only: nobody, not
        moderators, coordinators or the people who run Staffroom, can edit or delete an entry. This page only
        reads it.
      </p>

      <form
        className="mod-filters"
        role="search"
        aria-label="Filter the audit log"
        noValidate
        onSubmit={apply}
      >
        <SelectField<string>
          label="Group"
          className="input"
          value={draft.group}
          options={[
            { value: '', label: 'All groups' },
            ...groups.map((g) => ({ value: g.id, label: g.name })),
          ]}
          onChange={(group) => setDraft({ ...draft, group })}
        />
        <SelectField<string>
          label="Action"
          className="input"
          value={draft.action}
          options={[
            { value: '', label: 'All actions' },
            ...AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] })),
          ]}
          onChange={(action) => setDraft({ ...draft, action })}
        />
        <div className="field">
          <label htmlFor={`${id}-actor`} className="field__label">
            Actor
          </label>
          <input
            id={`${id}-actor`}
            className="input"
            type="search"
            maxLength={40}
            placeholder="Pseudonym, or part of it"
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          />
        </div>
        <div className="mod-filters__buttons">
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
          {filtered && (
            <Button variant="quiet" onClick={() => setParams(new URLSearchParams())}>
              Clear filters
            </Button>
          )}
        </div>
      </form>

      <p className="visually-hidden" role="status">
        {spoken}
      </p>
      {error && (
        <Alert title="The audit log could not be loaded">
          {error}{' '}
          <Button variant="quiet" onClick={() => loadFirst(filters, key)}>
            Try again
          </Button>
        </Alert>
      )}
      {!current && !error && (
        <p className="loading" role="status">
          Loading the log…
        </p>
      )}
      {current && current.entries.length === 0 && (
        <p className="empty mod-empty">
          {filtered ? 'No entries match these filters.' : 'Nothing has been recorded yet.'}
        </p>
      )}
      {current && current.entries.length > 0 && (
        <>
          <table className="mod-table mod-table--audit" role="table">
            <caption className="mod-table__caption">
              {filtered ? 'Matching entries' : 'All entries'}, newest first ({current.entries.length}
              {current.more ? ' shown' : ''})
            </caption>
            <ModTableHead columns={['Time', 'Actor', 'Action', 'Group', 'Target', 'Reason']} />
            <tbody role="rowgroup">
              {current.entries.map((e) => (
                <tr key={e.id} role="row" data-action={e.action}>
                  <td role="cell" data-label="Time" className="mod-table__time">
                    <time dateTime={new Date(e.at).toISOString()}>{stamp.format(e.at)}</time>
                  </td>
                  <td role="cell" data-label="Actor">
                    {e.actor}
                  </td>
                  <td role="cell" data-label="Action">
                    <span
                      className={
                        SEVERE_ACTIONS.has(e.action) ? 'mod-action mod-action--severe' : 'mod-action'
                      }
                    >
                      {AUDIT_ACTION_LABELS[e.action]}
                    </span>
                  </td>
                  <td role="cell" data-label="Group">
                    {e.groupId === null
                      ? 'Staffroom-wide'
                      : (names.get(e.groupId) ?? 'A group you do not moderate')}
                  </td>
                  <td role="cell" data-label="Target" className="mod-table__target">
                    {isoTimesInWords(e.target)}
                  </td>
                  <td role="cell" data-label="Reason" className="mod-table__reason">
                    {e.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {current.more ? (
            <div className="actions">
              <Button
                variant="secondary"
                busy={olderBusy}
                busyLabel="Loading…"
                onClick={() => void loadOlder()}
              >
                Load older entries
              </Button>
            </div>
          ) : (
            <p className="mod-dim mod-end">This is the beginning of the log.</p>
          )}
        </>
      )}
    </section>
  );
}
