import { useId, useState, type FormEvent } from 'react';
import type { ModerationSettings } from '@staffroom/shared/schemas/moderation';
import { Button } from '../../../components/button';
import { CopyButton } from '../../../components/copy-button';
import { paths } from '../../../config/paths';
import { moderationApi } from '../api/moderation-api';
import { SLOW_PRESETS, describeSlow, slowChoiceOf, slowSeconds } from '../model/durations';
import { ActionDialog } from './action-dialog';
import type { GroupTools } from './group-context';

const TERM_MIN = 2;
const TERM_MAX = 40;
const TERMS_MAX = 200;

function LockControl({ tools, locked }: { tools: GroupTools; locked: boolean }) {
  const { groupName } = tools;
  const open = () =>
    tools.ask((close) => (
      <ActionDialog
        title={locked ? `Unlock ${groupName}?` : `Lock ${groupName}?`}
        description={
          locked ? (
            <p>Members can post again at once, on every device.</p>
          ) : (
            <p>
              Members can still read, but nobody except moderators can post until you unlock it. Members see
              that the group is locked where they write.
            </p>
          )
        }
        tone={locked ? 'primary' : 'danger'}
        confirmLabel={locked ? 'Unlock group' : 'Lock group'}
        busyLabel={locked ? 'Unlocking…' : 'Locking…'}
        onConfirm={async (reason) => {
          await tools.changeSettings({ locked: !locked }, reason);
          tools.done(locked ? `${groupName} is unlocked: members can post.` : `${groupName} is locked.`);
        }}
        onClose={close}
      />
    ));
  return (
    <div className="mod-setting">
      <h4 className="mod-setting__title">Lock</h4>
      <p className="mod-setting__state">
        {locked ? (
          <>
            <span className="badge mod-badge--locked">Locked</span> Members can read but not post.
          </>
        ) : (
          <>
            <span className="badge badge--active">Open</span> Members can post.
          </>
        )}
      </p>
      <Button variant="secondary" onClick={open}>
        {locked ? 'Unlock the group' : 'Lock the group'}
      </Button>
    </div>
  );
}

/** Care settings: hold flagged messages for review, and the "how to respond" card for peers. */
function CareToggle({
  tools,
  on,
  field,
}: {
  tools: GroupTools;
  on: boolean;
  field: 'holdFlagged' | 'careCard';
}) {
  const { groupName } = tools;
  const hold = field === 'holdFlagged';
  const title = hold ? 'Hold for review' : 'Card for peers';
  const open = () =>
    tools.ask((close) => (
      <ActionDialog
        title={
          hold
            ? on
              ? `Stop holding flagged messages in ${groupName}?`
              : `Hold flagged messages in ${groupName} for review?`
            : on
              ? `Unpin the card for peers in ${groupName}?`
              : `Pin a “how to respond” card for peers in ${groupName}?`
        }
        description={
          hold ? (
            <p>
              {on
                ? 'Messages that suggest risk are posted again as soon as they are sent (moderators are still alerted).'
                : 'A message that suggests risk is not posted at once: only its author (who is shown the crisis contacts) and the moderators see it, until a moderator releases it or keeps it hidden. The author is never punished.'}
            </p>
          ) : (
            <p>
              {on
                ? 'Members no longer see the card.'
                : 'Members of the group see a card on how to respond to a colleague in distress, with the crisis contacts. It names nobody.'}
            </p>
          )
        }
        tone="primary"
        confirmLabel={on ? 'Turn off' : 'Turn on'}
        busyLabel="Saving…"
        onConfirm={async (reason) => {
          await tools.changeSettings({ [field]: !on }, reason);
          tools.done(`${title} is ${on ? 'off' : 'on'} in ${groupName}.`);
        }}
        onClose={close}
      />
    ));
  return (
    <div className="mod-setting">
      <h4 className="mod-setting__title">{title}</h4>
      <p className="mod-setting__state">
        {hold
          ? on
            ? 'On: messages that suggest risk wait for a moderator before the group sees them.'
            : 'Off: messages that suggest risk are posted, and moderators are alerted.'
          : on
            ? 'Pinned: members see how to respond to a colleague in distress.'
            : 'Not pinned.'}
      </p>
      <Button variant="secondary" onClick={open}>
        {on ? `Turn off ${title.toLowerCase()}` : `Turn on ${title.toLowerCase()}`}
      </Button>
    </div>
  );
}

function SlowModeForm({ tools, current }: { tools: GroupTools; current: number }) {
  const id = useId();
  const [choice, setChoice] = useState(() => slowChoiceOf(current));
  const [custom, setCustom] = useState(() => (slowChoiceOf(current) === 'custom' ? String(current) : ''));
  const [problem, setProblem] = useState<string | null>(null);
  // When the saved setting changes (here or by another moderator), the radios follow it. Not by remounting:
  // the button that opened the dialog keeps the focus.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setChoice(slowChoiceOf(current));
    setCustom(slowChoiceOf(current) === 'custom' ? String(current) : '');
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = slowSeconds(choice, custom);
    if (!next.ok) {
      setProblem(next.error);
      return;
    }
    if (next.seconds === current) {
      setProblem(`Slow mode is already ${describeSlow(current)}. Choose a different setting first.`);
      return;
    }
    setProblem(null);
    tools.ask((close) => (
      <ActionDialog
        title={next.seconds === 0 ? 'Turn slow mode off?' : 'Change slow mode?'}
        description={
          <p>
            Slow mode in {tools.groupName} becomes {describeSlow(next.seconds)}
            {next.seconds === 0 ? '' : '. Moderators are not limited'}.
          </p>
        }
        tone="primary"
        confirmLabel={next.seconds === 0 ? 'Turn slow mode off' : 'Change slow mode'}
        busyLabel="Saving…"
        onConfirm={async (reason) => {
          await tools.changeSettings({ slowSeconds: next.seconds }, reason);
          tools.done(`Slow mode in ${tools.groupName} is now ${describeSlow(next.seconds)}.`);
        }}
        onClose={close}
      />
    ));
  };

  return (
    <form className="mod-setting" noValidate onSubmit={submit}>
      <h4 className="mod-setting__title">Slow mode</h4>
      <p id={`${id}-now`} className="mod-setting__state">
        Now: {describeSlow(current)}.
      </p>
      <fieldset className="mod-choices" aria-describedby={`${id}-now`}>
        <legend className="field__label">Time each member waits between messages</legend>
        <div className="mod-choices__options">
          {[
            ...SLOW_PRESETS.map((p) => ({ id: p.id, label: p.label })),
            { id: 'custom', label: 'Custom' },
          ].map((p) => (
            <label key={p.id} className="mod-choice">
              <input
                type="radio"
                name={`${id}-slow`}
                value={p.id}
                checked={choice === p.id}
                onChange={() => {
                  setChoice(p.id);
                  setProblem(null);
                }}
              />
              {p.label}
            </label>
          ))}
        </div>
        {choice === 'custom' && (
          <div className="mod-choices__custom">
            <label htmlFor={`${id}-custom`}>Seconds between messages</label>
            <input
              id={`${id}-custom`}
              className="input input--short"
              type="number"
              inputMode="numeric"
              min={1}
              max={3600}
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
            />
          </div>
        )}
      </fieldset>
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      <Button type="submit" variant="secondary">
        Apply slow mode
      </Button>
    </form>
  );
}

function BlockedTermsEditor({ tools, saved }: { tools: GroupTools; saved: readonly string[] }) {
  const id = useId();
  const [terms, setTerms] = useState<string[]>(() => [...saved]);
  // A new saved list (after "Save", or another moderator's change) replaces the draft.
  const savedKey = saved.join('\n');
  const [shown, setShown] = useState(savedKey);
  if (shown !== savedKey) {
    setShown(savedKey);
    setTerms([...saved]);
  }
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [spoken, setSpoken] = useState('');
  const changed = terms.length !== saved.length || terms.some((t, i) => t !== saved[i]);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const term = draft.trim();
    if (term.length < TERM_MIN || term.length > TERM_MAX) {
      setProblem(`A term is ${TERM_MIN} to ${TERM_MAX} characters long.`);
      return;
    }
    if (terms.some((t) => t.toLowerCase() === term.toLowerCase())) {
      setProblem(`“${term}” is already in the list.`);
      return;
    }
    if (terms.length >= TERMS_MAX) {
      setProblem(`A group can block at most ${TERMS_MAX} terms.`);
      return;
    }
    setTerms([...terms, term]);
    setDraft('');
    setProblem(null);
    setSpoken(`“${term}” added. Save to apply.`);
  };

  const remove = (term: string) => {
    setTerms(terms.filter((t) => t !== term));
    setSpoken(`“${term}” taken off the list. Save to apply.`);
    document.getElementById(`${id}-term`)?.focus();
  };

  const save = () =>
    tools.ask((close) => (
      <ActionDialog
        title="Save the blocked terms?"
        description={
          <p>
            Messages in {tools.groupName} that contain{' '}
            {terms.length === 0 ? 'any of the deployment’s own terms' : `any of these ${terms.length} terms`}{' '}
            will be refused, and the member told why. Messages already posted are not changed.
          </p>
        }
        tone="primary"
        confirmLabel="Save blocked terms"
        busyLabel="Saving…"
        // "Save" goes away once nothing is unsaved: carry on from the term field.
        focusAfterSuccess={() => document.getElementById(`${id}-term`)}
        onConfirm={async (reason) => {
          await tools.changeSettings({ blockedTerms: terms }, reason);
          tools.done(`Blocked terms for ${tools.groupName} saved: ${terms.length} in the list.`);
        }}
        onClose={close}
      />
    ));

  return (
    <div className="mod-setting">
      <h4 className="mod-setting__title" id={`${id}-title`}>
        Blocked terms
      </h4>
      <p className="mod-setting__state">
        Messages containing one of these are refused, on top of the terms blocked everywhere in Staffroom.
      </p>
      {terms.length === 0 ? (
        <p className="empty">No terms are blocked in this group.</p>
      ) : (
        <ul className="mod-chips" aria-labelledby={`${id}-title`}>
          {terms.map((term) => (
            <li key={term} className="mod-chip">
              <span className="mod-chip__text">{term}</span>
              <button
                type="button"
                className="mod-chip__remove"
                aria-label={`Remove “${term}”`}
                onClick={() => remove(term)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="mod-inline-form" noValidate onSubmit={add}>
        <label htmlFor={`${id}-term`} className="field__label">
          Add a term
        </label>
        <div className="field__control">
          <input
            id={`${id}-term`}
            className="input"
            value={draft}
            maxLength={TERM_MAX}
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setProblem(null);
            }}
          />
          <Button type="submit" variant="secondary">
            Add
          </Button>
        </div>
        {problem && (
          <p id={`${id}-problem`} className="field__error" role="alert">
            {problem}
          </p>
        )}
      </form>
      <p className="visually-hidden" aria-live="polite">
        {spoken}
      </p>
      {changed && (
        <div className="mod-unsaved">
          <p className="mod-unsaved__text">You have unsaved changes to the list.</p>
          <div className="actions">
            <Button onClick={save}>Save blocked terms</Button>
            <Button
              variant="quiet"
              onClick={() => {
                setTerms([...saved]);
                setSpoken('Changes discarded.');
              }}
            >
              Discard changes
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

/**
 * A new join code when a link has leaked (`mod:join-code`): the old link stops working at once. The new link is
 * shown here, once; coordinators also find it on the group page.
 */
function JoinCodeControl({ tools }: { tools: GroupTools }) {
  const [link, setLink] = useState<string | null>(null);
  const open = () =>
    tools.ask((close) => (
      <ActionDialog
        title="Change the join link?"
        description={
          <p>
            The current join link of {tools.groupName} stops working at once, for everyone who has it. Members
            stay members. You get a new link to share.
          </p>
        }
        tone="danger"
        confirmLabel="Change the join link"
        busyLabel="Changing…"
        onConfirm={async (reason) => {
          const code = await moderationApi.rotateJoinCode(tools.groupId, reason);
          setLink(`${location.origin}${paths.joinGroup.getHref(code)}`);
          tools.done(`The join link of ${tools.groupName} has changed. The old one no longer works.`);
        }}
        onClose={close}
      />
    ));
  return (
    <div className="mod-setting">
      <h4 className="mod-setting__title">Join link</h4>
      <p className="mod-setting__state">If a join link reached someone it should not have, change it.</p>
      {link && (
        <div className="join-code">
          <p className="join-code__label">New join link</p>
          <p className="join-code__value">{link}</p>
          <CopyButton text={link} label="Copy new join link" />
        </div>
      )}
      <Button variant="secondary" onClick={open}>
        Change the join link
      </Button>
    </div>
  );
}

/** Lock, slow mode, blocked terms and the join link for one group; each change asks for a reason. */
export function SettingsPanel({ tools, settings }: { tools: GroupTools; settings: ModerationSettings }) {
  return (
    <section className="mod-panel" aria-labelledby="posting-title">
      <h3 id="posting-title">Posting</h3>
      <div className="mod-settings">
        <LockControl tools={tools} locked={settings.locked} />
        <SlowModeForm tools={tools} current={settings.slowSeconds} />
        <BlockedTermsEditor tools={tools} saved={settings.blockedTerms} />
        <CareToggle tools={tools} on={settings.holdFlagged} field="holdFlagged" />
        <CareToggle tools={tools} on={settings.careCard} field="careCard" />
        <JoinCodeControl tools={tools} />
      </div>
    </section>
  );
}
