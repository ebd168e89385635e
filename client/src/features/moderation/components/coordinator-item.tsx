import { useId } from 'react';
import type { QueueItem } from '@staffroom/shared/schemas/moderation';
import { Button } from '../../../components/button';
import { formatDateTime, formatRelative } from '../../../utils/format';
import { ReportCard } from './report-card';

/**
 * What a coordinator sees of an urgent item or a one-to-one report: where, why, since when, how many alerts, and
 * who acknowledged it; never what was written, who reported it or who it is about (the server sends none of it).
 * The actions need no content: reach out privately (the server finds the member; not for a one-to-one report)
 * and, on an urgent item, "I am on it".
 */
export function CoordinatorItemCard({
  item,
  now,
  onReachOut,
  onAcknowledge,
}: {
  item: QueueItem;
  now: number;
  onReachOut: (item: QueueItem) => void;
  onAcknowledge: (item: QueueItem) => void;
}) {
  const titleId = useId();
  const oneToOne = item.groupId === '';
  return (
    <ReportCard item={item} titleId={titleId}>
      <dl className="mod-facts">
        <div>
          <dt>Since</dt>
          <dd>
            <time dateTime={new Date(item.createdAt).toISOString()} title={formatDateTime(item.createdAt)}>
              {formatRelative(item.createdAt, now)}
            </time>
          </dd>
        </div>
        {(item.urgent || item.subjectErased) && (
          <div className="mod-facts__wide">
            <dt>Acknowledged</dt>
            <dd data-testid="acknowledged">
              {item.subjectErased
                ? 'The member has deleted their account since: there is nobody left to reach.'
                : item.acknowledged
                  ? `By ${item.acknowledged.by}, ${formatRelative(item.acknowledged.at, now)}.`
                  : 'Not yet.'}
            </dd>
          </div>
        )}
      </dl>
      <p className="mod-report__hint">
        {oneToOne
          ? 'A participant reported a one-to-one conversation. Nobody but its two participants can read it; program moderators read the reporter’s note and decide.'
          : 'Coordinators don’t see what was written. This group’s moderators read it and decide; if nobody is looking after it, reach out, say you are on it, or appoint a moderator.'}
      </p>
      {!item.subjectErased && (
        <div className="mod-report__actions" role="group" aria-labelledby={titleId}>
          {!oneToOne && <Button onClick={() => onReachOut(item)}>Reach out privately</Button>}
          {item.acknowledged === null && (
            <Button variant="secondary" onClick={() => onAcknowledge(item)}>
              I’m on it (acknowledge)
            </Button>
          )}
        </div>
      )}
    </ReportCard>
  );
}
