import { useState, type FormEvent } from 'react';
import type { Ack } from '@staffroom/shared/protocol/ack';
import {
  REPORT_REASONS,
  REPORT_REASON_LABELS,
  type ReportReason,
} from '@staffroom/shared/schemas/moderation';
import { decodeMessageText, type Message, type SupportResource } from '@staffroom/shared/schemas/messages';
import { CrisisResources } from '../../../components/crisis-resources';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { useServerInfo } from '../../../app/server-info';
import { useOverLimit } from '../../../lib/use-over-limit';
import { CharCount } from '../../../components/char-count';

const NOTE_MAX = 500;

/** Reports a message to the group's moderators: a reason and an optional note. Only moderators see who reported. */
export function ReportDialog({
  message,
  onSubmit,
  onClose,
}: {
  message: Message;
  onSubmit: (
    reason: ReportReason,
    note: string,
    confirmIdentifying: boolean,
  ) => Promise<Ack<{ support?: SupportResource[] | undefined }>>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  /** The privacy guard asked about the note: the next send goes anyway, unless the note changes. */
  const [confirming, setConfirming] = useState(false);
  const [support, setSupport] = useState<SupportResource[] | null>(null);
  const formId = 'report-form';
  const crisisResources = useServerInfo()?.crisisResources;
  const overLimit = useOverLimit(note, NOTE_MAX);
  /** The contacts: those an answer brought, or for a note refused over its limit that suggests someone is at risk. */
  const found = overLimit.found;
  const shownSupport =
    support ?? (found && (found.risk || found.concernForOther) ? (crisisResources ?? []) : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!reason) {
      setError('Choose what is wrong, so the moderators know where to start.');
      return;
    }
    // Not sent until shortened, and the server will not read it: the crisis guard reads all of it here.
    const refused = overLimit.refuse('the note');
    if (refused) {
      setError(refused);
      return;
    }
    setBusy(true);
    const ack = await onSubmit(reason, note.trim(), confirming);
    setBusy(false);
    if (ack.ok) {
      setSupport(ack.data.support?.length ? ack.data.support : null);
      setDone(true);
    } else {
      // The privacy question must not hide the resources a note that suggests risk brings.
      setSupport(ack.error.support?.length ? ack.error.support : null);
      setConfirming(ack.error.code === 'PRIVACY_CONFIRM_REQUIRED');
      setError(
        ack.error.code === 'PRIVACY_CONFIRM_REQUIRED'
          ? `${ack.error.message} Edit the note, or send the report anyway.`
          : ack.error.message || 'The report could not be sent. Try again.',
      );
    }
  };

  if (done) {
    return (
      <Modal
        key="done"
        title="Thank you for telling us"
        description={
          <p>
            The group’s moderators will look at it. Only they know you reported it. If someone may be at risk
            right now, do contact local emergency services.
          </p>
        }
        onClose={onClose}
        actions={
          <Button data-autofocus="" onClick={onClose}>
            Close
          </Button>
        }
      >
        {shownSupport && (
          <>
            <p>
              What you wrote suggests someone may be at risk. The moderators see your report first. You can
              also reach these people, day and night, for yourself or to ask how to help:
            </p>
            <CrisisResources resources={shownSupport} />
          </>
        )}
      </Modal>
    );
  }

  const excerpt = decodeMessageText(message.text);
  return (
    <Modal
      title="Report this message"
      description={
        <p>
          The group’s moderators will see the message and your reason; nobody else learns that you reported
          it.
        </p>
      }
      onClose={onClose}
      actions={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} busy={busy} busyLabel="Sending…">
            {confirming ? 'Send report anyway' : 'Send report'}
          </Button>
        </>
      }
    >
      <blockquote className="report__quote">
        <span className="report__author">{message.author?.name ?? 'Someone'}:</span>{' '}
        {excerpt.length > 240 ? `${excerpt.slice(0, 240)}…` : excerpt}
      </blockquote>
      <form id={formId} className="form form--compact" noValidate onSubmit={submit}>
        {error && <Alert>{error}</Alert>}
        {shownSupport && (
          <>
            <p>
              What you wrote suggests someone may be at risk. You can reach these people, day and night, for
              yourself or to ask how to help:
            </p>
            <CrisisResources resources={shownSupport} />
          </>
        )}
        <fieldset className="choices">
          <legend className="field__label">What is wrong?</legend>
          {REPORT_REASONS.map((r, i) => (
            <label key={r} className="choice">
              <input
                type="radio"
                name="reason"
                value={r}
                checked={reason === r}
                data-autofocus={i === 0 ? '' : undefined}
                onChange={() => setReason(r)}
              />
              <span>{REPORT_REASON_LABELS[r]}</span>
            </label>
          ))}
        </fieldset>
        <Field
          label="Anything the moderators should know"
          optional
          hint="Please do not write anyone’s real name."
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              name="note"
              rows={2}
              // No maxLength: it would cut a pasted note silently, before the crisis check reads its end.
              value={note}
              aria-invalid={overLimit.over > 0 || undefined}
              onChange={(e) => {
                setNote(e.target.value);
                setConfirming(false);
              }}
            />
          )}
        </Field>
        <CharCount limit={overLimit} />
      </form>
    </Modal>
  );
}
