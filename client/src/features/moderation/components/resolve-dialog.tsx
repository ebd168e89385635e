import { useState } from 'react';
import type { QueueItem } from '@staffroom/shared/schemas/moderation';
import { BAN_PRESETS, MUTE_PRESETS, durationMinutes, type DurationChoice } from '../model/durations';
import { ActionDialog } from './action-dialog';
import { DurationField } from './duration-field';
import { authorOf, type ResolveKind } from './queue-item';

export interface ResolveDecision {
  action: ResolveKind;
  minutes?: number | null;
  reason: string;
}

const MEMBER_SEES = 'Recorded in the audit log. The member is told this reason with the notice.';

/** The question for one action on one report; `onResolve` sends it (`mod:resolve`). */
export function ResolveDialog({
  kind,
  item,
  onResolve,
  onClose,
  fallbackFocus,
}: {
  kind: ResolveKind;
  item: QueueItem;
  onResolve: (decision: ResolveDecision) => Promise<void>;
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}) {
  const [duration, setDuration] = useState<DurationChoice>({
    choice: kind === 'ban' ? '1d' : '1h',
    amount: '',
    unit: kind === 'ban' ? 'days' : 'minutes',
  });
  const author = authorOf(item) ?? 'the author';
  const group = item.groupName || 'the group';
  const presets = kind === 'ban' ? BAN_PRESETS : MUTE_PRESETS;
  const minutes = () => durationMinutes(duration, presets);
  const common = { onClose, fallbackFocus };

  switch (kind) {
    case 'remove':
      return (
        <ActionDialog
          {...common}
          title="Remove this message?"
          description={
            <p>
              It disappears at once for everyone in {group}, on every device. Only a note saying “removed by a
              moderator” stays; the text is erased and cannot be brought back. The report is closed as “action
              taken”.
            </p>
          }
          confirmLabel="Remove message"
          busyLabel="Removing…"
          onConfirm={(reason) => onResolve({ action: 'remove', reason })}
        />
      );
    case 'mute':
      return (
        <ActionDialog
          {...common}
          title={`Mute ${author} in ${group}?`}
          description={
            <p>
              They can still read the group but cannot post until the mute ends. They are told until when. The
              message stays unless you also remove it.
            </p>
          }
          reasonHint={MEMBER_SEES}
          confirmLabel={`Mute ${author}`}
          busyLabel="Muting…"
          validate={() => {
            const m = minutes();
            return m.ok ? null : m.error;
          }}
          onConfirm={(reason) => {
            const m = minutes();
            return onResolve({ action: 'mute', minutes: m.ok ? m.minutes : 60, reason });
          }}
        >
          <DurationField legend="Mute for" presets={MUTE_PRESETS} value={duration} onChange={setDuration} />
        </ActionDialog>
      );
    case 'ban':
      return (
        <ActionDialog
          {...common}
          title={`Ban ${author} from ${group}?`}
          description={
            <p>
              They are removed from {group} on every device within a second and cannot rejoin until the ban
              ends or is lifted. They stay in their other groups.
            </p>
          }
          reasonHint={MEMBER_SEES}
          confirmLabel={`Ban ${author}`}
          busyLabel="Banning…"
          validate={() => {
            const m = minutes();
            return m.ok ? null : m.error;
          }}
          onConfirm={(reason) => {
            const m = minutes();
            return onResolve({ action: 'ban', minutes: m.ok ? m.minutes : null, reason });
          }}
        >
          <DurationField legend="Ban for" presets={BAN_PRESETS} value={duration} onChange={setDuration} />
        </ActionDialog>
      );
    case 'dismiss':
      return (
        <ActionDialog
          {...common}
          tone="primary"
          title={item.automatic ? 'Mark this alert as reviewed?' : 'Dismiss this report?'}
          description={
            <p>
              Nothing happens to the message or its author.{' '}
              {item.automatic
                ? 'The alert leaves the queue.'
                : 'The reporter sees that their report was reviewed, nothing more.'}
            </p>
          }
          confirmLabel={item.automatic ? 'Mark as reviewed' : 'Dismiss report'}
          busyLabel="Saving…"
          onConfirm={(reason) => onResolve({ action: 'dismiss', reason })}
        />
      );
  }
}
