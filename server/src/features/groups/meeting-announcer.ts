import type { Logger } from '../../platform/log.js';
import type { GroupService } from './groups.service.js';

/**
 * Announces meetings in their group as they start. Every node polls; the store hands each started meeting to
 * exactly one of them.
 */
export function startMeetingAnnouncer(opts: {
  groups: GroupService;
  /** Appends a system message, which members receive like any other (from messages). */
  announce: (groupId: string, text: string) => Promise<void>;
  log: Logger;
  everyMs?: number;
}): () => void {
  const tick = async () => {
    for (const meeting of await opts.groups.claimStartedMeetings()) {
      await opts.announce(
        meeting.groupId,
        `“${meeting.title}” is starting now (${meeting.durationMinutes} min), hosted by ${meeting.host}.`,
      );
    }
  };
  const timer = setInterval(() => {
    tick().catch((err: unknown) => opts.log.warn({ err: String(err) }, 'meeting announcer failed'));
  }, opts.everyMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
