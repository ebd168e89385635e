import { useState } from 'react';
import { CARE_TEXT_MAX, type QueueItem } from '@staffroom/shared/schemas/moderation';
import { Field } from '../../../components/field';
import { ActionDialog } from './action-dialog';

/** Who an at-risk item is about, as the group knows them. */
export function subjectOf(item: QueueItem): string | null {
  return item.subject?.name ?? item.message?.author?.name ?? null;
}

const draft = (group: string) =>
  `Hi, this is the moderation team of ${group}. We noticed your message and wanted to check in with you, privately. ` +
  'You are not in any trouble. If things feel heavy right now, you are not alone: the support lines shown to you are ' +
  'there day and night, and you can write to us here whenever you want.';

/**
 * Reaching out privately: a message from the moderation team to this member only (never the group), kept until
 * they read it. The audit log records that it was sent, not what it said.
 */
export function ReachOutDialog({
  item,
  onSend,
  onClose,
}: {
  item: QueueItem;
  onSend: (text: string) => Promise<void>;
  onClose: () => void;
}) {
  const [text, setText] = useState(() => draft(item.groupName || 'your group'));
  const who = subjectOf(item) ?? 'this member';
  return (
    <ActionDialog
      title={`Reach out privately to ${who}`}
      description={
        <p>
          Only {who} sees this, as a message from the moderation team (not from you by name), wherever they
          are in Staffroom. Nobody else in the group does.
        </p>
      }
      tone="primary"
      askReason={false}
      confirmLabel="Send privately"
      busyLabel="Sending…"
      validate={() => (text.trim() ? null : 'Write a few kind words first.')}
      onConfirm={() => onSend(text.trim())}
      onClose={onClose}
    >
      <Field label="Your message" hint="Warm and plain: no judgement, no rules.">
        {(control) => (
          <textarea
            {...control}
            className="input"
            name="care-text"
            rows={6}
            maxLength={CARE_TEXT_MAX}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
    </ActionDialog>
  );
}
