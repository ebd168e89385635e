import type { Reminder } from '../model/reminder';

/** The short tag on a check-in that is about to start or under way (the calendar's and the conversation list's). */
export function SoonTag({ reminder }: { reminder: Reminder }) {
  return (
    <p className="soon-tag">
      {reminder.kind === 'now' ? 'Happening now' : `Starts in ${reminder.minutes} min`}
    </p>
  );
}
