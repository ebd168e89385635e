import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { REPORT_REASON_LABELS, type QueueItem } from '@staffroom/shared/schemas/moderation';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { useServerEvent } from '../../../lib/realtime';
import { useConnectionState } from '../../../lib/socket';
import { plural } from '../model/plural';
import { ModerationError, moderationApi } from '../api/moderation-api';
import { CoordinatorItemCard } from '../components/coordinator-item';
import { LiveNotices } from '../components/live-notices';
import { QueueItemCard, authorOf, type ResolveKind, type SupportActions } from '../components/queue-item';
import { ResolveDialog, type ResolveDecision } from '../components/resolve-dialog';
import { ReachOutDialog, subjectOf } from '../components/reach-out-dialog';
import { describeMinutes } from '../model/durations';
import { useAnnouncer } from '../hooks/use-announcer';
import { useNow } from '../hooks/use-now';

function outcomeText(item: QueueItem, d: ResolveDecision): string {
  const author = authorOf(item) ?? 'The author';
  const group = item.groupName || 'the group';
  switch (d.action) {
    case 'remove':
      return `The message was removed from ${group}. The report is closed: action taken.`;
    case 'mute':
      return `${author} is muted in ${group} for ${describeMinutes(d.minutes ?? 60)}. The report is closed.`;
    case 'ban':
      return `${author} is banned from ${group}${d.minutes === null || d.minutes === undefined ? ' permanently' : ` for ${describeMinutes(d.minutes)}`}. The report is closed.`;
    case 'dismiss':
      return item.automatic ? 'The alert was marked as reviewed.' : 'The report was dismissed.';
  }
}

/** What arrived since the last look, in words; urgent first. */
function arrivals(added: readonly QueueItem[]): { text: string; urgent: boolean } | null {
  if (added.length === 0) return null;
  const urgent = added.filter((i) => i.urgent);
  if (urgent.length > 0) {
    const [first] = urgent as [QueueItem];
    return {
      urgent: true,
      text: `Urgent: ${REPORT_REASON_LABELS[first.reason].toLowerCase()} in ${first.groupName || 'a conversation'}${first.automatic ? ' (raised by the crisis guard)' : ''}. It is at the top of the queue.`,
    };
  }
  if (added.length === 1) {
    const [only] = added as [QueueItem];
    return {
      urgent: false,
      text: `New report in ${only.groupName || 'a conversation'}: ${REPORT_REASON_LABELS[only.reason].toLowerCase()}.`,
    };
  }
  return { urgent: false, text: `${added.length} new reports.` };
}

/**
 * The report queue: open reports in the groups you moderate, urgent first, then oldest. It refreshes itself
 * when the server says the queue changed (`mod:queue-changed`) and after a reconnection, and says what arrived.
 * `coordinator`: the urgent items of every group as the server gives them to coordinators, without their content.
 */
export function QueuePage({ coordinator = false }: { coordinator?: boolean }) {
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [acting, setActing] = useState<{ kind: ResolveKind; item: QueueItem; index: number } | null>(null);
  const [reaching, setReaching] = useState<QueueItem | null>(null);
  const announcer = useAnnouncer();
  const { announce } = announcer;
  const connection = useConnectionState();
  const now = useNow();
  /** Ids seen at the last load (null before the first), and those this moderator resolved. */
  const known = useRef<Set<string> | null>(null);
  const resolvedHere = useRef(new Set<string>());
  const ticket = useRef(0);

  const apply = useCallback(
    (next: QueueItem[]) => {
      const before = known.current;
      known.current = new Set(next.map((i) => i.id));
      setItems(next);
      setLoadError(null);
      if (!before) return;
      const news = arrivals(next.filter((i) => !before.has(i.id)));
      if (news) {
        announce(news.text, news.urgent ? 'urgent' : 'info');
        return;
      }
      const gone = [...before].filter(
        (id) => !known.current?.has(id) && !resolvedHere.current.has(id),
      ).length;
      if (gone > 0) {
        announce(
          `${plural(gone, 'report was', 'reports were')} handled by another moderator. ${plural(next.length, 'open report')} left.`,
          'info',
        );
      }
    },
    [announce],
  );

  /** Loads the queue again; only the answer to the latest request is shown. */
  const refresh = useCallback(() => {
    const mine = ++ticket.current;
    moderationApi.queue().then(
      (next) => {
        if (mine === ticket.current) apply(next);
      },
      (err: unknown) => {
        if (mine === ticket.current)
          setLoadError(err instanceof Error ? err.message : 'The queue could not be loaded.');
      },
    );
  }, [apply]);

  useEffect(() => {
    if (connection === 'connected') refresh();
  }, [connection, refresh]);

  useServerEvent('mod:queue-changed', () => refresh());

  const resolve = async (item: QueueItem, decision: ResolveDecision) => {
    try {
      await moderationApi.resolve({
        reportId: item.id,
        action: decision.action,
        reason: decision.reason,
        ...(decision.minutes !== undefined ? { minutes: decision.minutes } : {}),
      });
    } catch (err) {
      if (err instanceof ModerationError && err.code === ErrorCode.CONFLICT) refresh();
      throw err;
    }
    resolvedHere.current.add(item.id);
    known.current?.delete(item.id);
    setItems((current) => current?.filter((i) => i.id !== item.id) ?? null);
    announce(outcomeText(item, decision), 'success');
    refresh();
  };

  /** After a report leaves the queue: the report now in its place (or the one above), else the heading. */
  const focusAfter = (index: number) => () => {
    const titles = document.querySelectorAll<HTMLElement>('.mod-queue .mod-report__title');
    if (titles.length > 0) return titles[Math.min(index, titles.length - 1)] ?? null;
    return document.getElementById('queue-title');
  };

  /** Runs one supportive action, says what happened (or why not), and reloads the queue. */
  const act = (run: () => Promise<unknown>, done: string) => {
    run().then(
      () => {
        announce(done, 'success');
        refresh();
      },
      (err: unknown) => {
        announce(err instanceof Error ? err.message : 'That did not work. Try again.', 'error');
        refresh();
      },
    );
  };
  const support: SupportActions = {
    onReachOut: setReaching,
    onAcknowledge: (item) =>
      act(
        () => moderationApi.acknowledge(item.id),
        `You acknowledged the alert about ${subjectOf(item) ?? 'the member'}: it is no longer escalated. Coordinators see that you are on it.`,
      ),
    onCareCard: (item, on) =>
      act(
        () =>
          moderationApi.settings(
            item.groupId,
            { careCard: on },
            on ? 'A card for peers: how to respond to a colleague in distress' : 'Card for peers unpinned',
          ),
        on
          ? `The “how to respond” card is pinned for the members of ${item.groupName}.`
          : `The card is no longer shown in ${item.groupName}.`,
      ),
    onHoldFlagged: (item, on) =>
      act(
        () =>
          moderationApi.settings(
            item.groupId,
            { holdFlagged: on },
            on ? 'Hold messages that suggest risk for review' : 'Stop holding flagged messages',
          ),
        on
          ? `Messages that suggest risk in ${item.groupName} are now held for review before the group sees them.`
          : `Messages in ${item.groupName} are no longer held for review.`,
      ),
    onHeld: (item, alert, decision) =>
      act(
        () => moderationApi.held(alert.id, decision),
        decision === 'release'
          ? `The message was released to ${item.groupName}. Its author was told.`
          : 'The message stays hidden. Its author was told, and is not punished.',
      ),
  };

  const urgent = items?.filter((i) => i.urgent).length ?? 0;
  return (
    <section className="mod-section" aria-labelledby="queue-title">
      <div className="mod-section__head">
        <h2 id="queue-title" tabIndex={-1}>
          Report queue
        </h2>
        {items && (
          <p className="mod-section__summary">
            {items.length === 0
              ? 'Nothing open'
              : `${plural(items.length, 'open report')}${urgent ? `, ${urgent} urgent` : ''}`}
          </p>
        )}
      </div>
      <p className="mod-section__intro">
        {coordinator
          ? 'Urgent items in every group: where, why, since when, and whether a moderator is on it. Coordinators never see what was written. This list updates by itself.'
          : 'Reports from members and alerts from the crisis guard, in the groups you moderate. Urgent items come first, then the oldest. This list updates by itself.'}
      </p>
      <LiveNotices announcer={announcer} />
      {loadError && (
        <Alert title="The queue could not be loaded">
          {loadError}{' '}
          <Button variant="quiet" onClick={refresh}>
            Try again
          </Button>
        </Alert>
      )}
      {!items && !loadError && (
        <p className="loading" role="status">
          {connection === 'connected' ? 'Loading the queue…' : 'Waiting for the connection…'}
        </p>
      )}
      {items && items.length === 0 && (
        <p className="empty mod-empty">The queue is empty: nothing needs your attention right now.</p>
      )}
      {items && items.length > 0 && (
        <ol className="mod-queue">
          {items.map((item, index) => (
            <li key={item.id}>
              {coordinator ? (
                <CoordinatorItemCard
                  item={item}
                  now={now}
                  onReachOut={support.onReachOut}
                  onAcknowledge={support.onAcknowledge}
                />
              ) : (
                <QueueItemCard
                  item={item}
                  now={now}
                  onAction={(kind, it) => setActing({ kind, item: it, index })}
                  support={support}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {reaching && (
        <ReachOutDialog
          item={reaching}
          onSend={async (text) => {
            await moderationApi.reachOut(reaching.id, text);
            announce(
              `Your message was sent privately to ${subjectOf(reaching) ?? 'the member'}. The alert stays open until you mark it as reviewed.`,
              'success',
            );
            refresh();
          }}
          onClose={() => setReaching(null)}
        />
      )}
      {acting && (
        <ResolveDialog
          kind={acting.kind}
          item={acting.item}
          onResolve={(decision) => resolve(acting.item, decision)}
          onClose={() => setActing(null)}
          fallbackFocus={focusAfter(acting.index)}
        />
      )}
    </section>
  );
}
