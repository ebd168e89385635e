import {
  COHORTS,
  PULSE_ITEMS,
  type Cohort,
  type FeedbackBatch,
  type GroupFigures,
  type ItemFigures,
  type PulseGroup,
  type PulseItemId,
  type SplitFigures,
  type Suppression,
  type WeekFigures,
} from '@staffroom/shared/schemas/wellness';

/**
 * Small-cell protection for the programme view: what may be shown of one week's histogram.
 *
 * The model. A week's respondents fall into six fine cells: cohort (one-to-one, groups-only, neither) ×
 * band (first-year, rest). The view publishes figures for six groups, each a union of fine cells: all, each
 * cohort, first-year, not-first-year (one-way margins only, never a cross). Every figure of a group (its n,
 * the count per answer value, the mean) is a sum over its fine cells, so a viewer can derive exactly the
 * groups whose cell-indicator vector lies in the linear span of the published groups' vectors.
 *
 * The rule: every non-empty set of fine cells that is derivable that way holds at least k people. (Empty
 * counts too: "nobody in this cohort answered" is itself a disclosure, so 0 is treated like any n < k.)
 *
 * Why the algorithm below meets it. In a cohort × band grid the only 0/1 vectors in the span of row and
 * column margins are unions of rows or unions of columns (x_ij = r_i + c_j ∈ {0,1} forces all-rows or
 * all-columns), and the only dependency between rows and columns is that both sum to the total. So the
 * cohort and band dimensions can be protected separately: in each, the hidden groups must be either none, or
 * at least two whose union holds ≥ k people (the union is derivable as total − shown; the single hidden
 * groups are not). The property test checks the span statement itself, with exact arithmetic, on random data.
 *
 * Within a shown group (≥ k people) the counts per answer value are shown: a value chosen by one person says
 * "one of these ≥ k people", not who. Weeks are never summed (no multi-week window exists), and only closed
 * weeks are shown, so a week's figures never change after they first appear (two looks cannot be subtracted).
 */

export type Band = 'first-year' | 'rest';
export const BANDS: readonly Band[] = ['first-year', 'rest'];

/** One week's histogram: `cohort|band|_n` → people, `cohort|band|item|value` → people who gave that value. */
export type Histogram = Record<string, number>;

export const cellKey = (cohort: Cohort, band: Band) => `${cohort}|${band}`;
export const nKey = (cohort: Cohort, band: Band) => `${cellKey(cohort, band)}|_n`;
export const valueKey = (cohort: Cohort, band: Band, item: PulseItemId, value: number) =>
  `${cellKey(cohort, band)}|${item}|${value}`;

/** The fine cells each published group sums over. */
export const GROUP_CELLS: Record<PulseGroup, [Cohort, Band][]> = {
  all: COHORTS.flatMap((c) => BANDS.map((b): [Cohort, Band] => [c, b])),
  'one-to-one': BANDS.map((b) => ['one-to-one', b]),
  'groups-only': BANDS.map((b) => ['groups-only', b]),
  neither: BANDS.map((b) => ['neither', b]),
  'first-year': COHORTS.map((c) => [c, 'first-year']),
  'not-first-year': COHORTS.map((c) => [c, 'rest']),
};

const sumOver = (h: Histogram, cells: [Cohort, Band][], key: (c: Cohort, b: Band) => string) =>
  cells.reduce((s, [c, b]) => s + (h[key(c, b)] ?? 0), 0);

export const groupSize = (h: Histogram, group: PulseGroup) => sumOver(h, GROUP_CELLS[group], nKey);

/**
 * One dimension's hidden groups: those under k, then, while exactly one is hidden or the hidden ones
 * together hold fewer than k, the smallest shown one too (so total − shown never isolates < k people).
 */
export function suppressDimension(sizes: Record<string, number>, k: number): Map<string, Suppression> {
  const hidden = new Map<string, Suppression>();
  for (const [group, n] of Object.entries(sizes)) if (n < k) hidden.set(group, 'fewer-than-k');
  const hiddenTotal = () => [...hidden.keys()].reduce((s, g) => s + (sizes[g] ?? 0), 0);
  while (hidden.size > 0 && (hidden.size === 1 || hiddenTotal() < k)) {
    const next = Object.entries(sizes)
      .filter(([g]) => !hidden.has(g))
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    if (!next) break; // every group hidden: nothing of this dimension is derivable but the total
    hidden.set(next[0], 'complementary');
  }
  return hidden;
}

/** Two-sided 95% t quantile for `df` degrees of freedom (rounded towards the wider interval). */
export function t95(df: number): number {
  const table: [number, number][] = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [5, 2.571],
    [6, 2.447],
    [7, 2.365],
    [8, 2.306],
    [9, 2.262],
    [10, 2.228],
    [12, 2.179],
    [15, 2.131],
    [20, 2.086],
    [30, 2.042],
    [60, 2.0],
    [120, 1.98],
  ];
  let q = 12.706;
  for (const [d, v] of table) if (df >= d) q = v;
  return df > 1000 ? 1.96 : q;
}

function itemFigures(h: Histogram, cells: [Cohort, Band][], n: number, k: number) {
  const items: Partial<Record<PulseItemId, ItemFigures>> = {};
  for (const item of PULSE_ITEMS) {
    const counts = item.labels.map((_, i) => sumOver(h, cells, (c, b) => valueKey(c, b, item.id, i + 1)));
    const answered = counts.reduce((s, x) => s + x, 0);
    let mean: number | null = null;
    let ci: [number, number] | null = null;
    // A mean over fewer than k answers is too uncertain to chart; the counts above still show them.
    if (answered >= k) {
      const sum = counts.reduce((s, x, i) => s + x * (i + 1), 0);
      mean = sum / answered;
      const ss = counts.reduce((s, x, i) => s + x * (i + 1 - (mean as number)) ** 2, 0);
      const half = t95(answered - 1) * Math.sqrt(ss / (answered - 1) / answered);
      ci = [Math.max(1, mean - half), Math.min(item.labels.length, mean + half)];
    }
    items[item.id] = { counts, skipped: Math.max(0, n - answered), mean, ci };
  }
  return items;
}

/**
 * A split of one shown group of people into categories, protected like the cohorts: the categories under k
 * hidden, and with them the fewest others needed so that total − shown never isolates fewer than k.
 */
export function splitFigures(counts: readonly number[], k: number): SplitFigures {
  const hidden = suppressDimension(Object.fromEntries(counts.map((n, i) => [String(i), n])), k);
  return {
    counts: counts.map((n, i) => (hidden.has(String(i)) ? null : n)),
    suppressed: counts.map((_, i) => hidden.get(String(i)) ?? null),
  };
}

/**
 * Participation per support cohort. Three groups of people per cohort c: its respondents r_c, its teachers T_c
 * and those of them who did not answer, m_c = T_c − r_c. T_c is shown only when r_c is shown and T_c and m_c
 * both hold ≥ k; then, as in `suppressDimension`, cohorts are hidden together until the hidden ones' teachers,
 * respondents and non-respondents each hold ≥ k (each union is derivable from the shown totals), or all are.
 */
export function cohortParticipation(
  respondents: Partial<Record<Cohort, number>>,
  teachers: Record<Cohort, number> | null,
  shownRespondents: ReadonlySet<Cohort>,
  totalTeachersShown: boolean,
  k: number,
): WeekFigures['cohorts'] {
  const r = (c: Cohort) => respondents[c] ?? 0;
  const t = (c: Cohort) => teachers?.[c] ?? 0;
  const m = (c: Cohort) => Math.max(0, t(c) - r(c));
  const hidden = new Map<Cohort, Suppression>();
  for (const c of COHORTS) {
    if (teachers && (t(c) < k || m(c) < k)) hidden.set(c, 'fewer-than-k');
    else if (!teachers || !totalTeachersShown || !shownRespondents.has(c)) hidden.set(c, 'complementary');
  }
  const sum = (f: (c: Cohort) => number) => [...hidden.keys()].reduce((s, c) => s + f(c), 0);
  while (
    hidden.size > 0 &&
    hidden.size < COHORTS.length &&
    (hidden.size === 1 || sum(t) < k || sum(m) < k || sum(r) < k)
  ) {
    const next = COHORTS.filter((c) => !hidden.has(c)).sort(
      (a, b) => Math.min(t(a), m(a)) - Math.min(t(b), m(b)) || a.localeCompare(b),
    )[0] as Cohort;
    hidden.set(next, 'complementary');
  }
  return COHORTS.map((cohort) => {
    const why = hidden.get(cohort) ?? null;
    return why
      ? { cohort, teachers: null, participation: null, suppressed: why }
      : { cohort, teachers: t(cohort), participation: r(cohort) / t(cohort), suppressed: null };
  });
}

/** Everything the programme view may show of one closed week. Depends on the week's data only. */
export function weekFigures(
  week: string,
  h: Histogram,
  k: number,
  teachers: number | null,
  cohortTeachers: Record<Cohort, number> | null = null,
): WeekFigures {
  const total = groupSize(h, 'all');
  const hidden = new Map<PulseGroup, Suppression>();
  if (total < k) {
    for (const g of Object.keys(GROUP_CELLS) as PulseGroup[])
      hidden.set(g, g === 'all' ? 'fewer-than-k' : 'week-below-k');
  } else {
    const cohorts = Object.fromEntries(COHORTS.map((c) => [c, groupSize(h, c)]));
    const bands = {
      'first-year': groupSize(h, 'first-year'),
      'not-first-year': groupSize(h, 'not-first-year'),
    };
    for (const [g, why] of suppressDimension(cohorts, k)) hidden.set(g as PulseGroup, why);
    for (const [g, why] of suppressDimension(bands, k)) hidden.set(g as PulseGroup, why);
  }
  const groups: GroupFigures[] = (Object.keys(GROUP_CELLS) as PulseGroup[]).map((group) => {
    const why = hidden.get(group);
    if (why) return { group, n: null, suppressed: why, items: null };
    const n = groupSize(h, group);
    return { group, n, suppressed: null, items: itemFigures(h, GROUP_CELLS[group], n, k) };
  });
  const respondents = total >= k ? total : null;
  // Those who did not answer are a group too ("all but two answered"): the number of teachers is shown only
  // when it cannot be subtracted down to fewer than k non-respondents.
  const nonRespondents = teachers === null ? null : teachers - total;
  const shownTeachers =
    teachers !== null && teachers >= k && (respondents === null || (nonRespondents ?? 0) >= k)
      ? teachers
      : null;
  const participation = respondents !== null && shownTeachers !== null ? respondents / shownTeachers : null;
  const cohorts = cohortParticipation(
    Object.fromEntries(COHORTS.map((c) => [c, groupSize(h, c)])),
    cohortTeachers,
    new Set(COHORTS.filter((c) => groups.some((g) => g.group === c && g.n !== null))),
    shownTeachers !== null,
    k,
  );
  return { week, teachers: shownTeachers, respondents, participation, groups, cohorts };
}

/**
 * What one query returns: the latest `weeks` closed weeks, and only `group` if asked. Selection only: every
 * figure was decided per week above, so no sequence of queries can show two versions of one figure.
 */
export function selectFigures(
  all: readonly WeekFigures[],
  query: { weeks: number; group?: PulseGroup | undefined },
): WeekFigures[] {
  return all
    .slice(-query.weeks)
    .map((w) => (query.group ? { ...w, groups: w.groups.filter((g) => g.group === query.group) } : w));
}

/**
 * The feedback box's batches over the retained closed weeks (oldest first), cut so they never move. A batch is a
 * run of weeks holding at least `k` comments; once shown, its cut is stored on its last week (`cuts[i]` is the
 * batch's first week), so later readings cut the same weeks the same way. Were batches recomputed from the oldest
 * retained week, a week expiring would shift every cut, and two readings could be intersected to pin comments to
 * fewer than `k`. A stored batch whose first week has expired is no longer shown (never shown in part); weeks after
 * the last cut gather into the next batch, which is cut (and returned in `newCuts`) once it reaches `k`.
 */
export function feedbackBatches(
  weeks: readonly string[],
  texts: readonly (readonly string[])[],
  cuts: readonly (string | null)[],
  k: number,
): { batches: FeedbackBatch[]; newCuts: { from: string; to: string }[] } {
  const batches: FeedbackBatch[] = [];
  const newCuts: { from: string; to: string }[] = [];
  const commentsOf = (from: number, to: number) => texts.slice(from, to + 1).flat();
  let next = 0;
  cuts.forEach((from, i) => {
    if (from === null) return;
    next = i + 1;
    const start = weeks.indexOf(from);
    if (start < 0 || start > i) return;
    const comments = commentsOf(start, i);
    if (comments.length >= k) batches.push({ from, to: weeks[i] ?? from, comments: comments.sort() });
  });
  let start = -1;
  for (let i = next; i < weeks.length; i++) {
    if (start < 0 && (texts[i]?.length ?? 0) === 0) continue;
    if (start < 0) start = i;
    const comments = commentsOf(start, i);
    if (comments.length < k) continue;
    const cut = { from: weeks[start] ?? '', to: weeks[i] ?? '' };
    batches.push({ ...cut, comments: comments.sort() });
    newCuts.push(cut);
    start = -1;
  }
  return { batches, newCuts };
}
