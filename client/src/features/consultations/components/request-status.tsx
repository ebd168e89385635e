import '../pairing.css';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  RECIPROCAL_AREA_LABELS,
  REASON_LABELS,
  type MyRequest,
  type NearestMatch,
  type Reason,
  type UnmatchedReason,
  type Widen,
} from '@staffroom/shared/schemas/consultations';
import { TOPICS, type Topic } from '@staffroom/shared/schemas/groups';
import { paths } from '../../../config/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CrisisResources } from '../../../components/crisis-resources';
import { useServerInfo } from '../../../app/server-info';
import { formatDateTime } from '../../../utils/format';

const STATUS: Record<'offered' | 'waiting', { badge: string; text: string }> = {
  offered: {
    badge: 'Offered to a consultant',
    text: 'A consultant who fits what you asked for has been offered your request. They have up to a day to answer; if they cannot take it on, it passes to the next one who fits. You will see the conversation here as soon as someone accepts.',
  },
  waiting: {
    badge: 'Waiting for a consultant with room',
    text: 'Every consultant who fits is busy or away just now. Your request waits, and goes to the first one who has room. Nothing else is needed from you.',
  },
};

/** Why a waiting request has no consultant yet, said honestly, with who knows. */
const WAITING_TEXT: Record<UnmatchedReason, string> = {
  'no-coverage':
    'No consultant covers the grade band and subject you chose yet. The coordinators can see that your request is waiting (never what you wrote, never who you are) and can ask a consultant to take it on.',
  excluded:
    'The consultants who fit are from your school or district, so they are never offered your request. The coordinators can see that it is waiting (never what you wrote, never who you are) and can ask another consultant to take it on.',
  declined:
    'The consultants who fit could not take it on. The coordinators can see that your request is waiting (never what you wrote, never who you are) and can ask a consultant to take it on.',
  unavailable:
    'Every consultant who fits is busy or away just now. Your request goes to the first one who has room, and the coordinators can see that it is waiting. Nothing else is needed from you.',
};

const isTopic = (r: Reason): r is Reason & Topic => (TOPICS as readonly string[]).includes(r);
const WIDEN_ACTION: Record<Widen, string> = {
  grade: 'Yes, another grade band is fine',
  subject: 'Yes, another subject is fine',
};

/**
 * The nearer matches a teacher may accept when nobody covers their request, and support groups meanwhile. Nothing
 * is widened unless the teacher presses the button: the request is never given to someone else silently.
 */
function NearestMatches({
  nearest,
  reasons,
  onWiden,
}: {
  nearest: readonly NearestMatch[];
  reasons: readonly Reason[];
  onWiden: (widen: Widen) => Promise<void>;
}) {
  const [busy, setBusy] = useState<Widen | null>(null);
  const [error, setError] = useState<string | null>(null);
  const topics = reasons.filter(isTopic);
  const widen = async (w: Widen) => {
    setBusy(w);
    setError(null);
    try {
      await onWiden(w);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'That did not work. Try again.');
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="request__nearest">
      {nearest.length > 0 && (
        <>
          <h3 className="request__nearest-title">The nearest match</h3>
          <p>
            Nobody covers exactly what you asked for, but{' '}
            {nearest.length === 1 ? 'someone comes' : 'some come'} close. Your request goes to one of them
            only if you say yes here; until then it stays as you asked.
          </p>
          <ul className="request__options">
            {nearest.map((n) => (
              <li key={n.widen}>
                <p>
                  A consultant who knows <strong>{n.matchedOn}</strong>.
                </p>
                <Button
                  variant="secondary"
                  busy={busy === n.widen}
                  busyLabel="Asking…"
                  onClick={() => void widen(n.widen)}
                >
                  {WIDEN_ACTION[n.widen]}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && <Alert title="Not changed">{error}</Alert>}
      <p>
        Meanwhile, a support group may help:{' '}
        {topics.length > 0 ? (
          topics.map((t, i) => (
            <span key={t}>
              {i > 0 && ', '}
              <Link to={`${paths.groups.getHref()}?topic=${encodeURIComponent(t)}`}>
                groups on {REASON_LABELS[t].toLowerCase()}
              </Link>
            </span>
          ))
        ) : (
          <Link to={paths.groups.getHref()}>browse the support groups</Link>
        )}
        .
      </p>
    </div>
  );
}

/** The teacher's open request: where it is, and a way to withdraw it. */
export function RequestStatus({
  request,
  onWithdraw,
  onWiden,
}: {
  request: MyRequest;
  onWithdraw: () => Promise<void>;
  onWiden?: (widen: Widen) => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = request.status === 'offered' || request.status === 'waiting' ? request.status : 'waiting';
  const shown = STATUS[status];
  const crisisResources = useServerInfo()?.crisisResources ?? [];

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await onWithdraw();
      setAsking(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Your request could not be withdrawn. Try again.');
      setAsking(false);
    } finally {
      setBusy(false);
    }
  };

  const reciprocal = request.reciprocal;
  return (
    <div className="request">
      <p className="request__status">
        <span className={`badge support-badge support-badge--${status}`}>
          {reciprocal
            ? 'Waiting for a reciprocal partner'
            : status === 'waiting' && !request.widen && request.waitingReason === 'no-coverage'
              ? 'No consultant covers this yet'
              : shown.badge}
        </span>
      </p>
      {reciprocal ? (
        <>
          <p>
            You are paired as soon as a teacher from another school offers something you would like to learn
            and would like to learn something you offer. Nothing else is needed from you.
          </p>
          <dl className="request__reciprocal">
            <dt>You offer</dt>
            <dd>{reciprocal.offers.map((a) => RECIPROCAL_AREA_LABELS[a]).join(', ')}</dd>
            <dt>You would like to learn</dt>
            <dd>{reciprocal.wants.map((a) => RECIPROCAL_AREA_LABELS[a]).join(', ')}</dd>
          </dl>
        </>
      ) : (
        <p>
          {status === 'waiting' && request.widen
            ? `You agreed to a consultant in another ${request.widen === 'grade' ? 'grade band' : 'subject'}. ${WAITING_TEXT.unavailable}`
            : status === 'waiting' && request.waitingReason
              ? WAITING_TEXT[request.waitingReason]
              : shown.text}
        </p>
      )}
      {status === 'waiting' && !reciprocal && onWiden && (
        <NearestMatches nearest={request.nearest} reasons={request.reasons} onWiden={onWiden} />
      )}
      {request.urgent && (
        <div className="request__urgent">
          <p>
            <strong>Marked urgent</strong>: it is offered before other requests.{' '}
            {status === 'waiting'
              ? 'No consultant has been offered it yet, so it may take a while.'
              : 'A consultant still has to accept it.'}{' '}
            You do not have to wait: these people can listen right now, in confidence.
          </p>
          <CrisisResources resources={crisisResources} />
        </div>
      )}
      <p className="request__meta">Asked {formatDateTime(request.createdAt)}</p>
      <p className="request__alias">
        {reciprocal ? 'Your partner sees' : 'The consultant sees'} you as <strong>{request.alias}</strong>, a
        name for this request only, not your Staffroom pseudonym.
        {request.hasNote &&
          ' Your note is encrypted on your device for each consultant it may be offered to: Staffroom cannot read it.'}
      </p>
      {error && <Alert title="Still open">{error}</Alert>}
      <Button variant="secondary" onClick={() => setAsking(true)}>
        Withdraw request
      </Button>
      {asking && (
        <ConfirmDialog
          title="Withdraw your request?"
          confirmLabel="Withdraw request"
          busy={busy}
          onConfirm={() => void withdraw()}
          onCancel={() => setAsking(false)}
        >
          <p>
            Nobody will be offered it any more, and what you wrote in it is no longer shown to anyone. You can
            ask again whenever you like.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
