const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayInWeek = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const dayAndDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const fullDate = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const list = new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' });

const DAY_MS = 86_400_000;
const startOfDay = (ms: number) => new Date(ms).setHours(0, 0, 0, 0);

/** "14:05" or "2:05 PM", in the reader's locale. */
export function formatClock(ms: number): string {
  return clock.format(ms);
}

/** "Wednesday, 12 March 2026 at 14:05": for `title` and screen readers. */
export function formatFull(ms: number): string {
  return fullDateTime.format(ms);
}

/** A feed's day divider: "Today", "Yesterday", "Monday" (this week) or the full date. */
export function formatDay(ms: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days > 1 && days < 7) return dayInWeek.format(ms);
  return fullDate.format(ms);
}

/** True when two times fall on the same local day. */
export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

/** When a meeting starts: "Today, 16:00", "Tomorrow, 9:30", "Thu 14 Mar, 16:00". */
export function formatMeetingStart(ms: number, now = Date.now()): string {
  const days = Math.round((startOfDay(ms) - startOfDay(now)) / DAY_MS);
  const day = days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : dayAndDate.format(ms);
  return `${day}, ${clock.format(ms)}`;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cleo". */
export function formatNames(names: readonly string[]): string {
  return list.format(names);
}

/** "1 member", "12 members". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
