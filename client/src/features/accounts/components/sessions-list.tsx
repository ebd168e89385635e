import { useId } from 'react';
import type { SessionInfo } from '@staffroom/shared/schemas/accounts';
import { Button } from '../../../components/button';
import { formatDateTime, formatRelative } from '../../../utils/format';

export interface SessionsListProps {
  sessions: readonly SessionInfo[];
  /** The session being ended, while its request runs. */
  ending: string | null;
  onEnd: (session: SessionInfo) => void;
}

function SessionItem({
  session,
  ending,
  onEnd,
}: { session: SessionInfo } & Omit<SessionsListProps, 'sessions'>) {
  const id = useId();
  return (
    <li className="list__item session">
      <div className="session__main">
        <p className="session__device" id={id}>
          {session.device}
          {session.current && <span className="badge badge--current">This device</span>}
        </p>
        <p className="session__meta">
          Logged in {formatDateTime(session.createdAt)} · Last active{' '}
          {session.current ? 'now' : formatRelative(session.lastSeenAt)}
        </p>
      </div>
      {!session.current && (
        <Button
          variant="secondary"
          busy={ending === session.id}
          busyLabel="Ending…"
          aria-describedby={id}
          onClick={() => onEnd(session)}
        >
          End session
        </Button>
      )}
    </li>
  );
}

/** Where this account is logged in: this device first, then by latest activity. Others can be ended here. */
export function SessionsList({ sessions, ending, onEnd }: SessionsListProps) {
  return (
    <ul className="list">
      {[...sessions]
        .sort((a, b) => Number(b.current) - Number(a.current))
        .map((session) => (
          <SessionItem key={session.id} session={session} ending={ending} onEnd={onEnd} />
        ))}
    </ul>
  );
}
