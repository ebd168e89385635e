import { useCallback } from 'react';
import { Link } from 'react-router';
import type { ConversationSummary } from '@staffroom/shared/schemas/consultations';
import { Alert } from '../../../components/alert';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { supportApi } from '../api/support-api';
import { useNow } from '../hooks/use-conversation-room';
import { useLiveReload } from '../hooks/use-live-reload';
import { formatStart, plural } from '../model/format';
import { formatDuration } from '../../../utils/format';
import type { Viewer } from '../model/viewer';
import { ProgrammeFacts } from './programme-card';
import { ReminderBanner } from './reminder-banner';
import '../consultations.css';

const loadTeacher = async () => {
  const [request, conversations] = await Promise.all([supportApi.myRequest(), supportApi.conversations()]);
  return { request: request.request, conversations: conversations.conversations };
};
const loadConsultant = async () => {
  const [offers, conversations, profile] = await Promise.all([
    supportApi.offers(),
    supportApi.conversations(),
    supportApi.profile(),
  ]);
  return { offers: offers.offers, conversations: conversations.conversations, profile: profile.profile };
};
const loadProgramme = () => supportApi.programme();

function NextCheckIn({ conversations }: { conversations: readonly ConversationSummary[] }) {
  const now = useNow();
  const next = conversations
    .filter((c) => c.nextCheckIn && c.status !== 'closed')
    .sort((a, b) => (a.nextCheckIn?.startsAt ?? 0) - (b.nextCheckIn?.startsAt ?? 0))[0];
  return (
    <>
      {next?.nextCheckIn && (
        <p className="summary__line">
          Next check-in: <strong>{formatStart(next.nextCheckIn.startsAt, now)}</strong> with {next.peerName} (
          {formatDuration(next.nextCheckIn.durationMinutes)})
        </p>
      )}
      <ReminderBanner conversations={conversations} />
    </>
  );
}

function TeacherSummary() {
  const { data, error, reload } = useResource(loadTeacher);
  const refresh = useCallback(() => reload(), [reload]);
  useLiveReload(['support:request'], refresh);
  if (error) return <Alert title="Your support could not be loaded">{error}</Alert>;
  if (!data) return <p className="loading">Loading…</p>;
  const current = data.conversations.filter((c) => c.status !== 'closed');
  return (
    <div className="summary">
      {current.map((c) => (
        <p key={c.id} className="summary__line">
          <Link to={paths.conversation.getHref(c.id)}>Support with {c.peerName}</Link>
          {c.status === 'closing' && ' · ending'}
        </p>
      ))}
      <NextCheckIn conversations={current} />
      {data.request && (
        <p className="summary__line">
          Your request:{' '}
          <strong>
            {data.request.status === 'offered'
              ? 'offered to a consultant'
              : 'waiting for a consultant with room'}
          </strong>
        </p>
      )}
      {!data.request && current.length === 0 && (
        <p className="empty">
          Confidential help from an experienced colleague who has taught what you teach.{' '}
          <Link to={paths.askSupport.getHref()}>Ask for support</Link>
        </p>
      )}
    </div>
  );
}

function ConsultantSummary() {
  const { data, error, reload } = useResource(loadConsultant);
  const refresh = useCallback(() => reload(), [reload]);
  useLiveReload(['support:offers'], refresh);
  if (error) return <Alert title="Your support work could not be loaded">{error}</Alert>;
  if (!data) return <p className="loading">Loading…</p>;
  const current = data.conversations.filter((c) => c.status !== 'closed');
  return (
    <div className="summary">
      {!data.profile && (
        <p className="summary__line">
          <Link to={paths.consultantProfile.getHref()}>Set up your consultant profile</Link> so requests can
          reach you.
        </p>
      )}
      <p className="summary__line">
        {data.offers.length > 0 ? (
          <strong>{plural(data.offers.length, 'request')} waiting for your answer</strong>
        ) : (
          'No requests waiting for your answer.'
        )}
      </p>
      <p className="summary__line">
        Caseload: {plural(current.length, 'teacher')}
        {data.profile ? ` of ${data.profile.capacity}` : ''}
        {data.profile?.paused ? ' · paused' : ''}
      </p>
      <NextCheckIn conversations={current} />
    </div>
  );
}

function CoordinatorSummary() {
  const { data, error } = useResource(loadProgramme);
  if (error) return <Alert title="The figures could not be loaded">{error}</Alert>;
  if (!data) return <p className="loading">Loading…</p>;
  return <ProgrammeFacts programme={data} compact />;
}

/** The home page's support card, for whoever is looking. Moderators have none: there is nothing to moderate. */
export function SupportSummary({ viewer }: { viewer: Viewer }) {
  return (
    <>
      {viewer.role === 'member' && <TeacherSummary />}
      {viewer.role === 'consultant' && <ConsultantSummary />}
      {viewer.role === 'admin' && <CoordinatorSummary />}
      <p className="dashboard__more">
        <Link to={paths.support.getHref()}>One-to-one support</Link>
      </p>
    </>
  );
}
