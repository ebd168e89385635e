const DAY = 86_400_000;
export const WEEK_MS = 7 * DAY;

/** The pulse week holding `now`: weeks begin at 00:00 UTC on `startDay` (0 = Sunday … 6 = Saturday). */
export function weekOf(now: number, startDay: number): { id: string; start: number; end: number } {
  const midnight = Math.floor(now / DAY) * DAY;
  const weekday = new Date(midnight).getUTCDay();
  const start = midnight - ((weekday - startDay + 7) % 7) * DAY;
  return { id: new Date(start).toISOString().slice(0, 10), start, end: start + WEEK_MS };
}

/** The `count` weeks before the one holding `now`, oldest first. */
export function weeksBefore(now: number, startDay: number, count: number): string[] {
  const { start } = weekOf(now, startDay);
  return Array.from({ length: count }, (_, i) => weekOf(start - (count - i) * WEEK_MS, startDay).id);
}
