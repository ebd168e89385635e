import type { Logger } from '../../platform/log.js';
import type { GroupService } from './groups.service.js';

/** "45 minutes", "1 hour", "1 hour 30 minutes": a session's length as members read it. */
export function lengthWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const mins = minutes % 60;
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [hours ? part(hours, 'hour') : '', mins || !hours ? part(mins, 'minute') : '']
    .filter(Boolean)
    .join(' ');
}

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
        `“${meeting.title}” is starting now (${lengthWords(meeting.durationMinutes)}), hosted by ${meeting.host}.`,
      );
    }
  };
  const timer = setInterval(() => {
    tick().catch((err: unknown) => opts.log.warn({ err: String(err) }, 'meeting announcer failed'));
  }, opts.everyMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
