import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useFocusBack } from '../../../lib/use-focus-back';
import type { Ack } from '@staffroom/shared/protocol/ack';
import { describeFindings } from '@staffroom/shared/guards/privacy';
import { Alert } from '../../../components/alert';
import { Field } from '../../../components/field';
import { usePanelForm } from '../hooks/use-panel-form';
import { FormBehindButton, PanelFormActions } from './panel-form-actions';
import type { ShownGoal } from '../model/conversation-room';
import { formatShortDate } from '../model/format';
import {
  GOAL_BYTES_MAX,
  GOAL_NOTE_MAX,
  GOAL_STATUSES,
  GOAL_STATUS_LABELS,
  GOAL_TITLE_MAX,
  goalBytes,
  type GoalContent,
  type GoalStatus,
} from '../model/goal';
import { ChoiceGroup } from './choice-group';
import { refusalText } from '../model/refusal';
import { UNREADABLE_TEXT } from './convo-feed';
import { useIdentifyingFindings } from '../../../lib/use-identifying';
import { useOverLimit } from '../../../lib/use-over-limit';
import { CharCount } from '../../../components/char-count';
import { OverLimitSupport, SealedNoteField } from './over-limit';

/**
 * The privacy guard's warning on what the teacher writes here, as on their messages: the other person reads it,
 * and the server never does, so this is the only place to say it. A warning, never a refusal.
 */
export function useIdentifyingFeedback(text: string, warn: boolean): { tone: 'warn'; text: string } | null {
  const findings = useIdentifyingFindings(warn ? text : '');
  return findings.length
    ? {
        tone: 'warn',
        text: `This may identify someone: ${describeFindings(findings)}. Only the two of you can read it, but consider rewording it.`,
      }
    : null;
}

type Save = (goal: GoalContent, goalId?: string) => Promise<Ack<unknown>>;

const statusOptions = GOAL_STATUSES.map((s) => ({ value: s, label: GOAL_STATUS_LABELS[s] }));

function GoalStatusBadge({ status }: { status: GoalStatus }) {
  return <span className={`badge goal-badge goal-badge--${status}`}>{GOAL_STATUS_LABELS[status]}</span>;
}

function AddGoal({ onSave, onDone, warn }: { onSave: Save; onDone: () => void; warn: boolean }) {
  const [title, setTitle] = useState('');
  const identifying = useIdentifyingFeedback(title, warn);
  const overLimit = useOverLimit(title, GOAL_TITLE_MAX, warn);
  const [status, setStatus] = useState<GoalStatus>('not-started');
  const [error, setError] = useState<string | null>(null);
  const { busy, problem, send } = usePanelForm(onDone);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!title.trim()) {
      setError('Write the goal in a few words.');
      return;
    }
    const refused = overLimit.refuse('the goal');
    if (refused) {
      setError(refused);
      input.current?.focus();
      return;
    }
    await send(() => onSave({ title: title.trim(), status, notes: [] }));
  };

  return (
    <form className="form form--tight goal-form" noValidate onSubmit={(e) => void submit(e)}>
      {problem && <Alert title="The goal was not saved">{problem}</Alert>}
      <Field
        label="Goal"
        hint="One sentence you both agree on, e.g. “Calmer transitions after lunch”."
        feedback={identifying}
        error={error}
      >
        {(control) => (
          <input
            {...control}
            ref={input}
            className="input"
            name="goal"
            autoComplete="off"
            // No maxLength: it would cut a pasted title silently, before the crisis check reads its end.
            value={title}
            aria-invalid={overLimit.over > 0 || control['aria-invalid']}
            onChange={(e) => {
              setTitle(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <CharCount limit={overLimit} />
      <OverLimitSupport found={overLimit.found} />
      <ChoiceGroup
        legend="Status"
        name="new-goal-status"
        options={statusOptions}
        value={status}
        onChange={setStatus}
      />
      <PanelFormActions busy={busy} busyLabel="Encrypting and saving…" onCancel={onDone}>
        Save goal
      </PanelFormActions>
    </form>
  );
}

function UpdateGoal({
  goal,
  content,
  onSave,
  onDone,
  warn,
}: {
  goal: ShownGoal;
  content: GoalContent;
  onSave: Save;
  onDone: () => void;
  warn: boolean;
}) {
  const [status, setStatus] = useState<GoalStatus>(content.status);
  const [note, setNote] = useState('');
  const identifying = useIdentifyingFeedback(note, warn);
  const overLimit = useOverLimit(note, GOAL_NOTE_MAX, warn);
  const { busy, problem, setProblem, send } = usePanelForm(onDone);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLInputElement>('input:checked')?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const refused = overLimit.refuse();
    if (refused) {
      setProblem(`${refused} Nothing was saved.`);
      return;
    }
    const next: GoalContent = {
      ...content,
      status,
      notes: note.trim() ? [...content.notes, { at: Date.now(), text: note.trim() }] : content.notes,
    };
    if (goalBytes(next) > GOAL_BYTES_MAX) {
      setProblem('This goal has no room for more notes. Mark it met and start a new goal for the next step.');
      return;
    }
    await send(() => onSave(next, goal.id));
  };

  return (
    <form ref={form} className="form form--tight goal-form" noValidate onSubmit={(e) => void submit(e)}>
      {problem && <Alert title="The goal was not saved">{problem}</Alert>}
      <ChoiceGroup
        legend="Status"
        name={`status-${goal.id}`}
        options={statusOptions}
        value={status}
        onChange={setStatus}
      />
      <SealedNoteField
        label="Progress note"
        optional
        hint="What happened, what you tried, what is next. Dated for you."
        feedback={identifying}
        name="note"
        rows={3}
        value={note}
        onChange={setNote}
        overLimit={overLimit}
      />
      <PanelFormActions busy={busy} busyLabel="Encrypting and saving…" onCancel={onDone}>
        Save progress
      </PanelFormActions>
    </form>
  );
}

function GoalItem({
  goal,
  writable,
  onSave,
  warn,
}: {
  goal: ShownGoal;
  writable: boolean;
  onSave: Save;
  warn: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const titleId = useId();
  const [updateButton, focusUpdateButton] = useFocusBack<HTMLButtonElement>();
  const stopEditing = () => {
    setEditing(false);
    focusUpdateButton();
  };
  const { content } = goal;
  if (!content) {
    return (
      <li className="goal goal--unreadable">
        <p className="goal__unreadable" data-refusal={goal.refusal ?? 'unreadable'}>
          {goal.refusal ? refusalText(goal.refusal) : UNREADABLE_TEXT}
        </p>
      </li>
    );
  }
  return (
    <li className="goal">
      <div className="goal__head">
        <h3 id={titleId} className="goal__title">
          {content.title}
        </h3>
        <GoalStatusBadge status={content.status} />
      </div>
      {content.notes.length > 0 && (
        <ol className="goal__notes" aria-label={`Progress notes for ${content.title}`}>
          {content.notes.map((n, i) => (
            <li key={`${n.at}-${i}`} className="goal__note">
              <time className="goal__date" dateTime={new Date(n.at).toISOString()}>
                {formatShortDate(n.at)}
              </time>
              <span className="goal__note-text">{n.text}</span>
            </li>
          ))}
        </ol>
      )}
      {writable &&
        (editing ? (
          <UpdateGoal goal={goal} content={content} onSave={onSave} onDone={stopEditing} warn={warn} />
        ) : (
          <button
            ref={updateButton}
            type="button"
            className="button button--quiet goal__update"
            aria-label={`Update progress on “${content.title}”`}
            onClick={() => setEditing(true)}
          >
            Update progress
          </button>
        ))}
    </li>
  );
}

/** Shared goals: agreed together, encrypted like messages, with a status and dated progress notes. */
export function GoalsPanel({
  goals,
  writable,
  onSave,
  warnIdentifying = false,
}: {
  goals: readonly ShownGoal[];
  writable: boolean;
  onSave: Save;
  /** The teacher writes: the privacy guard warns while they type, as on their messages. */
  warnIdentifying?: boolean;
}) {
  return (
    <section className="side-card" aria-labelledby="goals-title">
      <h2 id="goals-title" className="side-card__title">
        Shared goals
      </h2>
      <p className="side-card__hint">Visible to both of you and encrypted like your messages.</p>
      {goals.length === 0 ? (
        <p className="empty">No goals yet. Agree on one together when you are ready.</p>
      ) : (
        <ul className="goals">
          {goals.map((g) => (
            <GoalItem key={g.id} goal={g} writable={writable} onSave={onSave} warn={warnIdentifying} />
          ))}
        </ul>
      )}
      {writable && (
        <FormBehindButton label="Add a goal">
          {(close) => <AddGoal onSave={onSave} onDone={close} warn={warnIdentifying} />}
        </FormBehindButton>
      )}
    </section>
  );
}
