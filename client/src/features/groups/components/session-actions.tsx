import { useEffect, useState } from 'react';
import type { Meeting, SignUpStatus, UsefulStatus, UsefulSummary } from '@staffroom/shared/schemas/groups';
import { Button } from '../../../components/button';
import { groupsApi } from '../api/groups-api';

const SCORE_LABELS = ['Not useful', 'A little', 'Somewhat', 'Useful', 'Very useful'] as const;
const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** Sign up or withdraw, for a session that takes sign-ups; shows how many have (never who). */
export function SignUpControl({ groupId, meeting }: { groupId: string; meeting: Meeting }) {
  const [status, setStatus] = useState<SignUpStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    groupsApi.signUpStatus(groupId, meeting.id).then(
      (s) => live && setStatus(s),
      () => live && setError('Sign-ups could not be loaded.'),
    );
    return () => {
      live = false;
    };
  }, [groupId, meeting.id]);
  const toggle = async () => {
    if (!status) return;
    setBusy(true);
    setError('');
    try {
      setStatus(await (status.signedUp ? groupsApi.withdraw : groupsApi.signUp)(groupId, meeting.id));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="meeting__signup">
      <span role="status">
        {status ? `${people(status.count)} signed up${status.signedUp ? ', including you' : ''}.` : ''}
        {error}
      </span>
      {status && (
        <Button
          variant="secondary"
          busy={busy}
          busyLabel="Saving…"
          aria-label={`${status.signedUp ? 'Withdraw from' : 'Sign up for'} “${meeting.title}”`}
          onClick={() => void toggle()}
        >
          {status.signedUp ? 'Withdraw' : 'Sign up'}
        </Button>
      )}
    </div>
  );
}

/** After a session: "Was this useful?" (1–5, anonymous, once); and for the host and coordinators, the result. */
export function UsefulQuestion({
  groupId,
  meeting,
  canSeeResult,
}: {
  groupId: string;
  meeting: Meeting;
  canSeeResult: boolean;
}) {
  const [status, setStatus] = useState<UsefulStatus | null>(null);
  const [summary, setSummary] = useState<UsefulSummary | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    groupsApi.usefulStatus(groupId, meeting.id).then(
      (s) => live && setStatus(s),
      () => live && setStatus(null),
    );
    if (canSeeResult)
      groupsApi.usefulSummary(groupId, meeting.id).then(
        (s) => live && setSummary(s),
        () => live && setSummary(null),
      );
    return () => {
      live = false;
    };
  }, [groupId, meeting.id, canSeeResult]);
  const send = async () => {
    if (score === null) return;
    setBusy(true);
    setError('');
    try {
      await groupsApi.answerUseful(groupId, meeting.id, score);
      setStatus({ open: true, answered: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Your answer was not sent. Try again.');
    } finally {
      setBusy(false);
    }
  };
  const legendId = `useful-${meeting.id}`;
  return (
    <div className="meeting__useful">
      {status?.answered && <p role="status">Thank you: your answer was counted, anonymously.</p>}
      {status && status.open && !status.answered && (
        <fieldset className="useful" aria-describedby={`${legendId}-hint`}>
          <legend id={legendId}>Was “{meeting.title}” useful?</legend>
          <p id={`${legendId}-hint`} className="field__hint">
            Anonymous: the host sees only a summary, once at least five have answered.
          </p>
          {SCORE_LABELS.map((label, i) => (
            <label key={label} className="useful__option">
              <input
                type="radio"
                name={legendId}
                value={i + 1}
                checked={score === i + 1}
                onChange={() => setScore(i + 1)}
              />{' '}
              {i + 1} · {label}
            </label>
          ))}
          {error && <p role="alert">{error}</p>}
          <Button
            variant="secondary"
            busy={busy}
            busyLabel="Sending…"
            disabled={score === null}
            onClick={() => void send()}
          >
            Send answer
          </Button>
        </fieldset>
      )}
      {summary && (
        <p className="meeting__result">
          {summary.shown && summary.mean !== null && summary.responses !== null
            ? `“${meeting.title}”: useful ${summary.mean} out of 5, from ${people(summary.responses)}.`
            : `“${meeting.title}”: fewer than ${summary.k} have answered “was this useful?”; the result is shown from ${summary.k}.`}
        </p>
      )}
    </div>
  );
}
