import type { CheckIn, RecognitionMonth, RecognitionRecord } from '@staffroom/shared/schemas/consultations';
import type { ConversationRecord } from './consultations.store.js';

/** "2026-11" for a time (UTC): the finest date the record ever shows. */
const monthOf = (t: number) => new Date(t).toISOString().slice(0, 7);

/** Every month from `from` to `to` (UTC), inclusive, oldest first. */
function monthsBetween(from: number, to: number): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(new Date(from).getUTCFullYear(), new Date(from).getUTCMonth(), 1));
  while (d.getTime() <= to) {
    out.push(monthOf(d.getTime()));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

const quarterHours = (minutes: number) => Math.round(minutes / 15) / 4;

/**
 * A consultant's record of support for professional-development credit: per month, the hours of sessions held
 * (agreed and already over), how many, and how many teachers were supported. Counts only: no teacher, no
 * conversation, nothing finer than the month. `conversations` are those where the account is the consultant.
 */
export function recognitionRecord(
  conversations: readonly { c: ConversationRecord; checkIns: readonly CheckIn[] }[],
  now: number,
): RecognitionRecord {
  const minutes = new Map<string, number>();
  const sessions = new Map<string, number>();
  /** Month → the conversations supported in it (only counted, never returned). */
  const supported = new Map<string, Set<string>>();
  const support = (month: string, id: string) => {
    const set = supported.get(month) ?? new Set<string>();
    set.add(id);
    supported.set(month, set);
  };
  const everyone = new Set<string>();
  for (const { c, checkIns } of conversations) {
    everyone.add(c.teacherId);
    for (const month of monthsBetween(c.createdAt, c.closedAt ?? now)) support(month, c.teacherId);
    for (const x of checkIns) {
      if (x.status !== 'accepted' || x.startsAt + x.durationMinutes * 60_000 > now) continue;
      const month = monthOf(x.startsAt);
      minutes.set(month, (minutes.get(month) ?? 0) + x.durationMinutes);
      sessions.set(month, (sessions.get(month) ?? 0) + 1);
      support(month, c.teacherId);
    }
  }
  const months: RecognitionMonth[] = [...supported.keys()].sort().map((month) => ({
    month,
    hours: quarterHours(minutes.get(month) ?? 0),
    sessions: sessions.get(month) ?? 0,
    teachers: supported.get(month)?.size ?? 0,
  }));
  const totalMinutes = [...minutes.values()].reduce((a, b) => a + b, 0);
  return {
    months,
    totals: {
      hours: quarterHours(totalMinutes),
      sessions: months.reduce((a, m) => a + m.sessions, 0),
      teachers: everyone.size,
    },
  };
}

/** The record as CSV (one row a month, then the totals): only months and counts, so nothing needs quoting. */
export function recognitionCsv(record: RecognitionRecord): string {
  const rows = [
    'month,hours,sessions,teachers_supported',
    ...record.months.map((m) => `${m.month},${m.hours},${m.sessions},${m.teachers}`),
    `total,${record.totals.hours},${record.totals.sessions},${record.totals.teachers}`,
  ];
  return `${rows.join('\r\n')}\r\n`;
}
