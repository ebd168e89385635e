import { REPORT_REASONS, REPORT_REASON_LABELS } from '@staffroom/shared/schemas/moderation';
import { decodeMessageText, type Message } from '@staffroom/shared/schemas/messages';
import { CrisisResources } from '../../../components/crisis-resources';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { ReportNoteField } from '../../../components/report-note-field';
import { useReportForm, type SendReport } from '../../../lib/use-report-form';

/** Reports a message to the group's moderators: a reason and an optional note. Only moderators see who reported. */
export function ReportDialog({
  message,
  onSubmit,
  onClose,
}: {
  message: Message;
  onSubmit: SendReport;
  onClose: () => void;
}) {
  const form = useReportForm(
    onSubmit,
    (failure) => failure.message || 'The report could not be sent. Try again.',
  );
  const formId = 'report-form';

  if (form.done) {
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
        {form.shownSupport && (
          <>
            <p>
              What you wrote suggests someone may be at risk. The moderators see your report first. You can
              also reach these people, day and night, for yourself or to ask how to help:
            </p>
            <CrisisResources resources={form.shownSupport} />
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
          <Button type="submit" form={formId} busy={form.busy} busyLabel="Sending…">
            {form.confirming ? 'Send report anyway' : 'Send report'}
          </Button>
        </>
      }
    >
      <blockquote className="report__quote">
        <span className="report__author">{message.author?.name ?? 'Someone'}:</span>{' '}
        {excerpt.length > 240 ? `${excerpt.slice(0, 240)}…` : excerpt}
      </blockquote>
      <form id={formId} className="form form--compact" noValidate onSubmit={(e) => void form.submit(e)}>
        {form.error && <Alert>{form.error}</Alert>}
        {form.shownSupport && (
          <>
            <p>
              What you wrote suggests someone may be at risk. You can reach these people, day and night, for
              yourself or to ask how to help:
            </p>
            <CrisisResources resources={form.shownSupport} />
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
                checked={form.reason === r}
                data-autofocus={i === 0 ? '' : undefined}
                onChange={() => form.chooseReason(r)}
              />
              <span>{REPORT_REASON_LABELS[r]}</span>
            </label>
          ))}
        </fieldset>
        <ReportNoteField
          form={form}
          label="Anything the moderators should know"
          hint="Please do not write anyone’s real name."
          rows={2}
        />
      </form>
    </Modal>
  );
}
