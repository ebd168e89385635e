import { REPORT_REASON_LABELS } from '@staffroom/shared/schemas/moderation';
import { formatDate, formatDateTime } from '../../../utils/format';
import type { OpenedExport } from '../model/open-export';

/** The export, readable: every part of the JSON download, in words (user text is rendered as text only). */
export function ExportView({ data }: { data: OpenedExport }) {
  const groupName = (id: string) => data.memberships.find((m) => m.groupId === id)?.groupName || 'a group';
  return (
    <article className="export-view" aria-labelledby="export-view-title">
      <h3 id="export-view-title">Your data, as Staffroom holds it</h3>
      <p>Made {formatDateTime(data.exportedAt)}.</p>

      <h4>Account</h4>
      <dl className="facts">
        <div>
          <dt>Pseudonym</dt>
          <dd>{data.account.pseudonym}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{formatDate(data.account.createdAt)}</dd>
        </div>
      </dl>

      <h4>Groups ({data.memberships.length})</h4>
      {data.memberships.length === 0 ? (
        <p>You belong to no group.</p>
      ) : (
        <ul>
          {data.memberships.map((m) => (
            <li key={m.groupId}>
              {m.groupName}, as {m.name}, since {formatDate(m.joinedAt)}
            </li>
          ))}
        </ul>
      )}

      <h4>Your group messages ({data.groupMessages.length})</h4>
      {data.groupMessages.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {data.groupMessages.map((m) => (
            <li key={`${m.groupId}:${m.seq}`}>
              <span className="muted">
                {groupName(m.groupId)}, {formatDateTime(m.ts)}:
              </span>{' '}
              {m.text}
            </li>
          ))}
        </ul>
      )}

      <h4>Your reactions ({data.reactions.length})</h4>
      <p>
        {data.reactions.length === 0
          ? 'None.'
          : data.reactions.map((r) => `${r.kind} on message ${r.seq} in ${groupName(r.groupId)}`).join('; ')}
      </p>

      <h4>Reports you filed ({data.reports.length})</h4>
      {data.reports.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {data.reports.map((r) => (
            <li key={r.id}>
              {formatDate(r.createdAt)}: {REPORT_REASON_LABELS[r.reason]}
              {r.note ? ` (“${r.note}”)` : ''}, {r.status.replace('-', ' ')}
            </li>
          ))}
        </ul>
      )}

      <h4>Your pulse trend</h4>
      {data.pulseTrend === null ? (
        <p>None kept.</p>
      ) : typeof data.pulseTrend === 'string' ? (
        <p>Sealed: {data.pulseTrend}.</p>
      ) : (
        <ul>
          {data.pulseTrend.map((e) => (
            <li key={e.week}>
              Week {e.week}:{' '}
              {Object.entries(e.answers)
                .map(([item, value]) => `${item} ${value}`)
                .join(', ')}
            </li>
          ))}
        </ul>
      )}

      <h4>Support requests ({data.requests.length})</h4>
      {data.requests.length === 0 ? (
        <p>None kept.</p>
      ) : (
        <ul>
          {data.requests.map((r) => (
            <li key={r.id}>
              {formatDate(r.createdAt)}: {r.status}
            </li>
          ))}
        </ul>
      )}

      <h4>One-to-one conversations</h4>
      {typeof data.conversations === 'string' ? (
        <p>Sealed: {data.conversations}.</p>
      ) : data.conversations.length === 0 ? (
        <p>None.</p>
      ) : (
        data.conversations.map((c) => (
          <section key={c.id} className="export-view__convo" aria-label={`Conversation with ${c.peerName}`}>
            <h5>
              With {c.peerName} (you appear as {c.seenAs}), from {formatDate(c.createdAt)}
              {c.closedAt ? ` to ${formatDate(c.closedAt)}` : ''}
            </h5>
            <ol>
              {c.messages.map((m) => (
                <li key={m.seq}>
                  <span className="muted">
                    {m.from === 'me' ? 'You' : c.peerName}, {formatDateTime(m.ts)}:
                  </span>{' '}
                  {m.text ?? '(could not be opened)'}
                </li>
              ))}
            </ol>
            {c.goals.length > 0 && (
              <p>Goals: {c.goals.map((g) => g.goal?.title ?? '(could not be opened)').join('; ')}</p>
            )}
            {c.checkIns.length > 0 && (
              <p>
                Check-ins:{' '}
                {c.checkIns
                  .map((x) => `${formatDateTime(x.startsAt)} (${x.status})${x.note ? `: ${x.note}` : ''}`)
                  .join('; ')}
              </p>
            )}
          </section>
        ))
      )}
    </article>
  );
}
