import { useId, useState, type FormEvent } from 'react';
import type { UnmatchedReason, UnmatchedRequest } from '@staffroom/shared/schemas/consultations';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { formatDateTime, formatRelative } from '../../../utils/format';
import { supportApi } from '../api/support-api';
import { refreshUrgentUnmatched } from '../api/urgent-unmatched';
import { areaText, gradesText, subjectsText } from '../model/labels';

/** Why a request waits, for coordinators, in words they can act on. */
export const UNMATCHED_REASON_TEXT: Record<UnmatchedReason, string> = {
  'no-coverage': 'No consultant covers this grade band and subject yet.',
  excluded:
    'The consultants who cover it are from the teacher’s school or district, so they are never offered it.',
  declined: 'Every consultant who could take it declined it or let the offer lapse.',
  unavailable: 'Every consultant who fits is at capacity or paused.',
};

function AssignForm({
  request,
  onAssigned,
}: {
  request: UnmatchedRequest;
  onAssigned: (text: string) => void;
}) {
  const selectId = useId();
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (request.consultants.length === 0) {
    return (
      <p className="empty">
        No consultant can be assigned: every one is from the teacher’s school or district, or there is none
        yet.
      </p>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const consultant = request.consultants.find((c) => c.id === choice);
    if (!consultant) {
      setError('Choose a consultant first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await supportApi.assign(request.requestId, consultant.id);
      onAssigned(
        `${request.alias} is now in a conversation with ${consultant.name}. Both see it in their one-to-one support.`,
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The request could not be assigned. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="assign" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={selectId} className="field__label">
        Assign a consultant by hand
      </label>
      <select
        id={selectId}
        className="input"
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        aria-invalid={error ? true : undefined}
      >
        <option value="">Choose a consultant…</option>
        {request.consultants.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}: {c.active} of {c.capacity} in support{c.paused ? ', paused' : ''}
            {c.matchedOn ? ` · in common: ${c.matchedOn}` : ' · nothing in common'}
          </option>
        ))}
      </select>
      <Button type="submit" aria-disabled={busy || undefined}>
        {busy ? 'Assigning…' : 'Assign'}
      </Button>
      {error && <Alert title="Not assigned">{error}</Alert>}
    </form>
  );
}

/**
 * Coordinators: requests no consultant could be offered, urgent first, and why. The request's own name only:
 * never who the teacher is, never their note. Assigning opens the conversation for both at once.
 */
export function UnmatchedRequests({
  requests,
  now,
  onChanged,
}: {
  requests: readonly UnmatchedRequest[];
  now: number;
  onChanged: () => void;
}) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      {done && <Status tone="success">{done}</Status>}
      {requests.length === 0 ? (
        <p className="empty">Every request has been offered to a consultant.</p>
      ) : (
        <ul className="unmatched">
          {requests.map((r) => (
            <li
              key={r.requestId}
              className={r.urgent ? 'unmatched__item unmatched__item--urgent' : 'unmatched__item'}
            >
              <article aria-labelledby={`unmatched-${r.requestId}`}>
                <h3 id={`unmatched-${r.requestId}`} className="unmatched__title">
                  {r.urgent && (
                    <>
                      <span className="badge unmatched__badge">Urgent</span>{' '}
                    </>
                  )}
                  {r.alias}
                </h3>
                <p className="unmatched__meta">
                  Asked{' '}
                  <time dateTime={new Date(r.createdAt).toISOString()} title={formatDateTime(r.createdAt)}>
                    {formatRelative(r.createdAt, now)}
                  </time>{' '}
                  · {gradesText(r.grades)} · {subjectsText(r.subjects)} · {areaText(r.focus)}
                </p>
                <p className="unmatched__reason">{UNMATCHED_REASON_TEXT[r.reason]}</p>
                {r.urgent && (
                  <p className="unmatched__hint">
                    The teacher’s own browser marked it urgent: their note suggested risk. They were shown the
                    crisis contacts at once. The note stays sealed; nobody but a consultant reads it.
                  </p>
                )}
                <AssignForm
                  request={r}
                  onAssigned={(text) => {
                    setDone(text);
                    onChanged();
                    refreshUrgentUnmatched();
                  }}
                />
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
