import {
  GROUP_LABELS,
  PULSE_ITEMS,
  type ProgrammeWellness,
  type Suppression,
} from '@staffroom/shared/schemas/wellness';

/** Why a figure is hidden, in plain words (the same sentences on screen, in the CSV and in print). */
export function suppressionText(why: Suppression, k: number): string {
  switch (why) {
    case 'fewer-than-k':
      return `Hidden: fewer than ${k} people in this group took the pulse that week, so any figure could point to someone.`;
    case 'complementary':
      return `Hidden: this group has ${k} or more people, but showing it would let anyone work out a smaller group by subtracting it from the total.`;
    case 'week-below-k':
      return `Hidden: fewer than ${k} people took the pulse that week, so nothing of it is shown.`;
  }
}

/** The same, shorter, for a cell of an activity table (the page explains the rule once). */
export function hiddenCell(why: Suppression | null, k: number): string {
  return why === 'complementary'
    ? 'Hidden: it would let a smaller figure be worked out by subtraction'
    : `Hidden: fewer than ${k} people`;
}

const cell = (v: string | number | null) => {
  const text = v === null ? '' : String(v);
  // Quote everything; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** A table as CSV: a heading row, then the rows, every cell quoted and defused. */
export function tableCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** One row per week × group × item, with the count per answer value; hidden figures say why. */
export function programmeCsv(data: ProgrammeWellness): string {
  const maxPoints = Math.max(...PULSE_ITEMS.map((i) => i.labels.length));
  const head = [
    'week',
    'group',
    'item',
    'people',
    'mean',
    'ci_low',
    'ci_high',
    'skipped',
    ...Array.from({ length: maxPoints }, (_, i) => `answered_${i + 1}`),
    'note',
  ];
  const rows: (string | number | null)[][] = [head];
  for (const week of data.weeks) {
    for (const g of week.groups) {
      for (const item of PULSE_ITEMS) {
        const f = g.items?.[item.id];
        rows.push([
          week.week,
          GROUP_LABELS[g.group],
          item.id,
          g.n,
          f?.mean === null || f?.mean === undefined ? null : f.mean.toFixed(2),
          f?.ci ? f.ci[0].toFixed(2) : null,
          f?.ci ? f.ci[1].toFixed(2) : null,
          f ? f.skipped : null,
          ...Array.from({ length: maxPoints }, (_, i) => (f ? (f.counts[i] ?? null) : null)),
          g.suppressed ? suppressionText(g.suppressed, data.k) : '',
        ]);
      }
    }
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
