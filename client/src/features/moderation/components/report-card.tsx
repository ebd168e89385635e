import type { ReactNode } from 'react';
import { REPORT_REASON_LABELS, type QueueItem } from '@staffroom/shared/schemas/moderation';

/**
 * The frame of one item in a queue, a moderator's or a coordinator's: how urgent (in words and with a badge, not
 * by colour alone), why, how many alerts, where; what each may see follows as `children`.
 */
export function ReportCard({
  item,
  titleId,
  children,
}: {
  item: QueueItem;
  /** The heading's id: the card and its actions are labelled by it. */
  titleId: string;
  children: ReactNode;
}) {
  const alertCount = item.alerts?.length ?? 0;
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
          {alertCount > 1 && (
            <span className="mod-report__count">: {alertCount} alerts about one member</span>
          )}
          <span className="mod-report__group"> in {item.groupName || 'a group'}</span>
        </h3>
      </header>
      {children}
    </article>
  );
}
