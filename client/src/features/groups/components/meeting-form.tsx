import { useState, type FormEvent } from 'react';
import { GROUP_LIMITS, LIMITS } from '@staffroom/shared/limits';
import { AGENDA_MAX, type CreateMeetingBody, type SessionFormat } from '@staffroom/shared/schemas/groups';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { SelectField, type SelectOption } from '../../../components/select-field';
import { ApiError } from '../../../lib/api';
import { formatDuration, fromLocalInput, toLocalInput } from '../../../utils/format';

const DURATIONS = [30, 45, 60, 90, 120, 180] as const;
const FORMATS: readonly SelectOption<SessionFormat>[] = [
  { value: 'session', label: 'Session' },
  { value: 'workshop', label: 'Workshop' },
  { value: 'focus-group', label: 'Focus group' },
];

type Errors = Partial<Record<'title' | 'startsAt' | 'host' | 'agenda' | 'form', string>>;

/** The next full hour from now, as a sensible default start. */
function nextHour(): number {
  const d = new Date();
  d.setHours(d.getHours() + 1, 0, 0, 0);
  return d.getTime();
}

/** Schedules a session (workshop, focus group, check-in) in local time (coordinators only). */
export function MeetingForm({
  defaultHost,
  onSubmit,
}: {
  defaultHost: string;
  onSubmit: (body: CreateMeetingBody) => Promise<void>;
}) {
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState(() => toLocalInput(nextHour()));
  const [duration, setDuration] = useState<number>(60);
  const [host, setHost] = useState(defaultHost);
  const [format, setFormat] = useState<SessionFormat>('session');
  const [agenda, setAgenda] = useState('');
  const [signUp, setSignUp] = useState(false);
  /** Set once the privacy guard flagged the agenda: the next submit confirms it. */
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  /** The title the privacy guard asked about: scheduling it unchanged confirms it. */
  const [confirmTitle, setConfirmTitle] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const start = fromLocalInput(startsAt);
    const found: Errors = {
      ...(title.trim() ? {} : { title: 'Give the session a title.' }),
      ...(start === null
        ? { startsAt: 'Choose a date and a time.' }
        : start < Date.now()
          ? { startsAt: 'Choose a time in the future.' }
          : {}),
      ...(host.trim() ? {} : { host: 'Who hosts it? A pseudonym, never a real name.' }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0 || start === null) return;
    setBusy(true);
    try {
      await onSubmit({
        title: title.trim(),
        startsAt: start,
        durationMinutes: duration,
        host: host.trim(),
        format,
        signUp,
        ...(agenda.trim() ? { agenda: agenda.trim() } : {}),
        ...(confirming || confirmTitle === title.trim() ? { confirmIdentifying: true } : {}),
      });
      setTitle('');
      setAgenda('');
      setConfirming(false);
      setConfirmTitle(null);
    } catch (err) {
      const message = err instanceof Error ? err.message : 'The session could not be scheduled.';
      if (err instanceof ApiError && err.code === 'PRIVACY_CONFIRM_REQUIRED' && err.field === 'title') {
        // The privacy guard asks about the title: the same title, scheduled again, goes anyway.
        setConfirmTitle(title.trim());
        setErrors({ title: `${message} Edit the title, or schedule it again to keep it.` });
      } else if (err instanceof ApiError && err.code === 'PRIVACY_CONFIRM_REQUIRED' && err.field === 'host') {
        // The host's name looks like a real name: scheduling again as it is goes anyway.
        setConfirming(true);
        setErrors({ host: `${message} Use a pseudonym, or schedule again to keep it.` });
      } else if (err instanceof ApiError && err.code === 'PRIVACY_CONFIRM_REQUIRED') {
        setConfirming(true);
        setErrors({ agenda: `${message} Edit it, or schedule again to keep it as it is.` });
      } else if (
        err instanceof ApiError &&
        (err.field === 'startsAt' || err.field === 'title' || err.field === 'host')
      ) {
        setErrors({ [err.field]: message });
      } else setErrors({ form: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form form--compact" noValidate onSubmit={submit}>
      {errors.form && <Alert title="Not scheduled">{errors.form}</Alert>}
      <Field label="Title" error={errors.title}>
        {(control) => (
          <input
            {...control}
            className="input"
            name="title"
            autoComplete="off"
            maxLength={GROUP_LIMITS.meetingTitleMax}
            placeholder="Monday check-in"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <SelectField label="Format" name="format" value={format} options={FORMATS} onChange={setFormat} />
      <Field label="Agenda" hint="Optional. No names of pupils, colleagues or schools." error={errors.agenda}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            name="agenda"
            rows={3}
            maxLength={AGENDA_MAX}
            value={agenda}
            onChange={(e) => {
              setAgenda(e.target.value);
              setConfirming(false);
            }}
          />
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" name="signUp" checked={signUp} onChange={(e) => setSignUp(e.target.checked)} />{' '}
        Members sign up beforehand (the host sees how many, not who)
      </label>
      <Field label="Starts" hint="Your local time." error={errors.startsAt}>
        {(control) => (
          <input
            {...control}
            className="input input--datetime"
            type="datetime-local"
            name="startsAt"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        )}
      </Field>
      <SelectField<number>
        label="Length"
        name="duration"
        value={duration}
        options={DURATIONS.map((d) => ({ value: d, label: formatDuration(d) }))}
        onChange={setDuration}
      />
      <Field label="Host" hint="Shown to members: a pseudonym." error={errors.host}>
        {(control) => (
          <input
            {...control}
            className="input"
            name="host"
            autoComplete="off"
            maxLength={LIMITS.pseudonymMax}
            value={host}
            onChange={(e) => {
              setHost(e.target.value);
              setConfirming(false);
            }}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" busy={busy} busyLabel="Scheduling…">
        Schedule session
      </Button>
    </form>
  );
}
