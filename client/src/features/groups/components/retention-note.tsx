import { useEffect, useState } from 'react';
import { retentionInWords, type GroupRetention } from '@staffroom/shared/schemas/retention';
import { request, useServerEvent } from '../../../lib/realtime';

/**
 * In the group's info: how long its messages are kept (`group:retention`), so a member knows before writing.
 * Read when the group opens; nothing is shown until the answer comes.
 */
export function RetentionNote({ groupId }: { groupId: string }) {
  const [retention, setRetention] = useState<GroupRetention | null>(null);
  useEffect(() => {
    let current = true;
    void request('group:retention', { groupId }).then((ack) => {
      if (current && ack.ok) setRetention(ack.data);
    });
    return () => {
      current = false;
    };
  }, [groupId]);
  // Its moderators changed it while the group is open here.
  useServerEvent('group:retention', ({ groupId: changed, ...next }) => {
    if (changed === groupId) setRetention(next);
  });
  if (!retention) return null;
  return (
    <section className="side-section" aria-labelledby="retention-title">
      <h2 id="retention-title" className="side-section__title">
        How long messages stay
      </h2>
      <p>
        Messages here are kept for {retentionInWords(retention.days)}, then deleted for everyone, with their
        reactions.
        {retention.chosen ? ' The group’s moderators chose this.' : ''}
      </p>
    </section>
  );
}
