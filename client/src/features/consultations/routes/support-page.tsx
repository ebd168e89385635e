import { useCallback, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert, Status } from '../../../components/alert';
import { PageTitle } from '../../../components/page-title';
import { useServerInfo } from '../../../app/server-info';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { supportApi } from '../api/support-api';
import { CheckInCalendar } from '../components/checkin-calendar';
import { ConversationList } from '../components/conversation-list';
import { CrisisNoticeDialog } from '../components/crisis-notice';
import type { CrisisNotice } from '../model/crisis-check';
import { OfferCard } from '../components/offer-card';
import { ProgrammeFacts } from '../components/programme-card';
import { ReminderBanner } from '../components/reminder-banner';
import { RequestStatus } from '../components/request-status';
import { ReciprocalForm } from '../components/reciprocal-form';
import { CaseloadPanel } from '../components/caseload-panel';
import { UnlockKeys } from '../components/unlock-keys';
import { UnmatchedRequests } from '../components/unmatched-requests';
import { useKeys } from '../keys/key-store';
import { useCheckInCalendar } from '../hooks/use-check-in-calendar';
import { useNow } from '../hooks/use-conversation-room';
import { useLiveReload } from '../hooks/use-live-reload';
import { plural } from '../model/format';
import type { ReciprocalBody, Widen } from '@staffroom/shared/schemas/consultations';
import type { Viewer } from '../model/viewer';
import '../consultations.css';

const loadRequest = () => supportApi.myRequest().then((r) => r.request);
const loadConversations = () => supportApi.conversations().then((r) => r.conversations);
const loadOffers = () => supportApi.offers().then((r) => r.offers);
const loadProfile = () => supportApi.profile().then((r) => r.profile);
const loadProgramme = () => supportApi.programme();
const loadUnmatched = () => supportApi.unmatched().then((r) => r.requests);

/** `/support`: what one-to-one support looks like for whoever is looking. */
export function SupportPage({ viewer }: { viewer: Viewer }) {
  const location = useLocation();
  const navigate = useNavigate();
  const state = location.state as { notice?: string; crisis?: CrisisNotice } | null;
  const notice = state?.notice ?? null;
  // The crisis dialog is shown once, right after the intake: a reload (the history keeps its state) or a
  // return to this page later must not bring it back, least of all once the request has been matched.
  const crisisSeen = () =>
    void navigate(location.pathname, { replace: true, state: notice ? { notice } : null });
  return (
    <>
      <PageTitle documentTitle="One-to-one support">One-to-one support</PageTitle>
      {viewer.role === 'member' && (
        <TeacherSupport notice={notice} crisis={state?.crisis ?? null} onCrisisSeen={crisisSeen} />
      )}
      {viewer.role === 'consultant' && <ConsultantSupport viewer={viewer} />}
      {viewer.role === 'admin' && <CoordinatorSupport />}
      {viewer.role === 'moderator' && (
        <p className="lead">
          One-to-one support is private between a teacher and their consultant. Nobody else can read it — not
          moderators, not coordinators, not Staffroom’s servers — so there is nothing here to moderate. If a
          participant reports a conversation, their reason and their own note (never its messages) reach your
          report queue; coordinators only learn that a report was made.
        </p>
      )}
      <p className="aside">
        Think support could help a colleague?{' '}
        <Link to={paths.referSupport.getHref()}>Make them a link with the reasons ticked</Link> — you will
        never learn whether they use it.
      </p>
    </>
  );
}

function TeacherSupport({
  notice,
  crisis,
  onCrisisSeen,
}: {
  notice: string | null;
  crisis: CrisisNotice;
  onCrisisSeen: () => void;
}) {
  const navigate = useNavigate();
  // Right after an intake whose note suggests risk: the contacts at once, for the teacher only.
  const [crisisShown, setCrisisShown] = useState<CrisisNotice>(crisis);
  const crisisResources = useServerInfo()?.crisisResources ?? [];
  const request = useResource(loadRequest);
  const conversations = useResource(loadConversations);
  const reloadRequest = request.reload;
  const reloadConversations = conversations.reload;
  const reload = useCallback(() => {
    reloadRequest();
    reloadConversations();
  }, [reloadRequest, reloadConversations]);
  useLiveReload(['support:request'], reload);

  const withdraw = async () => {
    await supportApi.withdraw();
    reload();
  };
  const widen = async (w: Widen) => {
    await supportApi.widen(w);
    reload();
  };
  const optIn = async (body: ReciprocalBody) => {
    const { request: made } = await supportApi.reciprocal(body);
    if (made.conversationId) navigate(paths.conversation.getHref(made.conversationId));
    else reload();
  };

  const open = request.data;
  const list = conversations.data ?? [];
  const current = list.filter((c) => c.status !== 'closed');
  const ended = list.filter((c) => c.status === 'closed');
  const loading =
    (request.loading && request.data === null) || (conversations.loading && !conversations.data);

  return (
    <>
      <p className="lead">
        A confidential, non-evaluative collaboration with an experienced colleague who has taught what you
        teach. Nothing you say reaches your principal, an evaluator or anyone at your school.
      </p>
      {/* "Your request is in" while it is open; once matched, the conversation speaks for itself. */}
      {notice && open && <Status tone="success">{notice}</Status>}
      {crisisShown && (
        <CrisisNoticeDialog
          notice={crisisShown}
          resources={crisisResources}
          sent={
            crisisShown === 'self'
              ? 'Your request is in, marked urgent so it is offered first; your note stays sealed.'
              : 'Your request is in.'
          }
          onClose={() => {
            setCrisisShown(null);
            onCrisisSeen();
          }}
        />
      )}
      <ReminderBanner conversations={list} />
      {request.error && <Alert title="Your request could not be loaded">{request.error}</Alert>}
      {conversations.error && (
        <Alert title="Your conversations could not be loaded">{conversations.error}</Alert>
      )}
      {loading && (
        <p className="loading" role="status">
          Loading…
        </p>
      )}

      {open && (
        <section className="section panel" aria-labelledby="request-title">
          <h2 id="request-title">Your request</h2>
          <RequestStatus request={open} onWithdraw={withdraw} onWiden={widen} />
        </section>
      )}

      {current.length > 0 && (
        <section className="section" aria-labelledby="current-title">
          <h2 id="current-title">Your support</h2>
          <ConversationList conversations={current} />
        </section>
      )}

      {!loading && !open && current.length === 0 && !request.error && (
        <section className="section panel support-ask" aria-labelledby="ask-title">
          <h2 id="ask-title">
            {ended.length > 0 ? 'Would you like support again?' : 'Would a colleague help?'}
          </h2>
          <p>
            Tell us a little about what you teach and what you would like help with — no names, schools or
            places. We offer your request to a consultant who has taught similar grades or subjects. You can
            withdraw it at any time.
          </p>
          <Link to={paths.askSupport.getHref()} className="button button--primary">
            Ask for support
          </Link>
        </section>
      )}

      {!loading && !open && !request.error && (
        <section className="section panel support-reciprocal" aria-labelledby="reciprocal-title">
          <h2 id="reciprocal-title">Reciprocal mentorship</h2>
          <p>
            Trade strengths with a colleague from another school: perhaps you are fluent with classroom
            technology and would like ideas on classroom management, and they the other way round. You are
            paired both ways: both of you learn, and both set goals.
          </p>
          <ReciprocalForm onSubmit={optIn} />
        </section>
      )}

      {ended.length > 0 && (
        <section className="section" aria-labelledby="ended-title">
          <h2 id="ended-title">Ended</h2>
          <ConversationList conversations={ended} />
        </section>
      )}

      <HowItWorks />
    </>
  );
}

function HowItWorks() {
  return (
    <section className="section panel support-how" aria-labelledby="how-title">
      <h2 id="how-title">How it works</h2>
      <ol className="steps">
        <li>You ask, saying what you teach and what you would like help with. No names, no school.</li>
        <li>
          A consultant who taught similar grades or subjects, and has room, is offered your request and
          accepts it.
        </li>
        <li>
          You talk in a private conversation that is encrypted on your device: only the two of you can read
          it. Not Staffroom’s servers, not coordinators, not moderators.
        </li>
        <li>Together you agree goals, track progress and plan check-ins.</li>
        <li>
          When your needs are met, the support tapers off and ends. You can then give anonymous feedback.
        </li>
      </ol>
    </section>
  );
}

function ConsultantSupport({ viewer }: { viewer: Viewer }) {
  const navigate = useNavigate();
  const keys = useKeys(viewer);
  const identity = keys.status === 'ready' ? keys.identity : null;
  const profile = useResource(loadProfile);
  const offers = useResource(loadOffers);
  const conversations = useResource(loadConversations);
  const reloadOffers = offers.reload;
  const reloadConversations = conversations.reload;
  const reloadProfile = profile.reload;
  const reload = useCallback(() => {
    reloadOffers();
    reloadConversations();
    reloadProfile();
  }, [reloadOffers, reloadConversations, reloadProfile]);
  useLiveReload(['support:offers'], reload);
  const calendar = useCheckInCalendar(conversations.data);

  const list = conversations.data ?? [];
  const current = list.filter((c) => c.status !== 'closed');
  const ended = list.filter((c) => c.status === 'closed');
  const p = profile.data;

  const accept = async (requestId: string) => {
    const { conversationId } = await supportApi.accept(requestId);
    if (conversationId) navigate(paths.conversation.getHref(conversationId));
    else reload();
  };
  const decline = async (requestId: string) => {
    await supportApi.decline(requestId);
    reload();
  };

  return (
    <>
      <ReminderBanner conversations={list} />
      <p className="lead">
        Requests that fit what you have taught come to you here. Everything you and a teacher write is
        encrypted on your devices: only the two of you can read it.
      </p>

      <section className="section panel" aria-labelledby="profile-title">
        <h2 id="profile-title">Your profile</h2>
        {profile.error && <Alert title="Your profile could not be loaded">{profile.error}</Alert>}
        {profile.loading && !p && !profile.error && <p className="loading">Loading your profile…</p>}
        {!profile.loading && !p && !profile.error && (
          <p>
            Requests reach you once your profile says what you have taught and how many teachers you can
            support.
          </p>
        )}
        {p && (
          <p>
            {p.paused ? (
              <>
                <span className="badge support-badge support-badge--paused">Paused</span> No new requests
                reach you.
              </>
            ) : (
              <>
                <span className="badge support-badge support-badge--active">Taking requests</span>{' '}
                {`Supporting ${p.active} of ${plural(p.capacity, 'teacher')}.`}
              </>
            )}
          </p>
        )}
        <Link
          to={paths.consultantProfile.getHref()}
          className={p ? 'button button--secondary' : 'button button--primary'}
        >
          {p ? 'Edit your profile' : 'Set up your profile'}
        </Link>
        <Link to={paths.consultantRecord.getHref()} className="button button--quiet">
          Your record of support
        </Link>
      </section>

      <section className="section" aria-labelledby="offers-title">
        <h2 id="offers-title">Requests offered to you</h2>
        {offers.error && <Alert title="Requests could not be loaded">{offers.error}</Alert>}
        {offers.data === null && !offers.error && <p className="loading">Loading requests…</p>}
        {offers.data?.length === 0 && (
          <p className="empty">
            No requests are waiting for your answer. New ones appear here by themselves.
          </p>
        )}
        {!identity && offers.data?.some((o) => o.noteState === 'sealed') && (
          <UnlockKeys viewer={viewer} keys={keys} />
        )}
        {offers.data && offers.data.length > 0 && (
          <ul className="offers">
            {offers.data.map((o) => (
              <li key={o.requestId}>
                <OfferCard
                  offer={o}
                  identity={identity}
                  onAccept={() => accept(o.requestId)}
                  onDecline={() => decline(o.requestId)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="support-columns">
        <section className="section" aria-labelledby="caseload-title">
          <h2 id="caseload-title">Your caseload</h2>
          {conversations.error && (
            <Alert title="Your conversations could not be loaded">{conversations.error}</Alert>
          )}
          {conversations.data && current.length === 0 && (
            <p className="empty">Nobody yet. When you accept a request, the conversation appears here.</p>
          )}
          {current.length > 0 && <CaseloadPanel conversations={current} reloadKey={conversations.data} />}
        </section>
        <section className="section" aria-labelledby="calendar-title">
          <h2 id="calendar-title">Upcoming check-ins</h2>
          {calendar.error && <p className="empty">{calendar.error}</p>}
          {calendar.entries === null ? (
            <p className="loading">Loading check-ins…</p>
          ) : (
            <CheckInCalendar entries={calendar.entries} />
          )}
        </section>
      </div>

      {ended.length > 0 && (
        <section className="section" aria-labelledby="ended-title">
          <h2 id="ended-title">Ended</h2>
          <ConversationList conversations={ended} />
        </section>
      )}
    </>
  );
}

function CoordinatorSupport() {
  const programme = useResource(loadProgramme);
  const unmatched = useResource(loadUnmatched);
  const reloadAll = () => {
    unmatched.reload();
    programme.reload();
  };
  // Coordinators get no live notice of others' requests: the list loads again after a reconnection.
  useLiveReload([], reloadAll);
  const now = useNow(true, 30_000);
  return (
    <>
      <p className="lead">
        How the one-to-one programme is doing, in numbers only. Conversations are end-to-end encrypted: you
        cannot read them, and you never see who asked for support.
      </p>
      <section className="section panel" aria-labelledby="programme-title">
        <h2 id="programme-title">One-to-one support at a glance</h2>
        {programme.error && <Alert title="The figures could not be loaded">{programme.error}</Alert>}
        {programme.data ? (
          <ProgrammeFacts programme={programme.data} />
        ) : (
          !programme.error && <p className="loading">Loading…</p>
        )}
      </section>
      <section className="section panel" aria-labelledby="unmatched-title">
        <h2 id="unmatched-title">Waiting with no consultant</h2>
        <p>
          Requests no consultant could be offered, urgent first, and why. You see the name each request has
          for its consultant, never who asked, and never their note.
        </p>
        {unmatched.error && <Alert title="The list could not be loaded">{unmatched.error}</Alert>}
        {unmatched.data ? (
          <UnmatchedRequests requests={unmatched.data} now={now} onChanged={reloadAll} />
        ) : (
          !unmatched.error && <p className="loading">Loading…</p>
        )}
      </section>
    </>
  );
}
