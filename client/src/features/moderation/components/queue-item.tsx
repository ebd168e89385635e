import { useId } from 'react';
import { REPORT_REASON_LABELS, type QueueItem } from '@staffroom/shared/schemas/moderation';
import { Button } from '../../../components/button';
import { formatDateTime, formatRelative } from '../../../utils/format';
import { MessageContext } from './message-context';

export type ResolveKind = 'remove' | 'mute' | 'ban' | 'dismiss';

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
  onReachOut,
}: {
  item: QueueItem;
  now: number;
  onAction: (kind: ResolveKind, item: QueueItem) => void;
  /** Someone may be at risk: write to them privately (the first action offered). */
  onReachOut?: (item: QueueItem) => void;
}) {
  const titleId = useId();
  const author = authorOf(item);
  const revealed = item.groupId === '';
  const canRemove = !revealed && item.message?.kind === 'text';
  const atRisk = !revealed && item.reason === 'crisis' && (item.subject ?? item.message?.author);
  const subject = item.subject?.name ?? null;
  return (
    <article
      className={item.urgent ? 'mod-report mod-report--urgent' : 'mod-report'}
      aria-labelledby={titleId}
      data-report-id={item.id}
    >
      <header className="mod-report__header">
        <h3 id={titleId} className="mod-report__title" tabIndex={-1}>
          {item.urgent && (
            <>
              <span className="badge mod-badge--urgent">Urgent</span>{' '}
            </>
          )}
          {REPORT_REASON_LABELS[item.reason]}
          <span className="mod-report__group"> in {item.groupName || 'a group'}</span>
        </h3>
      </header>
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
        {revealed && item.revealVerified !== undefined && (
          <div className="mod-facts__wide">
            <dt>Checked against what was sent</dt>
            <dd data-testid="reveal-verification">
              {item.revealVerified
                ? 'Verified: this exact text was sent in that conversation, as that message, by the person who sent it.'
                : 'Could not be verified: this text does not match what was sent, so treat it as unconfirmed.'}
            </dd>
          </div>
        )}
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
        {item.note && !item.automatic && (
          <div className="mod-facts__wide">
            <dt>Note from the reporter</dt>
            <dd className="mod-facts__note">{item.note}</dd>
          </div>
        )}
      </dl>
      {item.automatic && item.refused && (
        <p className="mod-report__hint">
          A message this member tried to send suggested risk. It was refused for a blocked term, so the group
          never saw it, and its text is not kept. The member was privately shown crisis resources. Consider
          reaching out to them kindly.
        </p>
      )}
      {item.automatic && !item.refused && (
        <p className="mod-report__hint">
          The member was privately shown crisis resources. Consider checking in on them kindly; the message
          was not blocked.
        </p>
      )}
      <MessageContext message={item.message} before={item.before} after={item.after} />
      <div className="mod-report__actions" role="group" aria-labelledby={titleId}>
        {atRisk && onReachOut && <Button onClick={() => onReachOut(item)}>Reach out privately</Button>}
        {item.automatic ? (
          // Someone may be at risk: looking out for them comes first. Muting or banning is not offered here.
          <>
            <Button variant={onReachOut ? 'secondary' : 'primary'} onClick={() => onAction('dismiss', item)}>
              Mark as reviewed
            </Button>
            {canRemove && (
              <Button variant="secondary" onClick={() => onAction('remove', item)}>
                Remove message
              </Button>
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
    </article>
  );
}
