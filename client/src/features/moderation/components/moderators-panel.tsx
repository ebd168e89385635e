import { useId, useState, type FormEvent } from 'react';
import type { MemberRow } from '@staffroom/shared/schemas/moderation';
import { Button } from '../../../components/button';
import { moderationApi } from '../api/moderation-api';
import { ActionDialog } from './action-dialog';
import type { GroupTools } from './group-context';

/**
 * The group's moderators. Coordinators (admins) appoint members and remove moderators; moderators see the list.
 * Only members of the group can be appointed.
 */
export function ModeratorsPanel({ tools, members }: { tools: GroupTools; members: readonly MemberRow[] }) {
  const id = useId();
  const moderators = members.filter((m) => m.isModerator);
  const candidates = members.filter((m) => !m.isModerator);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { groupId, groupName } = tools;

  const appoint = (event: FormEvent) => {
    event.preventDefault();
    const m = candidates.find((c) => c.tag === chosen);
    if (!m) {
      setProblem('Choose a member to appoint.');
      return;
    }
    setProblem(null);
    tools.ask((close) => (
      <ActionDialog
        title={`Make ${m.name} a moderator of ${groupName}?`}
        description={
          <p>
            They will see this group’s reports, members and audit log, and can remove messages, mute, kick and
            ban here.
          </p>
        }
        askReason={false}
        tone="primary"
        confirmLabel="Appoint moderator"
        busyLabel="Appointing…"
        focusAfterSuccess={() => document.getElementById(`${id}-title`)}
        onConfirm={async () => {
          await moderationApi.setModerator(groupId, m.tag, true);
          setChosen('');
          tools.done(`${m.name} is now a moderator of ${groupName}.`);
        }}
        onClose={close}
      />
    ));
  };

  const remove = (m: MemberRow) =>
    tools.ask((close) => (
      <ActionDialog
        title={`Remove ${m.name} as a moderator?`}
        description={<p>They stay a member of {groupName} but can no longer moderate it.</p>}
        askReason={false}
        confirmLabel="Remove as moderator"
        busyLabel="Removing…"
        fallbackFocus={() => document.getElementById(`${id}-title`)}
        onConfirm={async () => {
          await moderationApi.setModerator(groupId, m.tag, false);
          tools.done(`${m.name} is no longer a moderator of ${groupName}.`);
        }}
        onClose={close}
      />
    ));

  return (
    <section className="mod-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} tabIndex={-1}>
        Moderators
      </h3>
      {moderators.length === 0 ? (
        <p className="empty">
          This group has no moderators of its own yet; coordinators moderate every group.
        </p>
      ) : (
        <ul className="mod-people">
          {moderators.map((m) => (
            <li key={m.tag} className="mod-people__item">
              <span className="mod-people__name">{m.name}</span>
              {tools.isAdmin && (
                <Button variant="quiet" onClick={() => remove(m)}>
                  Remove as moderator<span className="visually-hidden"> ({m.name})</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {tools.isAdmin ? (
        candidates.length > 0 && (
          <form className="mod-inline-form" noValidate onSubmit={appoint}>
            <label htmlFor={`${id}-member`} className="field__label">
              Appoint a member as moderator
            </label>
            <div className="field__control">
              <select
                id={`${id}-member`}
                className="input select"
                value={chosen}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
                onChange={(e) => {
                  setChosen(e.target.value);
                  setProblem(null);
                }}
              >
                <option value="">Choose a member…</option>
                {candidates.map((c) => (
                  <option key={c.tag} value={c.tag}>
                    {c.name}
                  </option>
                ))}
              </select>
              <Button type="submit" variant="secondary">
                Appoint
              </Button>
            </div>
            {problem && (
              <p id={`${id}-problem`} className="field__error" role="alert">
                {problem}
              </p>
            )}
          </form>
        )
      ) : (
        <p className="mod-dim">Coordinators appoint and remove moderators.</p>
      )}
    </section>
  );
}
