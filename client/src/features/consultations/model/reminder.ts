import { formatClock } from './format';

/** Reminders start this long before an accepted check-in, and again when it starts. */
export const REMIND_BEFORE_MS = 15 * 60_000;

export interface CheckInTime {
  status: 'proposed' | 'accepted' | 'declined' | 'cancelled';
  startsAt: number;
  durationMinutes: number;
}

export type Reminder = { kind: 'soon'; minutes: number } | { kind: 'now'; endsAt: number };

/** Whether an accepted check-in is about to start (15 minutes before) or under way. */
export function reminderFor(checkIn: CheckInTime, now: number): Reminder | null {
  if (checkIn.status !== 'accepted') return null;
  const endsAt = checkIn.startsAt + checkIn.durationMinutes * 60_000;
  if (now >= checkIn.startsAt && now < endsAt) return { kind: 'now', endsAt };
  if (now < checkIn.startsAt && checkIn.startsAt - now <= REMIND_BEFORE_MS) {
    return { kind: 'soon', minutes: Math.max(1, Math.ceil((checkIn.startsAt - now) / 60_000)) };
  }
  return null;
}

export function reminderText(reminder: Reminder, checkIn: CheckInTime, peer: string): string {
  if (reminder.kind === 'now') {
    return `Your check-in with ${peer} has started. It runs until ${formatClock(reminder.endsAt)}.`;
  }
  const minutes = reminder.minutes === 1 ? '1 minute' : `${reminder.minutes} minutes`;
  return `Your check-in with ${peer} starts in ${minutes}, at ${formatClock(checkIn.startsAt)}.`;
}

/** The first check-in with a reminder due, if any. */
export function dueReminder<T extends CheckInTime>(
  checkIns: readonly T[],
  now: number,
): { checkIn: T; reminder: Reminder } | null {
  for (const checkIn of [...checkIns].sort((a, b) => a.startsAt - b.startsAt)) {
    const reminder = reminderFor(checkIn, now);
    if (reminder) return { checkIn, reminder };
  }
  return null;
}
