import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useFocusBack } from '../../../lib/use-focus-back';
import type { Ack } from '@staffroom/shared/protocol/ack';
import {
  SESSION_TYPE_LABELS,
  SESSION_TYPES,
  sessionNoteTemplate,
  type SessionType,
} from '@staffroom/shared/schemas/consultations';
import { Alert } from '../../../components/alert';
import { Button, type ButtonVariant } from '../../../components/button';
import { Field } from '../../../components/field';
import { SelectField } from '../../../components/select-field';
import { useNow } from '../hooks/use-conversation-room';
import { usePanelForm } from '../hooks/use-panel-form';
import { FormBehindButton, PanelFormActions } from './panel-form-actions';
import { actionErrorText, type ShownCheckIn, type Side } from '../model/conversation-room';
import { formatFull, formatStart } from '../model/format';
import { formatDuration, fromLocalInput, toLocalInput } from '../../../utils/format';
import { refusalText } from '../model/refusal';
import { UNREADABLE_TEXT } from './convo-feed';
import { useIdentifyingFeedback } from './goals-panel';
import { useOverLimit } from '../../../lib/use-over-limit';
import { SealedNoteField } from './over-limit';

const DURATIONS = [15, 20, 30, 45, 60, 90, 120] as const;
/** How long after a session the consultant is shown it to add their notes (later: under "Earlier"). */
const NOTES_ASKED_MS = 14 * 86_400_000;
/** Room for a template's headings and a few lines under each (sealed, well inside the sealed item limit). */
const NOTE_MAX = 1_500;

/** What each session type is, under the type choice. */
const SESSION_TYPE_HINTS: Record<SessionType, string> = {
  'check-in': 'A time to talk.',
  initial: 'A first talk: areas of interest, and how to work together.',
  observation:
    'A visit to the classroom. The notes describe, never judge, and stay between the two of you: never shared.',
  'co-planning': 'Planning a unit or a lesson together.',
  'follow-up': 'Looking back at what was tried, and what next.',
};

type ProposeHandler = (
  startsAt: number,
  minutes: number,
  note: string,
  type: SessionType,
) => Promise<Ack<unknown>>;

/** The next half hour from now, as a sensible default start. */
function nextHalfHour(): number {
  const d = new Date(Date.now() + 30 * 60_000);
  d.setMinutes(d.getMinutes() < 30 ? 30 : 60, 0, 0);
  return d.getTime();
}

function ProposeForm({
  onPropose,
  onDone,
  warn,
}: {
  onPropose: ProposeHandler;
  onDone: () => void;
  warn: boolean;
}) {
  const [startsAt, setStartsAt] = useState(() => toLocalInput(nextHalfHour()));
  const [duration, setDuration] = useState<number>(30);
  const [type, setType] = useState<SessionType>('check-in');
  const [note, setNote] = useState('');
  const identifying = useIdentifyingFeedback(note === sessionNoteTemplate(type) ? '' : note, warn);
  const overLimit = useOverLimit(note, NOTE_MAX, warn);
  /** A new type brings its template, unless the note was already written past the previous one. */
  const chooseType = (next: SessionType) => {
    if (note.trim() === '' || note === sessionNoteTemplate(type)) setNote(sessionNoteTemplate(next));
    setType(next);
  };
  const [error, setError] = useState<string | null>(null);
  const { busy, problem, setProblem, send } = usePanelForm(onDone);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const start = fromLocalInput(startsAt);
    if (start === null) {
      setError('Choose a date and a time.');
      input.current?.focus();
      return;
    }
    if (start <= Date.now()) {
      setError('Choose a time in the future.');
      input.current?.focus();
      return;
    }
    setError(null);
    const refused = overLimit.refuse();
    if (refused) {
      setProblem(`${refused} Nothing was saved.`);
      return;
    }
    /** An untouched template says nothing: it is not sealed and sent. */
    const written = note === sessionNoteTemplate(type) ? '' : note;
    await send(() => onPropose(start, duration, written, type));
  };

  return (
    <form className="form form--tight checkin-form" noValidate onSubmit={(e) => void submit(e)}>
      {problem && <Alert title="Not proposed">{problem}</Alert>}
      <SelectField
        label="Type"
        hint={SESSION_TYPE_HINTS[type]}
        className="input"
        name="sessionType"
        value={type}
        options={SESSION_TYPES.map((t) => ({ value: t, label: SESSION_TYPE_LABELS[t] }))}
        onChange={chooseType}
      />
      <div className="form__row form__row--tight">
        <Field label="Starts" hint="Your local time." error={error}>
          {(control) => (
            <input
              {...control}
              ref={input}
              className="input input--datetime-1to1"
              type="datetime-local"
              name="startsAt"
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
            />
          )}
        </Field>
        <SelectField<number>
          label="Length"
          className="input"
          name="duration"
          value={duration}
          options={DURATIONS.map((d) => ({ value: d, label: formatDuration(d) }))}
          onChange={setDuration}
        />
      </div>
      <SealedNoteField
        label="Note"
        optional
        hint={
          type === 'check-in'
            ? 'What you would like to cover. Encrypted, like your messages.'
            : 'Start from the headings. Encrypted, like your messages; only the two of you can read it.'
        }
        feedback={identifying}
        name="note"
        rows={type === 'check-in' ? 2 : 7}
        value={note}
        onChange={setNote}
        overLimit={overLimit}
      />
      <PanelFormActions busy={busy} busyLabel="Proposing…" onCancel={onDone}>
        {type === 'check-in' ? 'Propose check-in' : `Propose: ${SESSION_TYPE_LABELS[type]}`}
      </PanelFormActions>
    </form>
  );
}

type NoteHandler = (checkInId: string, note: string) => Promise<Ack<unknown>>;

/**
 * Adds or completes a session's note, before or after it: starts from what is written, or from the type's
 * headings. Sealed like every message; only the two of you can read it.
 */
function NoteForm({
  checkIn,
  held,
  onSave,
  onDone,
  warn,
}: {
  checkIn: ShownCheckIn;
  held: boolean;
  onSave: NoteHandler;
  onDone: () => void;
  warn: boolean;
}) {
  const template = sessionNoteTemplate(checkIn.type ?? 'check-in');
  const [note, setNote] = useState(() => checkIn.noteText ?? template);
  const identifying = useIdentifyingFeedback(note === template ? '' : note, warn);
  const overLimit = useOverLimit(note, NOTE_MAX, warn);
  const { busy, problem, setProblem, send } = usePanelForm(onDone);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!note.trim() || note === template) {
      setProblem('Write something under the headings first.');
      area.current?.focus();
      return;
    }
    const refused = overLimit.refuse();
    if (refused) {
      setProblem(`${refused} Nothing was saved.`);
      area.current?.focus();
      return;
    }
    setProblem(null);
    await send(() => onSave(checkIn.id, note));
  };
  return (
    <form className="form form--tight checkin-note-form" noValidate onSubmit={(e) => void submit(e)}>
      {problem && <Alert title="Not saved">{problem}</Alert>}
      <SealedNoteField
        label={held ? 'Notes from the session' : 'Note'}
        hint={
          checkIn.type === 'observation'
            ? 'Describe what you saw and heard, never judge. Encrypted: only the two of you can read it, never shared.'
            : 'Encrypted, like your messages: only the two of you can read it.'
        }
        feedback={identifying}
        name="sessionNote"
        rows={8}
        value={note}
        onChange={setNote}
        overLimit={overLimit}
        textareaRef={area}
      />
      <PanelFormActions busy={busy} busyLabel="Saving…" onCancel={onDone}>
        Save the note
      </PanelFormActions>
    </form>
  );
}

function statusLine(c: ShownCheckIn, role: Side, peer: string): string {
  const byMe = c.proposedBy === role;
  switch (c.status) {
    case 'proposed':
      return byMe ? `Proposed by you · waiting for ${peer}` : `Proposed by ${peer} · waiting for your answer`;
    case 'accepted':
      return 'Agreed';
    case 'declined':
      return byMe ? `${peer} declined` : 'You declined';
    case 'cancelled':
      return 'Cancelled';
  }
}

const ANSWER_WORDS = {
  accept: ['Accept', 'Accepting…'],
  decline: ['Decline', 'Declining…'],
  cancel: ['Cancel', 'Cancelling…'],
} as const;

function CheckInItem({
  checkIn,
  role,
  peer,
  writable,
  now,
  onAnswer,
  notesWritable,
  onSaveNote,
  warnIdentifying,
}: {
  checkIn: ShownCheckIn;
  role: Side;
  peer: string;
  writable: boolean;
  now: number;
  onAnswer: (id: string, action: 'accept' | 'decline' | 'cancel') => Promise<Ack<unknown>>;
  /** The conversation is open: notes can be added, after the session too. */
  notesWritable: boolean;
  onSaveNote: NoteHandler;
  warnIdentifying: boolean;
}) {
  const [writing, setWriting] = useState(false);
  const [noteButton, focusNoteButton] = useFocusBack<HTMLButtonElement>();
  const held = checkIn.status === 'accepted' && checkIn.startsAt <= now;
  const author = checkIn.noteBy ?? (checkIn.noteText !== undefined ? checkIn.proposedBy : null);
  const canNote =
    notesWritable &&
    (checkIn.status === 'accepted' || checkIn.status === 'proposed') &&
    checkIn.noteText !== null &&
    (role === 'consultant' ||
      (checkIn.proposedBy === 'teacher' && (author === null || author === 'teacher')));
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const whenLine = useRef<HTMLParagraphElement>(null);
  /** Set when I answered: once the new status shows, focus goes to this check-in (its buttons changed). */
  const answered = useRef(false);
  useEffect(() => {
    if (!answered.current) return;
    answered.current = false;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) whenLine.current?.focus();
  }, [checkIn.status]);
  const when = formatStart(checkIn.startsAt, now);
  const answerable = writable && checkIn.status === 'proposed' && checkIn.proposedBy !== role;
  const cancellable = writable && (checkIn.status === 'proposed' || checkIn.status === 'accepted');

  const answer = async (action: 'accept' | 'decline' | 'cancel') => {
    setBusy(action);
    setProblem(null);
    answered.current = true;
    const ack = await onAnswer(checkIn.id, action);
    setBusy(null);
    if (!ack.ok) {
      answered.current = false;
      setProblem(actionErrorText(ack.error));
    }
  };

  /** Accept, Decline or Cancel: named with the check-in's time until it is pressed, then saying what it does. */
  const answerButton = (action: 'accept' | 'decline' | 'cancel', variant: ButtonVariant) => {
    const [label, busyLabel] = ANSWER_WORDS[action];
    return (
      <Button
        variant={variant}
        busy={busy === action}
        busyLabel={busyLabel}
        aria-label={busy === action ? undefined : `${label} the check-in on ${when}`}
        onClick={() => void answer(action)}
      >
        {label}
      </Button>
    );
  };

  return (
    <li className={`checkin checkin--${checkIn.status}`}>
      {checkIn.type && checkIn.type !== 'check-in' && (
        <p className="checkin__type">{SESSION_TYPE_LABELS[checkIn.type]}</p>
      )}
      <p ref={whenLine} tabIndex={-1} className="checkin__when">
        <time dateTime={new Date(checkIn.startsAt).toISOString()} title={formatFull(checkIn.startsAt)}>
          {when}
        </time>{' '}
        <span className="checkin__length">· {formatDuration(checkIn.durationMinutes)}</span>
      </p>
      <p className={`checkin__status checkin__status--${checkIn.status}`}>
        {statusLine(checkIn, role, peer)}
      </p>
      {checkIn.noteText !== undefined && (
        <p
          className={checkIn.noteText === null ? 'checkin__note cmsg__text--unreadable' : 'checkin__note'}
          data-refusal={checkIn.noteRefusal ?? undefined}
        >
          {checkIn.noteText ?? (checkIn.noteRefusal ? refusalText(checkIn.noteRefusal) : UNREADABLE_TEXT)}
        </p>
      )}
      {canNote &&
        (writing ? (
          <NoteForm
            checkIn={checkIn}
            held={held}
            warn={warnIdentifying}
            onSave={onSaveNote}
            onDone={() => {
              setWriting(false);
              focusNoteButton();
            }}
          />
        ) : (
          <button
            ref={noteButton}
            type="button"
            className="button button--quiet checkin__note-button"
            onClick={() => setWriting(true)}
          >
            {checkIn.noteText !== undefined
              ? 'Complete the note'
              : held
                ? 'Add a note after the session'
                : 'Add a note'}
            {/* Visible words first, then which session (not an aria-label: its name starts with what is seen). */}
            <span className="visually-hidden"> for {when}</span>
          </button>
        ))}
      {problem && <Alert>{problem}</Alert>}
      {(answerable || cancellable) && (
        <div className="checkin__actions">
          {answerable && (
            <>
              {answerButton('accept', 'primary')}
              {answerButton('decline', 'secondary')}
            </>
          )}
          {cancellable && !answerable && answerButton('cancel', 'quiet')}
        </div>
      )}
    </li>
  );
}

/** Check-ins: proposed by either, accepted or declined by the other, cancelled by either. */
export function CheckInsPanel({
  checkIns,
  closed,
  role,
  peer,
  writable,
  onPropose,
  onAnswer,
  onSaveNote,
  warnIdentifying = false,
}: {
  checkIns: readonly ShownCheckIn[];
  /** The support has ended: nothing is planned any more. */
  closed: boolean;
  role: Side;
  peer: string;
  writable: boolean;
  onPropose: ProposeHandler;
  onAnswer: (id: string, action: 'accept' | 'decline' | 'cancel') => Promise<Ack<unknown>>;
  onSaveNote: NoteHandler;
  /** The privacy guard warns while a teacher writes a note, as on their messages. */
  warnIdentifying?: boolean;
}) {
  const now = useNow(true, 30_000);
  const ends = (c: ShownCheckIn) => c.startsAt + c.durationMinutes * 60_000;
  const planned = closed
    ? []
    : checkIns.filter((c) => (c.status === 'proposed' || c.status === 'accepted') && ends(c) > now);
  /** Sessions held in the last fortnight with no note yet: the consultant is asked for their notes. */
  const toWrite =
    closed || role !== 'consultant'
      ? []
      : checkIns.filter(
          (c) =>
            c.status === 'accepted' &&
            ends(c) <= now &&
            ends(c) > now - NOTES_ASKED_MS &&
            c.noteText === undefined,
        );
  const earlier = checkIns.filter((c) => !planned.includes(c) && !toWrite.includes(c)).reverse();

  /** Check-ins as items; only those still planned can be answered, notes wherever the conversation is open. */
  const list = (items: readonly ShownCheckIn[], answerable: boolean, className = 'checkins') => (
    <ul className={className}>
      {items.map((c) => (
        <CheckInItem
          key={c.id}
          checkIn={c}
          role={role}
          peer={peer}
          writable={answerable}
          now={now}
          onAnswer={onAnswer}
          notesWritable={writable}
          onSaveNote={onSaveNote}
          warnIdentifying={warnIdentifying}
        />
      ))}
    </ul>
  );

  return (
    <section className="side-card" aria-labelledby="checkins-title">
      <h2 id="checkins-title" className="side-card__title">
        Check-ins
      </h2>
      <p className="side-card__hint">
        A time to talk, visit a classroom or plan together. You get a reminder 15 minutes before.
      </p>
      {planned.length === 0 ? (
        <p className="empty">{closed ? 'Nothing planned: the support has ended.' : 'Nothing planned.'}</p>
      ) : (
        list(planned, writable)
      )}
      {toWrite.length > 0 && (
        <>
          <h3 className="checkins__subtitle">Held: add your notes</h3>
          {list(toWrite, false)}
        </>
      )}
      {writable && (
        <FormBehindButton label="Propose a check-in">
          {(close) => <ProposeForm onPropose={onPropose} onDone={close} warn={warnIdentifying} />}
        </FormBehindButton>
      )}
      {earlier.length > 0 && (
        <details className="support-details">
          <summary className="support-details__summary">
            {closed ? 'All check-ins' : 'Earlier and cancelled'} ({earlier.length})
          </summary>
          {list(earlier, false, 'checkins checkins--past')}
        </details>
      )}
    </section>
  );
}
