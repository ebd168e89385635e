import { useId, useState } from 'react';
import type { MemberRow } from '@staffroom/shared/schemas/moderation';
import { BAN_PRESETS, MUTE_PRESETS, durationMinutes, type DurationChoice } from '../model/durations';
import { ActionDialog } from './action-dialog';
import { DurationField } from './duration-field';

const MEMBER_SEES = 'Recorded in the audit log. The member is told this reason with the notice.';

interface Common {
  /** Only the name is shown: an account found by pseudonym (no group) passes just that. */
  member: Pick<MemberRow, 'name'>;
  groupName: string;
  onClose: () => void;
  fallbackFocus?: () => HTMLElement | null;
}

/** Mute for 10 min, 1 h, 24 h or a custom time, with a reason. */
export function MuteDialog({
  member,
  groupName,
  onMute,
  ...rest
}: Common & { onMute: (minutes: number, reason: string) => Promise<void> }) {
  const [duration, setDuration] = useState<DurationChoice>({ choice: '1h', amount: '', unit: 'minutes' });
  const minutes = () => durationMinutes(duration, MUTE_PRESETS);
  return (
    <ActionDialog
      {...rest}
      title={`Mute ${member.name} in ${groupName}?`}
      description={<p>They can still read but cannot post until the mute ends, and are told until when.</p>}
      reasonHint={MEMBER_SEES}
      confirmLabel={`Mute ${member.name}`}
      busyLabel="Muting…"
      validate={() => {
        const m = minutes();
        return m.ok ? null : m.error;
      }}
      onConfirm={(reason) => {
        const m = minutes();
        return onMute(m.ok && m.minutes !== null ? m.minutes : 60, reason);
      }}
    >
      <DurationField legend="Mute for" presets={MUTE_PRESETS} value={duration} onChange={setDuration} />
    </ActionDialog>
  );
}

/**
 * Ban from the group, or (coordinators) from all of Staffroom: that one carries a strong warning and must be
 * acknowledged with a tick, because it ends every session the person has.
 */
export function BanDialog({
  member,
  groupName,
  global,
  onBan,
  ...rest
}: Common & { global: boolean; onBan: (minutes: number | null, reason: string) => Promise<void> }) {
  const id = useId();
  const [duration, setDuration] = useState<DurationChoice>({
    choice: global ? 'permanent' : '1d',
    amount: '',
    unit: 'days',
  });
  const [understood, setUnderstood] = useState(false);
  const minutes = () => durationMinutes(duration, BAN_PRESETS);
  return (
    <ActionDialog
      {...rest}
      title={global ? `Ban ${member.name} from Staffroom?` : `Ban ${member.name} from ${groupName}?`}
      description={
        global ? (
          <p>
            This is not a group ban. It ends every session {member.name} has, on every device, and refuses
            their log-in everywhere in Staffroom for as long as the ban lasts.
          </p>
        ) : (
          <p>
            They are removed from {groupName} on every device within a second and cannot rejoin until the ban
            ends or is lifted. Their other groups are not affected.
          </p>
        )
      }
      warning={
        global ? (
          <>
            <p className="mod-warning__title">Use this only for threats or serious abuse.</p>
            <p>
              They lose access to every group and to any one-to-one support they receive. Only a coordinator
              can lift it.
            </p>
            <label className="mod-choice mod-choice--confirm">
              <input
                id={`${id}-understood`}
                type="checkbox"
                checked={understood}
                onChange={(e) => setUnderstood(e.target.checked)}
              />
              I understand that {member.name} will be locked out of all of Staffroom
            </label>
          </>
        ) : undefined
      }
      reasonHint={MEMBER_SEES}
      confirmLabel={global ? 'Ban from Staffroom' : `Ban ${member.name}`}
      busyLabel="Banning…"
      validate={() => {
        if (global && !understood) return 'Tick the box to confirm you understand what this ban does.';
        const m = minutes();
        return m.ok ? null : m.error;
      }}
      onConfirm={(reason) => {
        const m = minutes();
        return onBan(m.ok ? m.minutes : null, reason);
      }}
    >
      <DurationField legend="Ban for" presets={BAN_PRESETS} value={duration} onChange={setDuration} />
    </ActionDialog>
  );
}
