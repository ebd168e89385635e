import { useState, type FormEvent } from 'react';
import type { Ack } from '@staffroom/shared/protocol/ack';
import {
  REPORT_REASONS,
  REPORT_REASON_LABELS,
  type ReportReason,
} from '@staffroom/shared/schemas/moderation';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { CharCount } from '../../../components/char-count';
import { CrisisResources } from '../../../components/crisis-resources';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { useServerInfo } from '../../../app/server-info';
import { useOverLimit } from '../../../lib/use-over-limit';
import { actionErrorText } from '../model/conversation-room';
import { ChoiceGroup } from './choice-group';

const NOTE_MAX = 500;

/**
 * Reporting a one-to-one conversation (from one of its messages) sends a reason and, optionally, the reporter's
 * own note; never a message. The conversation stays private: Staffroom's moderators read the note, coordinators
 * only learn that a report was made.
 */
export function ConversationReportDialog({
  peerName,
  onReport,
  onClose,
}: {
  peerName: string;
  onReport: (
    reason: ReportReason,
    note: string,
    confirmIdentifying: boolean,
  ) => Promise<Ack<{ support?: SupportResource[] | undefined }>>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  /** The privacy guard asked about the note: the next send goes anyway, unless the note changes. */
  const [confirming, setConfirming] = useState(false);
  const [support, setSupport] = useState<SupportResource[] | null>(null);
  const formId = 'convo-report-form';
  const crisisResources = useServerInfo()?.crisisResources;
  const overLimit = useOverLimit(note, NOTE_MAX);
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
    const ack = await onReport(reason, note.trim(), confirming);
    setBusy(false);
    if (ack.ok) {
      setSupport(ack.data.support?.length ? ack.data.support : null);
      setDone(true);
      return;
    }
    setSupport(ack.error.support?.length ? ack.error.support : null);
    setConfirming(ack.error.code === 'PRIVACY_CONFIRM_REQUIRED');
    setError(
      ack.error.code === 'PRIVACY_CONFIRM_REQUIRED'
        ? `${ack.error.message} Edit the note, or send the report anyway.`
        : actionErrorText(ack.error),
    );
  };

  const riskText = (
    <p>
      What you wrote suggests someone may be at risk. You can reach these people, day and night, for yourself
      or to ask how to help:
    </p>
  );

  if (done) {
    return (
      <Modal
        key="done"
        title="Thank you for telling us"
        onClose={onClose}
        description={
          <p>
            Staffroom’s moderators have your reason and your note; the conversation itself stays private. If
            someone may be at risk right now, contact local emergency services. You can also block {peerName},
            which ends this conversation.
          </p>
        }
        actions={
          <Button data-autofocus="" onClick={onClose}>
            Close
          </Button>
        }
      >
        {shownSupport && (
          <>
            {riskText}
            <CrisisResources resources={shownSupport} />
          </>
        )}
      </Modal>
    );
  }

  return (
    <Modal
      title="Report this conversation"
      onClose={onClose}
      description={
        <p>
          <strong>Nothing of the conversation is sent: {peerName}’s messages stay private.</strong>{' '}
          Staffroom’s moderators get your reason and, if you write one, your note; coordinators only learn
          that a report was made. {peerName} is not notified.
        </p>
      }
      actions={
        <>
          <Button variant="secondary" data-autofocus="" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="danger" busy={busy} busyLabel="Sending…">
            {confirming ? 'Send report anyway' : 'Send report'}
          </Button>
        </>
      }
    >
      <form id={formId} className="form form--tight" noValidate onSubmit={(e) => void submit(e)}>
        {error && <Alert>{error}</Alert>}
        {shownSupport && (
          <>
            {riskText}
            <CrisisResources resources={shownSupport} />
          </>
        )}
        <ChoiceGroup
          legend="What is wrong?"
          name="reason"
          options={REPORT_REASONS.map((r) => ({ value: r, label: REPORT_REASON_LABELS[r] }))}
          value={reason}
          onChange={(r) => {
            setReason(r);
            setError(null);
          }}
        />
        <Field
          label="In your own words, what happened"
          optional
          hint="Please don’t paste the conversation or quote their messages, and don’t write anyone’s real name."
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              name="note"
              rows={3}
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
