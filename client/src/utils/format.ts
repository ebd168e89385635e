const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "12 Mar 2026, 14:05" in the reader's locale. */
export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

const weekdayTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** "until Sat 12 Dec, 22:59" (in the reader's locale and time zone): when a mute, ban or lock ends. */
export function formatUntil(ms: number): string {
  return `until ${weekdayTime.format(ms)}`;
}

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/**
 * A stored text with raw ISO times in it (audit entries written before the server said durations in words):
 * each time in words, in the reader's time zone ("until 2026-12-12T21:59:00.000Z" → "until Sat 12 Dec, 22:59").
 */
export function isoTimesInWords(text: string): string {
  return text.replace(ISO_TIME, (iso) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : weekdayTime.format(ms);
  });
}

/** "12 Mar 2026". */
export function formatDate(ms: number): string {
  return dateOnly.format(ms);
}

/** "just now", "5 minutes ago", "yesterday", "in 3 days". */
export function formatRelative(ms: number, now = Date.now()): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return 'just now';
  if (abs < 3_600_000) return relative.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return relative.format(Math.round(diff / 3_600_000), 'hour');
  return relative.format(Math.round(diff / 86_400_000), 'day');
}

/** "5 minutes", "1 minute", "30 seconds": how long to wait after a lockout or a rate limit. */
export function formatWait(ms: number): string {
  if (ms < 60_000) {
    const s = Math.max(1, Math.ceil(ms / 1000));
    return `${s} second${s === 1 ? '' : 's'}`;
  }
  const m = Math.ceil(ms / 60_000);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

/** "45 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A `datetime-local` input's value for a time, in local time ("2026-03-12T14:05"). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The time a `datetime-local` value means in local time, or null when it is not a complete date and time. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}
