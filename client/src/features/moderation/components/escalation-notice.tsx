import { useState } from 'react';
import { Link } from 'react-router';
import type { ServerPayload } from '@staffroom/shared/protocol/server-events';
import { Button } from '../../../components/button';
import { paths } from '../../../config/paths';
import { useServerEvent } from '../../../lib/realtime';

/**
 * Coordinators (admins) only receive `mod:escalated`: an urgent alert no moderator acknowledged in time. Said at
 * once (an assertive live region that is always in the page) wherever they are, until they dismiss it.
 */
export function EscalationNotice() {
  const [latest, setLatest] = useState<ServerPayload<'mod:escalated'> | null>(null);
  useServerEvent('mod:escalated', setLatest);
  return (
    <div role="alert" aria-atomic="true" className="escalation-region">
      {latest && (
        <p className="urgent-banner">
          <span className="badge badge--urgent">Urgent</span> No moderator has acknowledged an alert about
          someone at risk in {latest.groupName || 'a conversation'} yet.{' '}
          <Link to={paths.moderation.getHref()}>Open the report queue</Link>{' '}
          <Button variant="quiet" onClick={() => setLatest(null)}>
            Dismiss
          </Button>
        </p>
      )}
    </div>
  );
}
