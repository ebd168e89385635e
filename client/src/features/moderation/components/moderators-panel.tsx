import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MemberRow } from '@staffroom/shared/schemas/moderation';
import { Button } from '../../../components/button';
import { SelectField } from '../../../components/select-field';
import { moderationApi } from '../api/moderation-api';
import { ActionDialog } from './action-dialog';
import type { GroupTools } from './group-context';

/**
 * The group's moderators. Coordinators (admins) appoint moderators; moderators see the list. Coordinators see no
 * member list, so they appoint accounts invited as moderators by pseudonym (`InvitedModerators`).
 * Coordinators can also appoint an account invited as a moderator before it has joined (`InvitedModerators`).
 */
export function ModeratorsPanel({ tools, members }: { tools: GroupTools; members: readonly MemberRow[] }) {
  const id = useId();
  const moderators = members.filter((m) => m.isModerator);
  const candidates = members.filter((m) => !m.isModerator);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  /** Moderators appointed before joining (listed by `InvitedModerators`; the member list cannot show them). */
  const [outside, setOutside] = useState(0);
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
        tools.isAdmin ? (
          <p className="mod-dim">
            Coordinators don’t see who is in a group, so moderators who have joined it are not listed here.
          </p>
        ) : (
          outside === 0 && (
            <p className="empty">
              This group has no moderators of its own yet: coordinators appoint them. Coordinators don’t read
              groups.
            </p>
          )
        )
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
            <SelectField<string>
              label="Appoint a member as moderator"
              value={chosen}
              options={[
                { value: '', label: 'Choose a member…' },
                ...candidates.map((c) => ({ value: c.tag, label: c.name })),
              ]}
              error={problem}
              onChange={(tag) => {
                setChosen(tag);
                setProblem(null);
              }}
              addon={
                <Button type="submit" variant="secondary">
                  Appoint
                </Button>
              }
            />
          </form>
        )
      ) : (
        <p className="mod-dim">Coordinators appoint and remove moderators.</p>
      )}
      {tools.isAdmin && (
        <InvitedModerators tools={tools} members={members} titleId={`${id}-title`} onOutside={setOutside} />
      )}
    </section>
  );
}

/**
 * Coordinators: accounts invited as moderators, offered by pseudonym only, appointable to this group whether or
 * not they have joined it; and this group's moderators who have not joined yet (the member list cannot show them).
 */
function InvitedModerators({
  tools,
  members,
  titleId,
  onOutside,
}: {
  tools: GroupTools;
  members: readonly MemberRow[];
  titleId: string;
  onOutside: (count: number) => void;
}) {
  const { groupId, groupName } = tools;
  const [lists, setLists] = useState<{ candidates: string[]; outside: string[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  // Loaded again whenever the group's state is (after every change made on this page).
  useEffect(() => {
    let current = true;
    moderationApi.candidates(groupId).then(
      (r) => {
        if (!current) return;
        setLists({
          candidates: r.candidates.map((c) => c.pseudonym),
          outside: r.outside.map((c) => c.pseudonym),
        });
        onOutside(r.outside.length);
        setLoadError(null);
      },
      (err: unknown) => {
        if (current) setLoadError(err instanceof Error ? err.message : 'The list could not be loaded.');
      },
    );
    return () => {
      current = false;
    };
  }, [groupId, members, onOutside]);

  const focusTitle = () => document.getElementById(titleId);
  const appoint = (event: FormEvent) => {
    event.preventDefault();
    if (!lists?.candidates.includes(chosen)) {
      setProblem('Choose an account to appoint.');
      return;
    }
    setProblem(null);
    const pseudonym = chosen;
    tools.ask((close) => (
      <ActionDialog
        title={`Make ${pseudonym} a moderator of ${groupName}?`}
        description={
          <p>
            They were invited as a moderator. From now on they see this group’s reports, members and audit
            log, even before they join it, and can remove messages, mute, kick and ban here.
          </p>
        }
        askReason={false}
        tone="primary"
        confirmLabel="Appoint moderator"
        busyLabel="Appointing…"
        focusAfterSuccess={focusTitle}
        onConfirm={async () => {
          await moderationApi.appoint(groupId, pseudonym, true);
          setChosen('');
          tools.done(`${pseudonym} is now a moderator of ${groupName}.`);
        }}
        onClose={close}
      />
    ));
  };
  const remove = (pseudonym: string) =>
    tools.ask((close) => (
      <ActionDialog
        title={`Remove ${pseudonym} as a moderator?`}
        description={<p>They can no longer moderate {groupName}.</p>}
        askReason={false}
        confirmLabel="Remove as moderator"
        busyLabel="Removing…"
        fallbackFocus={focusTitle}
        onConfirm={async () => {
          await moderationApi.appoint(groupId, pseudonym, false);
          tools.done(`${pseudonym} is no longer a moderator of ${groupName}.`);
        }}
        onClose={close}
      />
    ));

  if (loadError) return <p className="field__error">{loadError}</p>;
  if (!lists) return null;
  return (
    <>
      {lists.outside.length > 0 && (
        <>
          <h4 className="mod-subtitle">Appointed, not yet in the group</h4>
          <ul className="mod-people">
            {lists.outside.map((pseudonym) => (
              <li key={pseudonym} className="mod-people__item">
                <span className="mod-people__name">{pseudonym}</span>
                <Button variant="quiet" onClick={() => remove(pseudonym)}>
                  Remove as moderator<span className="visually-hidden"> ({pseudonym})</span>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {lists.candidates.length === 0 ? (
        <p className="mod-dim">
          Nobody invited as a moderator is waiting to be appointed here. Invite one from the Invites page
          (role: moderator).
        </p>
      ) : (
        <form className="mod-inline-form" noValidate onSubmit={appoint}>
          <SelectField<string>
            label="Appoint someone invited as a moderator"
            hint="Only accounts invited as moderators are listed, by pseudonym. They need not have joined the group."
            value={chosen}
            options={[
              { value: '', label: 'Choose an account…' },
              ...lists.candidates.map((pseudonym) => ({ value: pseudonym, label: pseudonym })),
            ]}
            error={problem}
            onChange={(pseudonym) => {
              setChosen(pseudonym);
              setProblem(null);
            }}
            addon={
              <Button type="submit" variant="secondary">
                Appoint
              </Button>
            }
          />
        </form>
      )}
    </>
  );
}
