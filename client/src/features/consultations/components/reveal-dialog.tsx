import { useState, type FormEvent } from 'react';
import type { Ack } from '@staffroom/shared/protocol/ack';
import {
  REPORT_REASONS,
  REPORT_REASON_LABELS,
  type ReportReason,
} from '@staffroom/shared/schemas/moderation';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { actionErrorText, type ShownMessage } from '../model/conversation-room';
import { ChoiceGroup } from './choice-group';
import { Modal } from '../../../components/modal';

/**
 * Reporting a one-to-one message means choosing to reveal its text: the server cannot read it, so this
 * browser sends the decrypted text of this one message, and nothing else, to Staffroom's moderators (accounts
 * invited as moderators; never coordinators).
 */
export function RevealDialog({
  message,
  peerName,
  onReport,
  onClose,
}: {
  message: ShownMessage;
  peerName: string;
  onReport: (reason: ReportReason) => Promise<Ack<unknown>>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const formId = 'reveal-form';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!reason) {
      setError('Choose what is wrong, so the moderators know where to start.');
      return;
    }
    setBusy(true);
    const ack = await onReport(reason);
    setBusy(false);
    if (ack.ok) setDone(true);
    else setError(actionErrorText(ack.error));
  };

  if (done) {
    return (
      <Modal
        key="done"
        title="Thank you for telling us"
        onClose={onClose}
        description={
          <p>
            Staffroom’s moderators now have that one message (coordinators never see it). If someone may be at
            risk right now, contact local emergency services. You can also block {peerName}, which ends this
            conversation.
          </p>
        }
        actions={
          <Button data-autofocus="" onClick={onClose}>
            Close
          </Button>
        }
      />
    );
  }

  return (
    <Modal
      title="Report this message"
      onClose={onClose}
      description={
        <p>
          <strong>This reveals this one message’s text to Staffroom’s moderators; nothing else.</strong> Not
          the rest of the conversation, not your goals or check-ins. {peerName} is not notified.
        </p>
      }
      actions={
        <>
          <Button variant="secondary" data-autofocus="" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="danger" busy={busy} busyLabel="Sending…">
            Reveal and report
          </Button>
        </>
      }
    >
      <blockquote className="reveal__quote">{message.text}</blockquote>
      <form id={formId} className="form form--tight" noValidate onSubmit={(e) => void submit(e)}>
        {error && <Alert>{error}</Alert>}
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
      </form>
    </Modal>
  );
}
