import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENDINGS, LENGTH_BUCKETS } from '@staffroom/shared/schemas/wellness';
import { activityWeek, feedbackMonths, summariseSupport, type FrozenWeek } from './activity.js';

/** Exact (integer, fraction-free) row reduction: is `v` a rational combination of the basis rows? */
function makeSpan(rows: bigint[][]) {
  const basis: { pivot: number; row: bigint[] }[] = [];
  const reduce = (input: bigint[]) => {
    let v = [...input];
    for (const { pivot, row } of basis) {
      if (v[pivot] === 0n) continue;
      const a = row[pivot] as bigint;
      const b = v[pivot] as bigint;
      v = v.map((x, i) => x * a - (row[i] as bigint) * b);
    }
    return v;
  };
  for (const r of rows) {
    const v = reduce(r);
    const pivot = v.findIndex((x) => x !== 0n);
    if (pivot >= 0) basis.push({ pivot, row: v });
  }
  return { contains: (v: bigint[]) => reduce(v).every((x) => x === 0n) };
}

/** Every non-empty set of fine cells derivable from `rows` holds ≥ k people (or throws, naming it). */
function assertProtected(cells: number[], rows: bigint[][], k: number, what: string) {
  const span = makeSpan(rows);
  for (let mask = 1; mask < 1 << cells.length; mask++) {
    const v = cells.map((_, j) => ((mask >> j) & 1 ? 1n : 0n));
    if (!span.contains(v)) continue;
    const n = cells.reduce((s, x, j) => s + ((mask >> j) & 1 ? x : 0), 0);
    if (n < k) throw new Error(`${what}: cells ${mask.toString(2)} derivable with ${n} < ${k} people`);
  }
}

const size = fc.oneof(
  fc.integer({ min: 0, max: 4 }),
  fc.integer({ min: 0, max: 9 }),
  fc.integer({ min: 0, max: 25 }),
);
const EMPTY: Omit<FrozenWeek, 'ended'> = {
  posters: 0,
  activeGroups: 0,
  teachers: { 'one-to-one': 0, 'groups-only': 0, neither: 0, total: 0 },
  requests: 0,
  matched: { n: 0, medianHours: 0, buckets: [0, 0, 0, 0] },
};

describe('programme activity: small-cell protection', () => {
  it('support that ended, split by how and by how long: nothing derivable rests on fewer than k', () => {
    const E = ENDINGS.length;
    const L = LENGTH_BUCKETS.length;
    let shownSplits = 0;
    fc.assert(
      fc.property(
        fc.array(size, { minLength: E * L, maxLength: E * L }),
        fc.integer({ min: 5, max: 8 }),
        (grid, k) => {
          // Fine cells: ending e × length l, index e * L + l.
          const endings = ENDINGS.map((_, e) => grid.slice(e * L, e * L + L).reduce((s, x) => s + x, 0));
          const lengths = LENGTH_BUCKETS.map((_, l) =>
            ENDINGS.reduce((s, _e, e) => s + (grid[e * L + l] ?? 0), 0),
          );
          const n = endings.reduce((s, x) => s + x, 0);
          const week = activityWeek(
            '2026-01-05',
            { messages: 0, meetings: 0 },
            { ...EMPTY, ended: { n, medianDays: 3, endings, lengths } },
            k,
          );
          const rows: bigint[][] = [];
          const vec = (pick: (e: number, l: number) => boolean) =>
            grid.map((_, i) => (pick(Math.floor(i / L), i % L) ? 1n : 0n));
          if (week.ended) {
            rows.push(vec(() => true));
            week.ended.endings.counts.forEach((c, e) => c !== null && rows.push(vec((ee) => ee === e)));
            week.ended.lengths.counts.forEach((c, l) => c !== null && rows.push(vec((_e, ll) => ll === l)));
            if (week.ended.endings.counts.some((c) => c !== null)) shownSplits += 1;
            expect(week.ended.medianDays === null).toBe(week.ended.lengths.counts.includes(null));
          } else expect(n).toBeLessThan(k);
          assertProtected(grid, rows, k, 'ended');
        },
      ),
      { numRuns: 400 },
    );
    expect(shownSplits).toBeGreaterThan(40);
  }, 120_000);

  it('closing feedback per month, scores × recommend, with the mean: nothing derivable rests on fewer than k', () => {
    let shownScores = 0;
    fc.assert(
      fc.property(
        fc.array(size, { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 5, max: 8 }),
        (grid, k) => {
          // Fine cells: score s (1..5) × recommend r (0 no, 1 yes), index (s - 1) * 2 + r.
          const entries = grid.flatMap((count, i) =>
            Array.from({ length: count }, () => ({
              helpfulness: Math.floor(i / 2) + 1,
              recommend: i % 2 === 1,
              month: '2026-01',
            })),
          );
          const [month] = feedbackMonths(entries, '2026-02', k);
          const rows: bigint[][] = [];
          const vec = (f: (s: number, r: number) => bigint) =>
            grid.map((_, i) => f(Math.floor(i / 2) + 1, i % 2));
          if (month && month.n !== null) {
            rows.push(vec(() => 1n));
            month.scores?.counts.forEach(
              (c, j) => c !== null && rows.push(vec((s) => (s === j + 1 ? 1n : 0n))),
            );
            if (month.recommend !== null) rows.push(vec((_s, r) => BigInt(r)));
            // The mean times n is the sum of scores: a weighted row.
            if (month.meanHelpfulness !== null) rows.push(vec((s) => BigInt(s)));
            if (month.scores?.counts.some((c) => c !== null)) shownScores += 1;
          }
          assertProtected(grid, rows, k, 'feedback');
        },
      ),
      { numRuns: 300 },
    );
    expect(shownScores).toBeGreaterThan(30);
  }, 120_000);

  it('summarises a week of one-to-one records into buckets, by the week each thing happened', () => {
    const H = 3_600_000;
    const D = 24 * H;
    const start = Date.UTC(2026, 9, 5);
    const summary = summariseSupport(
      {
        requests: [
          { createdAt: start - D, conversationId: 'a' }, // asked the week before, matched in this one
          { createdAt: start + H, conversationId: 'b' },
          { createdAt: start + 2 * H, conversationId: null },
          { createdAt: start + 8 * D, conversationId: null }, // next week
        ],
        conversations: [
          { id: 'a', createdAt: start + 2 * D, status: 'active', closeProposedBy: null, blocked: false },
          {
            id: 'b',
            createdAt: start + 5 * H,
            status: 'closed',
            closedAt: start + 6 * D,
            closeProposedBy: 'consultant',
            blocked: false,
          },
          {
            id: 'old',
            createdAt: start - 50 * D,
            status: 'closed',
            closedAt: start + D,
            closeProposedBy: 'teacher',
            blocked: true,
          },
        ],
      },
      start,
      start + 7 * D,
    );
    expect(summary).toEqual({
      requests: 2,
      matched: { n: 2, medianHours: 38, buckets: [1, 0, 1, 0] },
      ended: { n: 2, medianDays: 28, endings: [0, 1, 1], lengths: [1, 0, 1, 0] },
    });
  });
});
