import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { REPORT_REASON_LABELS, type QueueItem } from '@staffroom/shared/schemas/moderation';
import { Alert } from '../../../components/alert';
import { paths } from '../../../config/paths';
import { useServerEvent } from '../../../lib/realtime';
import { useConnectionState } from '../../../lib/socket';
import { formatRelative } from '../../../utils/format';
import { moderationApi } from '../api/moderation-api';
import { useNow } from '../hooks/use-now';
import { awaitsModerator, nextSteps, urgentFirst, type Landing } from '../model/landing';
import { plural } from '../model/plural';
import './moderator-landing.css';

function itemTitle(item: QueueItem): string {
  const where = item.groupName || 'a conversation';
  if (item.urgent && item.automatic) {
    const n = item.alerts?.length ?? 1;
    return `Someone may be at risk in ${where}${n > 1 ? ` (${n} alerts)` : ''}`;
  }
  return `${REPORT_REASON_LABELS[item.reason]} in ${where}`;
}

/**
 * A moderator's landing page (the home page shows it first for them): their groups, the report queue with
 * urgent items first, and what to do next. Refreshes when the queue changes and after a reconnection.
 */
export function ModeratorLanding({ queueLimit = 5 }: { queueLimit?: number }) {
  const [data, setData] = useState<Landing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const connection = useConnectionState();
  const now = useNow();

  const load = useCallback(() => {
    let current = true;
    Promise.all([moderationApi.groups(), moderationApi.queue()]).then(
      ([groups, items]) => {
        if (!current) return;
        setData({ groups, items: urgentFirst(items) });
        setError(null);
      },
      (err: unknown) => {
        if (current) setError(err instanceof Error ? err.message : 'The queue could not be loaded.');
      },
    );
    return () => {
      current = false;
    };
  }, []);
  useEffect(() => (connection === 'connected' ? load() : undefined), [connection, load]);
  useServerEvent('mod:queue-changed', () => {
    load();
  });

  if (error && !data) return <Alert>{error}</Alert>;
  if (!data) return <p className="mod-landing__dim">Loading your queue…</p>;

  const shown = data.items.slice(0, queueLimit);
  const urgentCount = data.items.filter(awaitsModerator).length;
  return (
    <div className="mod-landing">
      <section className="section panel mod-landing__queue" aria-labelledby="landing-queue-title">
        <h2 id="landing-queue-title">Your queue</h2>
        <p>
          {data.items.length === 0
            ? 'No open reports in your groups.'
            : `${plural(data.items.length, 'open report')}${urgentCount > 0 ? `, ${urgentCount} urgent` : ''}.`}
        </p>
        {shown.length > 0 && (
          <ol className="mod-landing__items">
            {shown.map((item) => (
              <li key={item.id} className={item.urgent ? 'mod-landing__item is-urgent' : 'mod-landing__item'}>
                {item.urgent && <span className="badge badge--urgent">Urgent</span>}{' '}
                <span className="mod-landing__what">{itemTitle(item)}</span>{' '}
                <span className="mod-landing__dim">
                  raised {formatRelative(item.createdAt, now)}
                  {item.acknowledged && `; ${item.acknowledged.by} is on it`}
                </span>
              </li>
            ))}
          </ol>
        )}
        <p className="dashboard__more">
          <Link to={paths.moderation.getHref()}>
            {data.items.length > 0 ? 'Open the report queue' : 'Go to the moderation console'}
          </Link>
        </p>
      </section>
      <section className="section panel" aria-labelledby="landing-next-title">
        <h2 id="landing-next-title">What to do next</h2>
        <ol className="mod-landing__steps">
          {nextSteps(data).map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </section>
      <section className="section panel" aria-labelledby="landing-groups-title">
        <h2 id="landing-groups-title">Groups you moderate</h2>
        {data.groups.length === 0 ? (
          <p className="empty">None yet.</p>
        ) : (
          <ul className="mod-landing__groups">
            {data.groups.map((g) => (
              <li key={g.id}>
                <Link to={paths.moderationGroup.getHref(g.id)}>{g.name}</Link>{' '}
                <span className="mod-landing__dim">
                  ({plural(data.items.filter((i) => i.groupId === g.id).length, 'open report')}) ·{' '}
                  <Link to={paths.group.getHref(g.id)}>
                    Open the room<span className="visually-hidden"> of {g.name}</span>
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
