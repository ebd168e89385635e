import { useRef } from 'react';
import type { MemberRow } from '@staffroom/shared/schemas/moderation';
import { Button } from '../../../components/button';
import { formatDateTime } from '../../../utils/format';
import { moderationApi } from '../api/moderation-api';
import { describeMinutes } from '../model/durations';
import { ActionDialog } from './action-dialog';
import type { GroupTools } from './group-context';
import { BanDialog, MuteDialog } from './member-dialogs';
import { ModTableHead } from './mod-table-head';

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** "14:05" today, else the date and time. */
function untilText(ms: number, now: number): string {
  return new Date(ms).toDateString() === new Date(now).toDateString() ? clock.format(ms) : formatDateTime(ms);
}

/**
 * Everyone in the group, with their badges and mute, and the actions on them. A real table (the stacked cards at
 * phone width keep its semantics); each button names its member for screen readers.
 */
export function MembersTable({
  tools,
  members,
  now,
}: {
  tools: GroupTools;
  members: readonly MemberRow[];
  now: number;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { groupId, groupName } = tools;
  const backToHeading = () => heading.current;

  const mute = (m: MemberRow) =>
    tools.ask((close) => (
      <MuteDialog
        member={m}
        groupName={groupName}
        onClose={close}
        onMute={async (minutes, reason) => {
          await moderationApi.mute(groupId, m.tag, minutes, reason);
          tools.done(`${m.name} is muted in ${groupName} for ${describeMinutes(minutes)}.`);
        }}
      />
    ));
  const unmute = (m: MemberRow) =>
    tools.ask((close) => (
      <ActionDialog
        title={`Unmute ${m.name}?`}
        description={<p>They can post in {groupName} again at once.</p>}
        askReason={false}
        tone="primary"
        confirmLabel={`Unmute ${m.name}`}
        busyLabel="Unmuting…"
        onConfirm={async () => {
          await moderationApi.unmute(groupId, m.tag);
          tools.done(`${m.name} can post in ${groupName} again.`);
        }}
        onClose={close}
      />
    ));
  const kick = (m: MemberRow) =>
    tools.ask((close) => (
      <ActionDialog
        title={`Remove ${m.name} from ${groupName}?`}
        description={
          <p>
            They leave the group on every device at once and are told why. This is a kick, not a ban: they may
            join again.
          </p>
        }
        reasonHint="Recorded in the audit log. The member is told this reason with the notice."
        confirmLabel={`Remove ${m.name}`}
        busyLabel="Removing…"
        fallbackFocus={backToHeading}
        onConfirm={async (reason) => {
          await moderationApi.kick(groupId, m.tag, reason);
          tools.done(`${m.name} was removed from ${groupName}. They may rejoin.`);
        }}
        onClose={close}
      />
    ));
  const ban = (m: MemberRow, global: boolean) =>
    tools.ask((close) => (
      <BanDialog
        member={m}
        groupName={groupName}
        global={global}
        onClose={close}
        fallbackFocus={backToHeading}
        onBan={async (minutes, reason) => {
          await moderationApi.ban(groupId, m.tag, minutes, reason, global);
          const span = minutes === null ? 'permanently' : `for ${describeMinutes(minutes)}`;
          tools.done(
            global
              ? `${m.name} is banned from Staffroom ${span}.`
              : `${m.name} is banned from ${groupName} ${span}.`,
          );
        }}
      />
    ));

  return (
    <section className="mod-panel" aria-labelledby="members-title">
      <h3 id="members-title" ref={heading} tabIndex={-1}>
        Members <span className="mod-count">({members.length})</span>
      </h3>
      {members.length === 0 ? (
        <p className="empty">Nobody has joined this group yet.</p>
      ) : (
        <table className="mod-table" role="table">
          <caption className="visually-hidden">Members of {groupName}, with their status and actions</caption>
          <ModTableHead columns={['Member', 'Status', 'Actions']} />
          <tbody role="rowgroup">
            {members.map((m) => {
              const muted = m.mutedUntil !== null && m.mutedUntil > now;
              return (
                <tr key={m.tag} role="row">
                  <th role="rowheader" scope="row" data-label="Member" className="mod-table__name">
                    {m.name}
                    {m.isModerator && <span className="badge badge--role mod-badge">Moderator</span>}
                  </th>
                  <td role="cell" data-label="Status">
                    {muted && m.mutedUntil !== null ? (
                      <span className="mod-muted">Muted until {untilText(m.mutedUntil, now)}</span>
                    ) : (
                      <span className="mod-dim">Can post</span>
                    )}
                  </td>
                  <td role="cell" data-label="Actions">
                    <div className="mod-row-actions">
                      {/* Moderators post through mutes, lock and slow mode: muting one would do nothing. */}
                      {m.isModerator ? null : muted ? (
                        <Button variant="secondary" onClick={() => unmute(m)}>
                          Unmute<span className="visually-hidden"> {m.name}</span>
                        </Button>
                      ) : (
                        <Button variant="secondary" onClick={() => mute(m)}>
                          Mute<span className="visually-hidden"> {m.name}</span>
                        </Button>
                      )}
                      <Button variant="secondary" onClick={() => kick(m)}>
                        Kick<span className="visually-hidden"> {m.name}</span>
                      </Button>
                      <Button variant="secondary" onClick={() => ban(m, false)}>
                        Ban<span className="visually-hidden"> {m.name}</span>
                      </Button>
                      {tools.isAdmin && (
                        <Button variant="quiet" className="mod-global-ban" onClick={() => ban(m, true)}>
                          Ban from Staffroom<span className="visually-hidden"> ({m.name})</span>
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
