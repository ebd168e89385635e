import { useState } from 'react';
import type { CreateMeetingBody, GroupDetail, Meeting } from '@staffroom/shared/schemas/groups';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { groupsApi } from '../api/groups-api';
import { formatMeetingStart } from '../model/format';
import { MeetingForm } from './meeting-form';
import { MeetingList } from './meeting-list';
import { UsefulQuestion } from './session-actions';
import { Modal } from '../../../components/modal';

/** A group's upcoming sessions; coordinators also schedule and cancel them here. */
export function GroupSessions({
  group,
  manage,
  hostName,
  onChanged,
}: {
  group: GroupDetail;
  /** Coordinators: show "Schedule a session" and "Cancel". */
  manage: boolean;
  hostName: string;
  onChanged: () => void;
}) {
  const [cancelling, setCancelling] = useState<Meeting | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const schedule = async (body: CreateMeetingBody) => {
    const { meeting } = await groupsApi.addMeeting(group.id, body);
    setMessage({
      tone: 'success',
      text: `“${meeting.title}” is scheduled for ${formatMeetingStart(meeting.startsAt)}.`,
    });
    onChanged();
  };

  const cancel = async (meeting: Meeting) => {
    setBusy(true);
    try {
      await groupsApi.cancelMeeting(group.id, meeting.id);
      setMessage({ tone: 'success', text: `“${meeting.title}” was cancelled.` });
      onChanged();
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof Error ? err.message : 'It could not be cancelled.' });
    } finally {
      setBusy(false);
      setCancelling(null);
    }
  };

  return (
    <section className="side-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="side-section__title">
        Upcoming sessions
      </h2>
      {message &&
        (message.tone === 'error' ? (
          <Alert>{message.text}</Alert>
        ) : (
          <Status tone="success">{message.text}</Status>
        ))}
      <MeetingList
        meetings={group.meetings}
        onCancel={manage ? setCancelling : undefined}
        {...(group.isMember ? { groupId: group.id } : {})}
      />
      {(group.endedMeetings ?? []).map((m) =>
        group.isMember || manage ? (
          <UsefulQuestion
            key={m.id}
            groupId={group.id}
            meeting={m}
            canSeeResult={manage || m.host === hostName}
          />
        ) : null,
      )}
      {manage && (
        <details className="disclosure">
          <summary className="disclosure__summary">Schedule a session</summary>
          <div className="disclosure__body">
            <MeetingForm defaultHost={hostName} onSubmit={schedule} />
          </div>
        </details>
      )}
      {cancelling && (
        <Modal
          role="alertdialog"
          title="Cancel this session?"
          description={
            <p>
              “{cancelling.title}” on {formatMeetingStart(cancelling.startsAt)} will disappear from the group
              and from everyone’s week.
            </p>
          }
          onClose={() => setCancelling(null)}
          actions={
            <>
              <Button variant="secondary" data-autofocus="" onClick={() => setCancelling(null)}>
                Keep it
              </Button>
              <Button
                variant="danger"
                busy={busy}
                busyLabel="Cancelling…"
                onClick={() => void cancel(cancelling)}
              >
                Cancel session
              </Button>
            </>
          }
        />
      )}
    </section>
  );
}
