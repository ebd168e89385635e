/** "Oct 5": the week a figure belongs to, in words (weeks are named by their first day, UTC). */
export const shortWeek = (week: string) =>
  new Date(`${week}T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

/** "October 2026": a month of closing feedback. */
export const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export const oneDecimal = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});
export const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
