import { useId } from 'react';
import { decodeMessageText } from '@staffroom/shared/schemas/messages';
import { type AlertRow, type QueueItem, type RefusedFor } from '@staffroom/shared/schemas/moderation';
import { Button } from '../../../components/button';
import { formatDateTime, formatRelative } from '../../../utils/format';
import { MessageContext } from './message-context';
import { ReportCard } from './report-card';

export type ResolveKind = 'remove' | 'mute' | 'ban' | 'dismiss';

/** The supportive actions on an at-risk item, offered before any sanction. */
export interface SupportActions {
  onReachOut: (item: QueueItem) => void;
  /** "I am on it": stops the escalation to coordinators. */
  onAcknowledge: (item: QueueItem) => void;
  /** Pin or unpin the "how to respond" card for peers in the item's group. */
  onCareCard: (item: QueueItem, on: boolean) => void;
  /** Turn holding flagged messages for review on or off in the item's group. */
  onHoldFlagged: (item: QueueItem, on: boolean) => void;
  /** Release a held message to the group, or keep it hidden. */
  onHeld: (item: QueueItem, alert: AlertRow, decision: 'release' | 'keep') => void;
}

/** Why a refused message was not posted, in words for moderators. */
const REFUSED_FOR: Record<RefusedFor, string> = {
  'blocked-term': 'It was refused for a blocked term',
  muted: 'It was refused because the member is muted here',
  locked: 'It was refused because the group is locked',
  identifying: 'It waits for the member to confirm identifying details (they may never send it)',
  'too-long': 'It was refused for being longer than a message may be',
};

function alertStatus(a: AlertRow): string | null {
  if (a.refused) return `${REFUSED_FOR[a.refusedFor ?? 'blocked-term']}: not posted, its text not kept.`;
  if (a.held === 'pending') return 'Held for review: only its author and the moderators can see it.';
  if (a.held === 'kept') return 'Kept hidden by a moderator.';
  if (a.held === 'released') return 'Released to the group by a moderator.';
  return null;
}

/** Every alert about one member, oldest first, with what to decide on each held message. */
function AlertList({
  item,
  now,
  support,
}: {
  item: QueueItem;
  now: number;
  support: SupportActions | undefined;
}) {
  const alerts = [...(item.alerts ?? [])].sort((a, b) => a.createdAt - b.createdAt);
  return (
    <ol className="mod-alerts" aria-label={`Alerts about ${item.subject?.name ?? 'this member'}`}>
      {alerts.map((a) => {
        const status = alertStatus(a);
        return (
          <li key={a.id} className="mod-alerts__item">
            <p className="mod-alerts__head">
              <time dateTime={new Date(a.createdAt).toISOString()} title={formatDateTime(a.createdAt)}>
                {formatRelative(a.createdAt, now)}
              </time>
              {status && <span className="mod-alerts__status"> · {status}</span>}
            </p>
            {a.message && a.message.kind === 'text' && (
              <p className="mod-alerts__text">{decodeMessageText(a.message.text)}</p>
            )}
            {a.held === 'pending' && support && (
              <p className="mod-alerts__actions">
                <Button variant="secondary" onClick={() => support.onHeld(item, a, 'release')}>
                  Release to the group
                </Button>
                <Button variant="secondary" onClick={() => support.onHeld(item, a, 'keep')}>
                  Keep hidden
                </Button>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Who the reported message is by, when the report can act on them (mute or ban). */
export function authorOf(item: QueueItem): string | null {
  if (item.groupId === '' || !item.message?.author) return null;
  return item.message.author.name;
}

/**
 * One open report: how urgent, where, why, who raised it and when, the message in context, and the actions.
 * Urgency is said in words and with a badge, not by colour alone.
 */
export function QueueItemCard({
  item,
  now,
  onAction,
  support,
}: {
  item: QueueItem;
  now: number;
  onAction: (kind: ResolveKind, item: QueueItem) => void;
  /** Someone may be at risk: the supportive actions, offered first (reach out privately leads). */
  support?: SupportActions;
}) {
  const titleId = useId();
  const author = authorOf(item);
  // A one-to-one report has no group and no message: the reporter's reason and note only.
  const oneToOne = item.groupId === '';
  const canRemove = !oneToOne && item.message?.kind === 'text';
  const atRisk =
    !oneToOne &&
    (item.reason === 'crisis' || item.urgent) &&
    !item.subjectErased &&
    (item.subject ?? item.message?.author);
  const subject = item.subject?.name ?? null;
  const alertCount = item.alerts?.length ?? 0;
  const showAlerts = alertCount > 1 || item.alerts?.some((a) => a.held !== undefined) === true;
  const heldLead = item.held === 'pending' || item.held === 'kept';
  return (
    <ReportCard item={item} titleId={titleId}>
      <dl className="mod-facts">
        <div>
          <dt>{item.automatic ? 'Source' : 'Reported by'}</dt>
          <dd>
            {item.automatic
              ? 'Raised automatically by the crisis guard'
              : (item.reporter?.name ?? 'A participant of the conversation')}
          </dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={new Date(item.createdAt).toISOString()} title={formatDateTime(item.createdAt)}>
              {formatRelative(item.createdAt, now)}
            </time>
          </dd>
        </div>
        {subject && !author && (
          <div>
            <dt>Member</dt>
            <dd>{subject}</dd>
          </div>
        )}
        {author && (
          <div>
            <dt>Written by</dt>
            <dd>{author}</dd>
          </div>
        )}
        {item.urgent && item.acknowledged !== undefined && (
          <div className="mod-facts__wide">
            <dt>Acknowledged</dt>
            <dd data-testid="acknowledged">
              {item.acknowledged ? (
                <>
                  By {item.acknowledged.by},{' '}
                  <time
                    dateTime={new Date(item.acknowledged.at).toISOString()}
                    title={formatDateTime(item.acknowledged.at)}
                  >
                    {formatRelative(item.acknowledged.at, now)}
                  </time>
                  . It is no longer escalated.
                </>
              ) : (
                'Not yet. If no moderator acknowledges it in time, coordinators are alerted.'
              )}
            </dd>
          </div>
        )}
        {item.subjectErased && (
          <div className="mod-facts__wide">
            <dt>Member</dt>
            <dd data-testid="subject-erased">
              Has deleted their account since. There is nobody left to reach, so this alert no longer waits
              for a moderator and is not escalated; resolve it to close it.
            </dd>
          </div>
        )}
        {item.note && !item.automatic && (
          <div className="mod-facts__wide">
            <dt>Note from the reporter</dt>
            <dd className="mod-facts__note">{item.note}</dd>
          </div>
        )}
      </dl>
      {item.automatic && item.refused && !item.subjectErased && (
        <p className="mod-report__hint">
          A message this member tried to send suggested risk. {REFUSED_FOR[item.refusedFor ?? 'blocked-term']}
          , so the group never saw it, and its text is not kept. The member was privately shown crisis
          resources. Consider reaching out to them kindly.
        </p>
      )}
      {item.automatic && !item.refused && !heldLead && !item.subjectErased && (
        <p className="mod-report__hint">
          The member was privately shown crisis resources. Consider checking in on them kindly; the message
          was not blocked.
        </p>
      )}
      {item.automatic && heldLead && (
        <p className="mod-report__hint">
          This group holds messages that suggest risk for review: the member was shown crisis resources, and
          the group has not seen the message. Release it if it is fine to share, or keep it hidden. Either way
          they are not punished.
        </p>
      )}
      {oneToOne ? (
        <p className="mod-report__hint">
          The conversation stays private: nobody but its two participants can read it, here or anywhere.
          Decide from the reason and the note, and mark it as reviewed once it is handled.
        </p>
      ) : showAlerts ? (
        <AlertList item={item} now={now} support={support} />
      ) : (
        !heldLead && <MessageContext message={item.message} before={item.before} after={item.after} />
      )}
      <div className="mod-report__actions" role="group" aria-labelledby={titleId}>
        {oneToOne && support && item.urgent && item.acknowledged === null && (
          <Button variant="secondary" onClick={() => support.onAcknowledge(item)}>
            I’m on it (acknowledge)
          </Button>
        )}
        {atRisk && support && (
          <>
            <Button onClick={() => support.onReachOut(item)}>Reach out privately</Button>
            {item.urgent && item.acknowledged === null && (
              <Button variant="secondary" onClick={() => support.onAcknowledge(item)}>
                I’m on it (acknowledge)
              </Button>
            )}
            {item.careCard !== undefined && (
              <Button variant="secondary" onClick={() => support.onCareCard(item, !item.careCard)}>
                {item.careCard ? 'Unpin the card for peers' : 'Pin a “how to respond” card for peers'}
              </Button>
            )}
            {item.holdFlagged !== undefined && (
              <Button variant="secondary" onClick={() => support.onHoldFlagged(item, !item.holdFlagged)}>
                {item.holdFlagged
                  ? 'Stop holding flagged messages for review'
                  : 'Hold flagged messages in this group for review'}
              </Button>
            )}
          </>
        )}
        {item.automatic ? (
          // Someone may be at risk: looking out for them comes first. Sanctions are tucked away, after.
          <>
            <Button variant={support ? 'quiet' : 'primary'} onClick={() => onAction('dismiss', item)}>
              Mark as reviewed
            </Button>
            {!heldLead && (canRemove || author) && (
              <details className="mod-report__more">
                <summary>Other actions</summary>
                <p className="mod-report__more-actions">
                  {canRemove && (
                    <Button variant="quiet" onClick={() => onAction('remove', item)}>
                      {alertCount > 1 ? 'Remove these messages' : 'Remove message'}
                    </Button>
                  )}
                  {author && (
                    <>
                      <Button variant="quiet" onClick={() => onAction('mute', item)}>
                        Mute {author}
                      </Button>
                      <Button variant="quiet" onClick={() => onAction('ban', item)}>
                        Ban {author}
                      </Button>
                    </>
                  )}
                </p>
              </details>
            )}
          </>
        ) : (
          <>
            {canRemove && (
              <Button variant="danger" onClick={() => onAction('remove', item)}>
                Remove message
              </Button>
            )}
            {author && (
              <>
                <Button variant="secondary" onClick={() => onAction('mute', item)}>
                  Mute {author}
                </Button>
                <Button variant="secondary" onClick={() => onAction('ban', item)}>
                  Ban {author}
                </Button>
              </>
            )}
            <Button variant="quiet" onClick={() => onAction('dismiss', item)}>
              Dismiss report
            </Button>
          </>
        )}
      </div>
    </ReportCard>
  );
}
