import { REPORT_REASONS, REPORT_REASON_LABELS } from '@staffroom/shared/schemas/moderation';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { CrisisResources } from '../../../components/crisis-resources';
import { Modal } from '../../../components/modal';
import { ReportNoteField } from '../../../components/report-note-field';
import { useReportForm, type SendReport } from '../../../lib/use-report-form';
import { actionErrorText } from '../model/conversation-room';
import { ChoiceGroup, optionsOf } from './choice-group';

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
  onReport: SendReport;
  onClose: () => void;
}) {
  const form = useReportForm(onReport, actionErrorText);
  const formId = 'convo-report-form';

  const riskText = (
    <p>
      What you wrote suggests someone may be at risk. You can reach these people, day and night, for yourself
      or to ask how to help:
    </p>
  );

  if (form.done) {
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
        {form.shownSupport && (
          <>
            {riskText}
            <CrisisResources resources={form.shownSupport} />
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
          <Button type="submit" form={formId} variant="danger" busy={form.busy} busyLabel="Sending…">
            {form.confirming ? 'Send report anyway' : 'Send report'}
          </Button>
        </>
      }
    >
      <form id={formId} className="form form--tight" noValidate onSubmit={(e) => void form.submit(e)}>
        {form.error && <Alert>{form.error}</Alert>}
        {form.shownSupport && (
          <>
            {riskText}
            <CrisisResources resources={form.shownSupport} />
          </>
        )}
        <ChoiceGroup
          legend="What is wrong?"
          name="reason"
          options={optionsOf(REPORT_REASONS, REPORT_REASON_LABELS)}
          value={form.reason}
          onChange={form.chooseReason}
        />
        <ReportNoteField
          form={form}
          label="In your own words, what happened"
          hint="Please don’t paste the conversation or quote their messages, and don’t write anyone’s real name."
          rows={3}
        />
      </form>
    </Modal>
  );
}
