import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useBlocker, useParams } from 'react-router';
import { Alert, Status } from '../../../components/alert';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CrisisResources } from '../../../components/crisis-resources';
import { PageTitle } from '../../../components/page-title';
import { useServerInfo } from '../../../app/server-info';
import { paths } from '../../../config/paths';
import type { Identity } from '../../../lib/e2e-crypto';
import { useConnectionState } from '../../../lib/socket';
import { supportApi } from '../api/support-api';
import { CheckInsPanel } from '../components/checkins-panel';
import { ClosingPanel } from '../components/closing-panel';
import { ConvoComposer } from '../components/convo-composer';
import { ConvoFeed } from '../components/convo-feed';
import { CrisisNoticeDialog, RiskBanner, type RiskSubject } from '../components/crisis-notice';
import { FeedbackForm } from '../components/feedback-form';
import { GoalsPanel } from '../components/goals-panel';
import { PinnedIntake } from '../components/pinned-intake';
import { ReciprocalPair } from '../components/reciprocal-pair';
import { ResourcesPanel } from '../components/resources-panel';
import { ConversationReportDialog } from '../components/report-dialog';
import { SafetyCodeDialog } from '../components/safety-code-dialog';
import { ConversationBadge } from '../components/status-badge';
import { UnlockKeys } from '../components/unlock-keys';
import { useConversationRoom, useNow } from '../hooks/use-conversation-room';
import { useKeys } from '../keys/key-store';
import type { ConvoSnapshot, ShownMessage } from '../model/conversation-room';
import { crisisNotice, preloadCrisisGuard, type CrisisNotice } from '../model/crisis-check';
import { dueReminder, reminderText } from '../model/reminder';
import type { Viewer } from '../model/viewer';
import { ClockIcon, LockIcon } from '../components/icons';
import '../consultations.css';

/**
 * The server gives another key for the other person than the one this device pinned. It blocks sending until it
 * is acknowledged: a key reset explains it, but so would a server placing itself in between.
 */
function KeyChangedNotice({
  peer,
  onShowCode,
  onAcknowledge,
}: {
  peer: string;
  onShowCode: () => void;
  onAcknowledge: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel key-changed" role="alert" aria-labelledby="key-changed-title">
      <h2 id="key-changed-title" ref={heading} tabIndex={-1}>
        {peer}’s security key changed
      </h2>
      <p>
        The other person’s security key changed. This can happen after a key reset. If neither of you reset,
        stop and report.
      </p>
      <p>
        Until you continue, nothing is sent, and what {peer} sealed with the new key stays hidden. Compare the
        new safety code with {peer} (by phone or in person) before you share anything sensitive.
      </p>
      <div className="key-changed__actions">
        <Button variant="secondary" onClick={onShowCode}>
          Check the safety code
        </Button>
        <Button onClick={onAcknowledge}>I understand, continue with the new key</Button>
      </div>
    </section>
  );
}

/** Something the teacher wrote that the consultant's browser flagged, under a key that changes with the text. */
interface FlaggedItem {
  key: string;
  at: number;
  subject: RiskSubject;
  kind: Exclude<CrisisNotice, null>;
}

/**
 * What the teacher wrote that may signal risk, as the consultant's browser read it, oldest first: messages, goals
 * (a new version is a new item) and check-in notes (a changed note is a new item).
 */
function flaggedForConsultant(snapshot: ConvoSnapshot): FlaggedItem[] {
  const items: FlaggedItem[] = [];
  for (const m of snapshot.messages)
    if (m.signalsRisk) items.push({ key: `m:${m.seq}`, at: m.ts, subject: 'message', kind: 'self' });
  for (const g of snapshot.goals)
    if (g.signals)
      items.push({ key: `g:${g.id}:${g.updatedAt}`, at: g.updatedAt, subject: 'goal', kind: g.signals });
  for (const c of snapshot.checkIns)
    if (c.noteSignals)
      items.push({
        key: `c:${c.id}:${c.noteText?.length ?? 0}:${c.noteText?.slice(-40) ?? ''}`,
        at: 0,
        subject: 'note',
        kind: c.noteSignals,
      });
  // Notes carry no time: they count as the oldest, so a new message or goal is what the banner names.
  return items.sort((a, b) => a.at - b.at);
}

/** `/support/conversations/:id`: one end-to-end encrypted conversation, once this device holds the key. */
export function ConversationPage({ viewer }: { viewer: Viewer }) {
  const { id = '' } = useParams();
  const keys = useKeys(viewer);
  if (viewer.role !== 'member' && viewer.role !== 'consultant') {
    return (
      <>
        <PageTitle documentTitle="Not available">Not available to you</PageTitle>
        <p className="lead">
          One-to-one conversations can only be opened by the teacher and the consultant in them. Nobody else
          can read them, coordinators and moderators included.
        </p>
      </>
    );
  }
  if (keys.status !== 'ready' || !keys.identity) {
    return (
      <div className="support-narrow">
        <PageTitle documentTitle="Private conversation">Your private conversation</PageTitle>
        <UnlockKeys viewer={viewer} keys={keys} />
        <p className="aside">
          <Link to={paths.support.getHref()}>Back to one-to-one support</Link>
        </p>
      </div>
    );
  }
  return (
    <ConversationView key={`${id}:${keys.identity.publicKey}`} conversationId={id} identity={keys.identity} />
  );
}

function ConversationView({ conversationId, identity }: { conversationId: string; identity: Identity }) {
  const { room, snapshot } = useConversationRoom(conversationId, identity);
  const connected = useConnectionState() === 'connected';
  const [showCode, setShowCode] = useState(false);
  const [reporting, setReporting] = useState<ShownMessage | null>(null);
  const [feedbackSent, setFeedbackSent] = useState(false);
  const [feedbackSupport, setFeedbackSupport] = useState<SupportResource[] | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const crisisResources = useServerInfo()?.crisisResources ?? [];
  const [notice, setNotice] = useState<CrisisNotice>(null);
  /** What happened to the text the notice is about (a message sent, a goal or a note saved). */
  const [noticeSaved, setNoticeSaved] = useState<'message' | 'goal' | 'note' | 'too-long'>('message');
  /** What the consultant hid the banner for (`riskKeys`): anything flagged later shows it again. */
  const [riskHidden, setRiskHidden] = useState<ReadonlySet<string>>(() => new Set());
  const view = snapshot.view;
  const now = useNow(view !== null && snapshot.checkIns.some((c) => c.status === 'accepted'));

  const closedHeading = useRef<HTMLHeadingElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);
  const isClosed = view?.status === 'closed';
  // The button that ended it is gone with the dialog: continue from the "has ended" heading, not from nowhere.
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (isClosed && lost) closedHeading.current?.focus();
  }, [isClosed]);
  useEffect(() => {
    if (feedbackSent) thanks.current?.focus();
  }, [feedbackSent]);

  /**
   * The teacher's other texts here (a goal, a check-in's note) are checked like a message, before sealing, and the
   * same private notice follows; they are saved either way. Null when the guard could not load.
   */
  const checkWriting = useCallback(
    async <T,>(text: string, what: 'goal' | 'note', save: () => Promise<T>): Promise<T> => {
      if ((view?.role !== 'teacher' && !view?.reciprocal) || !text.trim()) return save();
      const shown = crisisNotice(text).catch(() => null);
      const saved = await save();
      const notice = await shown;
      if (notice) {
        setNoticeSaved(what);
        setNotice(notice);
      }
      return saved;
    },
    [view?.role, view?.reciprocal],
  );

  const send = useCallback(
    (text: string) => {
      // Checked before sealing; the message goes either way, and the dialog is for the writer only.
      void room.send(text).then((shown) => {
        if (shown) {
          setNoticeSaved('message');
          setNotice(shown);
        } else composer.current?.focus();
      });
    },
    [room],
  );

  /** The teacher's message over the limit: not sent, but checked as at sending, and the notice shown. */
  const tooLong = useCallback(
    (text: string) => {
      if (view?.role !== 'teacher' && !view?.reciprocal) return;
      void crisisNotice(text)
        .catch(() => null)
        .then((shown) => {
          if (!shown) return;
          setNoticeSaved('too-long');
          setNotice(shown);
        });
    },
    [view?.role, view?.reciprocal],
  );

  // What waits for the connection, and what is typed, live only in this page (nothing of a sealed conversation
  // is kept in the browser's storage): leaving before it is sent loses it, so ask first, in the app and on reload.
  const unsent = snapshot.outbox.some((e) => e.state !== 'sent');
  const leaving = useBlocker(
    ({ currentLocation, nextLocation }) =>
      currentLocation.pathname !== nextLocation.pathname &&
      (unsent || (composer.current?.value.trim() ?? '') !== ''),
  );
  useEffect(() => {
    if (!unsent) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsent]);

  if (snapshot.status === 'unavailable') {
    return (
      <>
        <PageTitle documentTitle="Conversation not available">This conversation is not available</PageTitle>
        <Alert>{snapshot.error}</Alert>
        <p>
          <Link to={paths.support.getHref()}>Back to one-to-one support</Link>
        </p>
      </>
    );
  }

  if (!view) {
    return (
      <>
        <PageTitle documentTitle="Private conversation">Your private conversation</PageTitle>
        <p className="loading" role="status">
          Opening and decrypting the conversation…
        </p>
      </>
    );
  }

  const peer = view.peer.name;
  const teacher = view.role === 'teacher';
  /** Writes about themself here: a teacher, or either side of a reciprocal pair (two teachers). */
  const writer = teacher || view.reciprocal !== null;
  const closed = view.status === 'closed';
  const writable = !closed && !snapshot.peerKeyMissing && !snapshot.keyChanged;
  // A check-in of a conversation that has ended is not going to happen: no reminder for it.
  const due = closed ? null : dueReminder(snapshot.checkIns, now);
  const risks = flaggedForConsultant(snapshot);
  const shownRisk = risks.findLast((r) => !riskHidden.has(r.key));
  // Reciprocal mentorship: two teachers, both learners, whichever side of the record each is.
  const title = view.reciprocal
    ? `Reciprocal mentorship with ${peer}`
    : teacher
      ? `Support with ${peer}`
      : `Supporting ${peer}`;

  return (
    <>
      <header className="convo-head">
        <p className="convo-head__eyebrow">
          One-to-one support <ConversationBadge status={view.status} />
        </p>
        <PageTitle documentTitle={title}>{title}</PageTitle>
        <div className="privacy-line">
          <LockIcon className="privacy-line__icon" />
          <p className="privacy-line__text">
            Only you and {peer} can read this conversation. Staffroom’s servers, coordinators and moderators
            cannot.
          </p>
          <Button variant="secondary" className="privacy-line__button" onClick={() => setShowCode(true)}>
            Check the safety code
          </Button>
        </div>
        {(teacher || view.reciprocal) && (
          <p className="convo-head__alias">
            {view.reciprocal ? 'Your partner' : 'Your consultant'} sees you as <strong>{view.seenAs}</strong>,
            a name for this conversation only.
          </p>
        )}
      </header>

      {view.reciprocal ? (
        <ReciprocalPair pair={view.reciprocal} peer={peer} />
      ) : (
        <PinnedIntake view={view} note={snapshot.intakeNote} />
      )}

      {/* Always present, so the reminder is announced when it appears. */}
      <div role="status" className="reminder-slot">
        {due && (
          <p className={`reminder reminder--${due.reminder.kind}`}>
            <ClockIcon className="reminder__icon" />
            {reminderText(due.reminder, due.checkIn, peer)}
          </p>
        )}
      </div>

      {/* Always present, so the banner is announced when a message flagged on receipt arrives. */}
      <div role="status" className="risk-slot">
        {(view.role === 'consultant' || view.reciprocal) && shownRisk && (
          <RiskBanner
            resources={crisisResources}
            subject={shownRisk.subject}
            kind={shownRisk.kind}
            onHide={() => setRiskHidden(new Set(risks.map((r) => r.key)))}
          />
        )}
      </div>

      {snapshot.keyChanged && (
        <KeyChangedNotice
          peer={peer}
          onShowCode={() => setShowCode(true)}
          onAcknowledge={() => {
            room.acknowledgeKeyChange();
            requestAnimationFrame(() => composer.current?.focus());
          }}
        />
      )}
      {snapshot.peerKeyMissing && !closed && (
        <Status title={`${peer} has not set up their private key yet`}>
          Nothing can be encrypted for them until they next log in, which makes their key. Come back after
          that; your conversation is waiting.
        </Status>
      )}
      {view.status === 'closing' && (
        <Status
          title={teacher ? `${peer} proposed to taper off and end` : 'You proposed to taper off and end'}
        >
          {teacher
            ? 'If your needs are met, confirm the end in “Ending the support”. If not, just say so here and carry on.'
            : `Waiting for ${peer} to confirm. You can keep talking meanwhile.`}
        </Status>
      )}
      {closed && (
        <section className="panel convo-closed" aria-labelledby="closed-title">
          <h2 id="closed-title" ref={closedHeading} tabIndex={-1}>
            {view.reciprocal ? 'This pairing has ended' : 'This support has ended'}
          </h2>
          <p>
            {view.blocked ? 'It was ended by a block: the two of you will not be matched again. ' : ''}
            {view.reciprocal && !view.blocked
              ? view.closeProposedBy === view.role
                ? 'You ended the pairing. '
                : `${peer} ended the pairing. `
              : ''}
            The conversation stays here, read-only, for both of you. Nothing new can be added.
          </p>
          {teacher && !view.feedbackDone && !feedbackSent && (
            <div className="feedback">
              <h3 className="feedback__title">How was it? (anonymous)</h3>
              <p className="feedback__why">
                Your answer is stored without your account or this conversation, and coordinators only ever
                see it in totals of 5 or more answers. It helps the programme, never evaluates anyone.
              </p>
              <FeedbackForm
                onSubmit={async (body) => {
                  const { support } = await supportApi.feedback(conversationId, body);
                  setFeedbackSupport(support?.length ? support : null);
                  setFeedbackSent(true);
                  room.sync();
                }}
              />
            </div>
          )}
          {teacher && feedbackSent && (
            <p ref={thanks} tabIndex={-1} className="notice notice--success">
              Thank you. Your feedback was stored without your name.
            </p>
          )}
          {teacher && feedbackSent && feedbackSupport && (
            <div className="request__urgent">
              <p>
                What you wrote sounds heavy. You do not have to carry it alone: these people can listen right
                now, in confidence.
              </p>
              <CrisisResources resources={feedbackSupport} />
            </div>
          )}
          {(teacher || view.reciprocal) && (
            <p>
              Would you like support again, now or later?{' '}
              <Link to={paths.askSupport.getHref()}>Ask for support</Link>
            </p>
          )}
        </section>
      )}

      <div className="convo-layout">
        <section className="convo-main" aria-label="Messages">
          <ConvoFeed
            messages={snapshot.messages}
            outbox={snapshot.outbox}
            peerName={peer}
            loading={snapshot.status === 'opening'}
            connected={connected}
            onReport={setReporting}
            onRetry={(clientId) => room.retry(clientId)}
            onDiscard={(clientId) => room.discard(clientId)}
          />
          {writable ? (
            <ConvoComposer
              peerName={peer}
              onSend={send}
              inputRef={composer}
              warnIdentifying={writer}
              onWriting={writer ? preloadCrisisGuard : undefined}
              onTooLong={tooLong}
            />
          ) : (
            <p className="convo-readonly">
              {closed
                ? 'Read-only: this support has ended.'
                : snapshot.keyChanged
                  ? `Sending is paused until you have read the notice about ${peer}’s security key.`
                  : `You can write once ${peer} has set up their key.`}
            </p>
          )}
        </section>
        <aside className="convo-side" aria-label="Goals, check-ins, resources and ending">
          <GoalsPanel
            goals={snapshot.goals}
            writable={writable}
            warnIdentifying={writer}
            onSave={(goal, goalId) =>
              checkWriting(`${goal.title}\n${goal.notes.at(-1)?.text ?? ''}`, 'goal', () =>
                room.saveGoal(goal, goalId),
              )
            }
          />
          <CheckInsPanel
            checkIns={snapshot.checkIns}
            closed={closed}
            role={view.role}
            warnIdentifying={writer}
            peer={peer}
            writable={writable}
            onPropose={(startsAt, minutes, note, type) =>
              checkWriting(note, 'note', () => room.proposeCheckIn(startsAt, minutes, note, type))
            }
            onAnswer={(checkInId, action) => room.answerCheckIn(checkInId, action)}
            onSaveNote={(checkInId, note) =>
              checkWriting(note, 'note', () => room.saveCheckInNote(checkInId, note))
            }
          />
          <ResourcesPanel
            resources={snapshot.resources}
            peer={peer}
            writable={writable}
            actions={{
              shareLink: (title, url) => room.shareLink(title, url),
              shareDocument: (title, name, mime, bytes) => room.shareDocument(title, name, mime, bytes),
              openDocument: (id) => room.openSharedDocument(id),
              remove: (id) => room.removeResource(id),
            }}
          />
          <ClosingPanel
            view={view}
            onProposeClose={() => room.proposeClose()}
            onConfirmClose={() => room.confirmClose()}
            onBlock={() => room.block()}
          />
          <p className="aside">
            <Link to={paths.support.getHref()}>Back to one-to-one support</Link>
          </p>
        </aside>
      </div>

      {/* New messages and changes by the other person, announced politely: the log itself is not live. */}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {snapshot.announcement && <p key={snapshot.announcement.id}>{snapshot.announcement.text}</p>}
      </div>

      {leaving.state === 'blocked' && (
        <ConfirmDialog
          title="Leave before your message is sent?"
          confirmLabel="Leave anyway"
          onConfirm={() => leaving.proceed()}
          onCancel={() => leaving.reset()}
        >
          <p>
            What you wrote to {peer} has not been sent yet: it is waiting for the connection, or still in the
            box. It is kept only on this page, so if you leave now, it is lost.
          </p>
        </ConfirmDialog>
      )}
      {showCode && (
        <SafetyCodeDialog
          conversationId={conversationId}
          myPublicKey={identity.publicKey}
          peerPublicKey={view.peer.publicKey}
          peerName={peer}
          onClose={() => setShowCode(false)}
        />
      )}
      {notice && (
        <CrisisNoticeDialog
          notice={notice}
          resources={crisisResources}
          sent={
            noticeSaved === 'message'
              ? `Your message is on its way to ${peer}, as you wrote it.`
              : noticeSaved === 'too-long'
                ? `Your message was not sent yet: it is longer than a message may be. Shorten it or split it, and ${peer} will read it.`
                : `Your ${noticeSaved} was saved as you wrote it; ${peer} can read it.`
          }
          onClose={() => {
            setNotice(null);
            requestAnimationFrame(() => composer.current?.focus());
          }}
        />
      )}
      {reporting && (
        <ConversationReportDialog
          peerName={peer}
          onReport={(reason, note, confirm) => room.report(reporting.seq, reason, note, confirm)}
          onClose={() => setReporting(null)}
        />
      )}
    </>
  );
}
