import type { Message } from '@staffroom/shared/schemas/messages';
import type { Logger } from '../../platform/log.js';
import { rooms, type AppServer } from '../../platform/realtime/types.js';
import type { GroupService } from './groups.service.js';

/**
 * Announces meetings in their group as they start. Every node polls; the store hands each started meeting to
 * exactly one of them.
 */
export function startMeetingAnnouncer(opts: {
  io: AppServer;
  groups: GroupService;
  /** Appends a system message (from messages). */
  announce: (groupId: string, text: string) => Promise<Message>;
  log: Logger;
  everyMs?: number;
}): () => void {
  const tick = async () => {
    for (const meeting of await opts.groups.claimStartedMeetings()) {
      const message = await opts.announce(
        meeting.groupId,
        `“${meeting.title}” is starting now (${meeting.durationMinutes} min), hosted by ${meeting.host}.`,
      );
      opts.io.to(rooms.group(meeting.groupId)).emit('message:new', message);
    }
  };
  const timer = setInterval(() => {
    tick().catch((err: unknown) => opts.log.warn({ err: String(err) }, 'meeting announcer failed'));
  }, opts.everyMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
