import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { CrisisResources } from '../../../components/crisis-resources';
import { Button } from '../../../components/button';
import { findingsText } from '../model/error-text';
import type { OutboxEntry } from '../model/group-room';
import { Modal } from '../../../components/modal';

/**
 * The privacy guard's question, before a message that may identify someone is posted. "Edit" is the default
 * (it takes focus); "Send anyway" sends the same message again, confirmed, with the same client id.
 */
export function PrivacyDialog({
  entry,
  onEdit,
  onSendAnyway,
}: {
  entry: OutboxEntry;
  onEdit: () => void;
  onSendAnyway: () => void;
}) {
  const findings = entry.error ? findingsText(entry.error) : [];
  return (
    <Modal
      role="alertdialog"
      title="This may identify you or someone else"
      description={
        <>
          <p>Staffroom is anonymous, and it stays that way only if messages do not give people away.</p>
          {findings.length > 0 && (
            <>
              <p>Your message contains:</p>
              <ul className="findings">
                {findings.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </>
          )}
        </>
      }
      onClose={onEdit}
      actions={
        <>
          <Button variant="secondary" onClick={onSendAnyway}>
            Send anyway
          </Button>
          <Button data-autofocus="" onClick={onEdit}>
            Edit
          </Button>
        </>
      }
    >
      <blockquote className="report__quote">{entry.text}</blockquote>
      {entry.error?.support && entry.error.support.length > 0 && (
        <>
          <p>
            What you wrote also suggests things feel very heavy right now. Whatever you decide about this
            message, these people are there to listen, in confidence:
          </p>
          <CrisisResources resources={entry.error.support} />
          <p className="aside">
            The group’s moderators were also told, privately, so they can look out for you.
          </p>
        </>
      )}
    </Modal>
  );
}

/** Why a message was not posted, in words (after "Your message was not posted"). */
function refusalWords(code: string | null): string {
  if (code === 'MUTED') return 'because a moderator muted you here for now';
  if (code === 'GROUP_LOCKED') return 'because this group is locked for now';
  if (code === 'MESSAGE_TOO_LONG') return 'because it is longer than a message may be';
  return 'because of a word this group does not allow';
}

/** Shown only to the sender when a message suggests they may be at risk. The message was still posted. */
export function SupportDialog({
  resources,
  posted = true,
  refusedCode = null,
  held = false,
  onClose,
}: {
  resources: readonly SupportResource[];
  /** False when the message was refused (a blocked term): the resources still come, the wording says so. */
  posted?: boolean;
  /** Why it was refused (MUTED, GROUP_LOCKED, BLOCKED_TERM), for the wording. */
  refusedCode?: string | null;
  /** The group holds such messages for review: it is not posted yet, only the moderators see it. */
  held?: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      title="You don’t have to carry this alone"
      description={
        <p>
          {held
            ? 'Your message is held for review: for now only you and the group’s moderators can see it. You are not in any trouble.'
            : posted
              ? 'Your message was posted.'
              : `Your message was not posted ${refusalWords(refusedCode)}, but what you wrote matters.`}{' '}
          This note is only for you: if things feel heavy right now, these people are there to listen, in
          confidence.
        </p>
      }
      onClose={onClose}
      actions={<Button onClick={onClose}>Close</Button>}
    >
      <CrisisResources resources={resources} />
      <p className="aside">The group’s moderators were also told, privately, so they can look out for you.</p>
    </Modal>
  );
}
