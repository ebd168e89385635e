import { K_MIN } from '@staffroom/shared/limits';
import type { Programme } from '../api/support-api';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/**
 * For coordinators: how many teachers wait, are being offered to a consultant, or are in support now, and the
 * anonymous feedback, shown only once at least K_MIN teachers answered. Never who, never what was said.
 */
export function ProgrammeFacts({ programme, compact }: { programme: Programme; compact?: boolean }) {
  const { feedback } = programme;
  return (
    <div className="programme">
      <dl className="facts programme__counts">
        <div>
          <dt>Waiting for a consultant</dt>
          <dd>{programme.waiting ?? `Fewer than ${K_MIN}`}</dd>
        </div>
        <div>
          <dt>Offered, awaiting an answer</dt>
          <dd>{programme.offered ?? `Fewer than ${K_MIN}`}</dd>
        </div>
        <div>
          <dt>In support now</dt>
          <dd>{programme.active ?? `Fewer than ${K_MIN}`}</dd>
        </div>
      </dl>
      <h3 className="programme__title">Anonymous feedback</h3>
      {feedback.responses === null ? (
        <p className="empty">
          Not enough responses to show (fewer than {K_MIN}). Results appear once {K_MIN} teachers have
          answered, so no single answer can be traced back.
        </p>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Responses</dt>
              <dd>{feedback.responses}</dd>
            </div>
            <div>
              <dt>Helpfulness</dt>
              <dd>
                {feedback.meanHelpfulness === null
                  ? '–'
                  : `${oneDecimal.format(feedback.meanHelpfulness)} / 5`}
              </dd>
            </div>
            <div>
              <dt>Would recommend it</dt>
              <dd>{feedback.recommendShare === null ? '–' : percent.format(feedback.recommendShare)}</dd>
            </div>
          </dl>
          {!compact && feedback.comments.length > 0 && (
            <>
              <h4 className="programme__subtitle">Comments</h4>
              <ul className="programme__comments">
                {feedback.comments.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
