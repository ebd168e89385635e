import { formatDuration } from '../../../utils/format';
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const list = new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' });

const DAY_MS = 86_400_000;
const startOfDay = (ms: number) => new Date(ms).setHours(0, 0, 0, 0);
const daysFrom = (ms: number, now: number) => Math.round((startOfDay(ms) - startOfDay(now)) / DAY_MS);

/** "14:05" or "2:05 PM", in the reader's locale. */
export function formatClock(ms: number): string {
  return clock.format(ms);
}

/** "Wednesday, 12 March 2026 at 14:05": for `title` and screen readers. */
export function formatFull(ms: number): string {
  return fullDateTime.format(ms);
}

/** "12 Mar 2026": a goal note's date. */
export function formatShortDate(ms: number): string {
  return shortDate.format(ms);
}

/** A calendar heading: "Today", "Tomorrow" or "Thursday 14 March". */
export function formatDayHeading(ms: number, now = Date.now()): string {
  const days = daysFrom(ms, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  return longDay.format(ms);
}

/** A feed's day divider: "Today", "Yesterday" or "Thu 14 Mar". */
export function formatFeedDay(ms: number, now = Date.now()): string {
  const days = daysFrom(ms, now);
  if (days === 0) return 'Today';
  if (days === -1) return 'Yesterday';
  return dayAndDate.format(ms);
}

/** When a check-in starts: "Today, 16:00", "Tomorrow, 9:30", "Thu 14 Mar, 16:00". */
export function formatStart(ms: number, now = Date.now()): string {
  const days = daysFrom(ms, now);
  const day = days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : dayAndDate.format(ms);
  return `${day}, ${clock.format(ms)}`;
}

export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

/** How long until `ms`: "23 h 10 min", "12 min", "less than a minute". */
export function formatTimeLeft(ms: number, now = Date.now()): string {
  const minutes = Math.floor((ms - now) / 60_000);
  if (minutes < 1) return 'less than a minute';
  return formatDuration(minutes);
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cleo". */
export function formatList(items: readonly string[]): string {
  return list.format(items);
}

/** "1 teacher", "3 teachers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
