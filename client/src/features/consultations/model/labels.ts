import {
  AREA_LABELS,
  DAYS,
  PARTS,
  REASON_LABELS,
  SUBJECT_LABELS,
  WORK_STYLE_LABELS,
  type Area,
  type Grade,
  type Reason,
  type Subject,
  type SupportKind,
  type WorkStyle,
} from '@staffroom/shared/schemas/consultations';
import { formatList } from './format';

export type Day = (typeof DAYS)[number];
export type Part = (typeof PARTS)[number];

export const DAY_LABELS: Record<Day, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
export const DAY_SHORT: Record<Day, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
export const PART_LABELS: Record<Part, string> = { am: 'Morning', pm: 'Afternoon', eve: 'Evening' };

export const slotOf = (day: Day, part: Part) => `${day}-${part}`;

/** "Monday afternoon" for "mon-pm". */
export function slotLabel(slot: string): string {
  const [day, part] = slot.split('-') as [Day, Part];
  return `${DAY_LABELS[day] ?? day} ${(PART_LABELS[part] ?? part).toLowerCase()}`;
}

/** Slots in week order, as words: "Monday afternoon, Wednesday evening". */
export function slotsText(slots: readonly string[]): string {
  if (slots.length === 0) return 'Any time';
  const order = DAYS.flatMap((d) => PARTS.map((p) => slotOf(d, p)));
  return [...slots]
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map(slotLabel)
    .join(', ');
}

export const gradeLabel = (g: Grade) => (g === 'K' ? 'Kindergarten' : `Grade ${g}`);
export const gradesText = (gs: readonly Grade[]) => formatList(gs.map(gradeLabel));
export const subjectsText = (ss: readonly Subject[]) => formatList(ss.map((s) => SUBJECT_LABELS[s]));
export const reasonsText = (rs: readonly Reason[]) => formatList(rs.map((r) => REASON_LABELS[r]));
export const workStylesText = (ws: readonly WorkStyle[]) => formatList(ws.map((w) => WORK_STYLE_LABELS[w]));
export const areaText = (a: Area) => AREA_LABELS[a];

/** The kind of support with what it means for how long, e.g. "Mentorship, usually until the end of the school year". */
export const kindText = (kind: SupportKind): string =>
  kind === 'mentorship'
    ? 'Mentorship, usually until the end of the school year'
    : 'Peer support, targeted and possibly short';
