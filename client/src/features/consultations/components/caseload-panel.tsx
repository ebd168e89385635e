import '../pairing.css';
import { useEffect } from 'react';
import { Link } from 'react-router';
import {
  TAPER_WEEKS,
  termEndMs,
  type CaseloadEntry,
  type ConversationSummary,
} from '@staffroom/shared/schemas/consultations';
import { Alert } from '../../../components/alert';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { formatDate, formatDuration, formatRelative } from '../../../utils/format';
import { supportApi } from '../api/support-api';
import { useNow } from '../hooks/use-conversation-room';
import { formatStart, plural } from '../model/format';
import { kindText } from '../model/labels';
import { ConversationBadge } from './status-badge';

const loadCaseload = () => supportApi.caseload().then((r) => r.caseload);
const WEEK = 7 * 24 * 3600_000;

/** "2 weeks", "less than a week", "3 months". */
function runningFor(ms: number): string {
  const weeks = Math.floor(ms / WEEK);
  if (weeks < 1) return 'less than a week';
  if (weeks < 9) return plural(weeks, 'week');
  return plural(Math.floor(weeks / 4.345), 'month');
}

function taperText(e: CaseloadEntry): string {
  return e.taper === 'term-ending'
    ? 'Your release ends soon: if the goals are met, propose to taper off and end, or talk about who could continue.'
    : `It has run longer than ${TAPER_WEEKS[e.kind]} weeks: if the goals are met, propose to taper off and end.`;
}

/**
 * A consultant's caseload: each active conversation with how long it has run, its last activity, the sessions
 * held, and a reminder to propose tapering off when it has run long or the release ends soon (the action itself is
 * "Propose to taper off and end" in the conversation). Times and counts only.
 */
export function CaseloadPanel({
  conversations,
  reloadKey,
}: {
  conversations: readonly ConversationSummary[];
  reloadKey: unknown;
}) {
  const caseload = useResource(loadCaseload);
  const reload = caseload.reload;
  useEffect(() => {
    reload();
  }, [reloadKey, reload]);
  const now = useNow(true, 60_000);
  const data = caseload.data;
  const byId = new Map(data?.entries.map((e) => [e.id, e]) ?? []);
  const tapering = data?.entries.filter((e) => e.taper !== null).length ?? 0;

  return (
    <div className="caseload">
      {caseload.error && <Alert title="Your caseload could not be loaded">{caseload.error}</Alert>}
      {data?.commitment === 'released' && data.termEndsAt && (
        <p className="caseload__term">
          Released until {formatDate(termEndMs(data.termEndsAt))}.{' '}
          {`Supporting ${data.entries.length} of ${plural(data.capacity, 'teacher')}.`}
        </p>
      )}
      {data?.commitment === 'volunteer' && (
        <p className="caseload__term">
          {`Volunteering: supporting ${data.entries.length} of ${plural(data.capacity, 'teacher')}.`}
        </p>
      )}
      {tapering > 0 && (
        <p className="caseload__summary" role="status">
          {tapering === 1
            ? 'One conversation may be ready to taper off.'
            : `${tapering} conversations may be ready to taper off.`}
        </p>
      )}
      <ul className="list convo-list caseload__list">
        {conversations.map((c) => {
          const e = byId.get(c.id);
          return (
            <li key={c.id} className="list__item convo-list__item">
              <div className="convo-list__main">
                <p className="convo-list__title">
                  <Link to={paths.conversation.getHref(c.id)} className="convo-list__link">
                    {`Supporting ${c.peerName}`}
                  </Link>{' '}
                  <ConversationBadge status={c.status} />
                </p>
                {c.kind === 'mentorship' && <p className="convo-list__meta">{kindText(c.kind)}</p>}
                {e && (
                  <p className="convo-list__meta caseload__facts">
                    {`Running for ${runningFor(now - e.startedAt)} · last activity ${formatRelative(
                      e.lastActivityAt,
                      now,
                    )} · ${e.sessionsHeld === 0 ? 'no sessions held yet' : `${plural(e.sessionsHeld, 'session')} held`}`}
                  </p>
                )}
                {c.nextCheckIn && (
                  <p className="convo-list__meta">
                    {`Next check-in: ${formatStart(c.nextCheckIn.startsAt, now)} (${formatDuration(c.nextCheckIn.durationMinutes)})`}
                  </p>
                )}
                {e?.taper && (
                  <p className="caseload__taper">
                    <strong>Time to taper off?</strong> {taperText(e)}{' '}
                    <Link to={paths.conversation.getHref(c.id)}>Open the conversation</Link>
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
