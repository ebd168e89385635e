import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COHORTS, PULSE_GROUPS, PULSE_ITEMS, type PulseGroup } from '@staffroom/shared/schemas/wellness';
import {
  BANDS,
  feedbackBatches,
  GROUP_CELLS,
  nKey,
  selectFigures,
  suppressDimension,
  valueKey,
  weekFigures,
  type Histogram,
} from './aggregate.js';

/** The fine cells of one week, in a fixed order, plus three more: each cohort's teachers who did not answer. */
const CELLS = COHORTS.flatMap((c) => BANDS.map((b) => `${c}|${b}`));
const NON_RESPONDENTS = CELLS.length;
const DIM = CELLS.length + COHORTS.length;
/** A cohort's teachers: its respondents in both bands and its non-respondents. */
const cohortTeachersVector = (cohort: (typeof COHORTS)[number]): bigint[] => {
  const v = indicatorOf(cohort);
  v[NON_RESPONDENTS + COHORTS.indexOf(cohort)] = 1n;
  return v;
};

function indicatorOf(group: PulseGroup): bigint[] {
  const v = Array.from({ length: DIM }, () => 0n);
  for (const [c, b] of GROUP_CELLS[group]) v[CELLS.indexOf(`${c}|${b}`)] = 1n;
  return v;
}
const indicator = indicatorOf;

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
  const distinct = new Map(rows.map((r) => [r.join(','), r]));
  for (const r of distinct.values()) {
    const v = reduce(r);
    const pivot = v.findIndex((x) => x !== 0n);
    if (pivot >= 0) basis.push({ pivot, row: v });
  }
  return { contains: (v: bigint[]) => reduce(v).every((x) => x === 0n) };
}

/** A deterministic histogram from cell sizes: each person answers or skips each item by a seeded draw. */
function histogramOf(sizes: number[], seed: number): Histogram {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const h: Histogram = {};
  COHORTS.forEach((c, ci) =>
    BANDS.forEach((b, bi) => {
      const n = sizes[ci * BANDS.length + bi] ?? 0;
      if (n > 0) h[nKey(c, b)] = n;
      for (let p = 0; p < n; p++) {
        for (const item of PULSE_ITEMS) {
          const draw = Math.floor(next() * (item.labels.length + 1));
          if (draw === 0) continue; // skipped
          const key = valueKey(c, b, item.id, draw);
          h[key] = (h[key] ?? 0) + 1;
        }
      }
    }),
  );
  return h;
}

// Cell sizes concentrated where it matters: 0 to 6, with some larger cells so groups can be shown at all.
const cellSize = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 20 }));
const week = fc.record({
  sizes: fc.array(cellSize, { minLength: CELLS.length, maxLength: CELLS.length }),
  nonRespondents: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 20 })), {
    minLength: COHORTS.length,
    maxLength: COHORTS.length,
  }),
  /** Without a summary of the week, no cohort has a denominator. */
  summarised: fc.boolean(),
  seed: fc.integer(),
});
const query = fc.record({
  weeks: fc.integer({ min: 1, max: 52 }),
  group: fc.option(fc.constantFrom(...PULSE_GROUPS), { nil: undefined }),
});

describe('wellness aggregation: small-cell protection', () => {
  it('no figure derivable by adding or subtracting shown figures rests on fewer than k people', () => {
    let shownCohorts = 0;
    let complementary = 0;
    let shownParticipation = 0;
    fc.assert(
      fc.property(
        fc.array(week, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 5, max: 10 }),
        fc.array(query, { minLength: 1, maxLength: 8 }),
        (weeks, k, queries) => {
          const ids = weeks.map((_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
          const all = weeks.map((w, i) => {
            const total = w.sizes.reduce((s, x) => s + x, 0);
            const missing = w.nonRespondents.reduce((s, x) => s + x, 0);
            const cohortTeachers = Object.fromEntries(
              COHORTS.map((c, ci) => [
                c,
                (w.sizes[ci * 2] ?? 0) + (w.sizes[ci * 2 + 1] ?? 0) + (w.nonRespondents[ci] ?? 0),
              ]),
            ) as Record<(typeof COHORTS)[number], number>;
            return weekFigures(
              ids[i] as string,
              histogramOf(w.sizes, w.seed),
              k,
              total + missing,
              w.summarised ? cohortTeachers : null,
            );
          });
          // Everything any sequence of queries shows, per week; each figure must be the same in every answer.
          const seen = new Map<string, string>();
          const published = new Map<string, bigint[][]>();
          for (const q of queries) {
            for (const wk of selectFigures(all, q)) {
              const rows = published.get(wk.week) ?? [];
              published.set(wk.week, rows);
              const people = Array.from({ length: DIM }, () => 1n);
              if (wk.teachers !== null) rows.push(people);
              for (const g of wk.groups) {
                const key = `${wk.week}/${g.group}`;
                const text = JSON.stringify(g);
                if ((seen.get(key) ?? text) !== text) throw new Error(`${key} differs between two queries`);
                seen.set(key, text);
                if (g.n !== null) rows.push(indicator(g.group));
              }
              if (wk.respondents !== null) rows.push(indicator('all'));
              for (const c of wk.cohorts) {
                if (c.teachers === null) continue;
                rows.push(cohortTeachersVector(c.cohort));
                shownParticipation += 1;
              }
            }
          }
          // Weeks are disjoint blocks (no figure spans two weeks), so a set is derivable iff each week's part
          // is: checking every non-empty subset of each week's cells is the whole statement.
          weeks.forEach((w, i) => {
            const span = makeSpan(published.get(ids[i] as string) ?? []);
            const people = [...w.sizes, ...w.nonRespondents];
            for (let mask = 1; mask < 1 << DIM; mask++) {
              const v = Array.from({ length: DIM }, (_, j) => ((mask >> j) & 1 ? 1n : 0n));
              if (!span.contains(v)) continue;
              const n = people.reduce((s, x, j) => s + ((mask >> j) & 1 ? x : 0), 0);
              if (n < k) {
                throw new Error(
                  `week ${i}: cells ${mask.toString(2)} (non-respondents bit ${NON_RESPONDENTS}) derivable with ${n} < ${k} people`,
                );
              }
            }
          });
          for (const wk of all) {
            for (const g of wk.groups) {
              if (COHORTS.includes(g.group as never) && g.n !== null) shownCohorts += 1;
              if (g.suppressed === 'complementary') complementary += 1;
              if (g.n === null || !g.items) continue;
              for (const item of PULSE_ITEMS) {
                const f = g.items[item.id];
                if (!f) throw new Error('every item is described');
                const answered = f.counts.reduce((s, x) => s + x, 0);
                expect(answered + f.skipped).toBe(g.n);
                expect(f.mean === null).toBe(answered < k);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    // Not vacuous: the generator reaches both shown cohorts and complementary suppression.
    expect(shownCohorts).toBeGreaterThan(100);
    expect(complementary).toBeGreaterThan(50);
    expect(shownParticipation).toBeGreaterThan(30);
  }, 120_000);

  it('a cohort of 4 is hidden together with the next smallest, so total − shown never isolates it', () => {
    const hidden = suppressDimension({ 'one-to-one': 4, 'groups-only': 12, neither: 20 }, 5);
    expect(Object.fromEntries(hidden)).toEqual({
      'one-to-one': 'fewer-than-k',
      'groups-only': 'complementary',
    });
    // Two small cohorts whose union is still under k take the third with them.
    const three = suppressDimension({ 'one-to-one': 2, 'groups-only': 2, neither: 30 }, 5);
    expect(three.size).toBe(3);
    expect(suppressDimension({ 'one-to-one': 5, 'groups-only': 5, neither: 5 }, 5).size).toBe(0);
  });

  it('a week under k shows nothing; participation is hidden when few did not answer', () => {
    const tiny = weekFigures('2026-01-05', histogramOf([1, 1, 1, 0, 0, 1], 7), 5, 40);
    expect(tiny.groups.every((g) => g.n === null)).toBe(true);
    expect(tiny.respondents).toBeNull();
    const nearlyAll = weekFigures('2026-01-05', histogramOf([10, 0, 10, 0, 10, 0], 7), 5, 33);
    expect(nearlyAll.respondents).toBe(30);
    expect(nearlyAll.teachers).toBeNull();
    expect(nearlyAll.participation).toBeNull();
    const some = weekFigures('2026-01-05', histogramOf([10, 0, 10, 0, 10, 0], 7), 5, 40);
    expect(some.participation).toBe(0.75);
  });

  it('participation per cohort: a cohort with fewer than k non-respondents is hidden with its complement', () => {
    const h = histogramOf([10, 0, 10, 0, 10, 0], 7);
    const shown = weekFigures('2026-01-05', h, 5, 60, { 'one-to-one': 15, 'groups-only': 20, neither: 25 });
    expect(shown.cohorts.map((c) => c.participation)).toEqual([10 / 15, 10 / 20, 10 / 25]);
    // One-to-one: 12 teachers, 10 answered, 2 did not: hidden, and the next smallest with it.
    const hidden = weekFigures('2026-01-05', h, 5, 57, { 'one-to-one': 12, 'groups-only': 20, neither: 25 });
    expect(hidden.cohorts.map((c) => c.suppressed)).toEqual(['fewer-than-k', 'complementary', null]);
    expect(hidden.cohorts[2]).toMatchObject({ teachers: 25, participation: 0.4 });
  });
});

describe('feedbackBatches: cuts that never move', () => {
  const K = 5;
  /** Replays a deployment: each reading sees the retained weeks, cuts what reaches k, and stores the cuts. */
  function replay(perWeek: number[], window: number) {
    const weeks = perWeek.map((_, i) => `w${String(i).padStart(3, '0')}`);
    const texts = perWeek.map((n, i) => Array.from({ length: n }, (_, j) => `c${i}.${j}`));
    const stored = new Map<string, string>();
    const shown: { from: string; to: string; comments: string[] }[][] = [];
    for (let end = 1; end <= weeks.length; end++) {
      const start = Math.max(0, end - window);
      const ids = weeks.slice(start, end);
      const { batches, newCuts } = feedbackBatches(
        ids,
        texts.slice(start, end),
        ids.map((w) => stored.get(w) ?? null),
        K,
      );
      for (const c of newCuts) if (!stored.has(c.to)) stored.set(c.to, c.from);
      shown.push(batches);
    }
    return shown;
  }

  it('shows every comment in a batch of at least k, and a batch, once shown, is the same or gone in every later reading', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (perWeek, window) => {
          const readings = replay(perWeek, window);
          const seen = new Map<string, string>();
          for (const batches of readings) {
            for (const b of batches) {
              expect(b.comments.length).toBeGreaterThanOrEqual(K);
              const key = `${b.from}..${b.to}`;
              const before = seen.get(key);
              if (before !== undefined) expect(b.comments.join('|')).toBe(before);
              seen.set(key, b.comments.join('|'));
            }
            // No comment is in two batches of one reading, nor in two different batches across readings.
            const all = batches.flatMap((b) => b.comments);
            expect(new Set(all).size).toBe(all.length);
          }
          const owner = new Map<string, string>();
          for (const [key, joined] of seen)
            for (const c of joined.split('|')) {
              expect(owner.get(c) ?? key).toBe(key);
              owner.set(c, key);
            }
        },
      ),
    );
  });

  it('drops a shown batch whose first week has expired instead of showing the rest of it', () => {
    const cuts = [null, 'w1', null];
    const { batches } = feedbackBatches(['w2', 'w3', 'w4'], [['a', 'b', 'c'], ['d', 'e'], []], cuts, 2);
    expect(batches).toEqual([]);
  });
});
