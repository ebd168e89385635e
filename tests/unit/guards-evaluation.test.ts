/**
 * Runs the guards' evaluation over the labelled set in tests/fixtures/guards/, prints the table, and fails below the
 * targets. The same evaluation as scripts/evaluate-guards.ts. Run on its own with:
 *   npx vitest run --project unit tests/unit/guards-evaluation.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateGuards, formatReport, parseFixtures, TARGETS } from '@staffroom/shared/guards/evaluation';
import {
  CRISIS_LABELS,
  evaluateCrisisHeldOut,
  evaluatePrivacyHeldOut,
  formatHeldOut,
  noWorseThan,
  parseHeldOut,
  PRIVACY_LABELS,
  type Figure,
} from '@staffroom/shared/guards/heldout-evaluation';

const read = (name: string) => readFileSync(new URL(`../fixtures/guards/${name}`, import.meta.url), 'utf8');

describe('guard evaluation on the labelled set', () => {
  const fixtures = parseFixtures({
    identifying: read('identifying.txt'),
    crisis: read('crisis.txt'),
    ordinary: read('ordinary.txt'),
    schools: read('schools.txt'),
  });
  const report = evaluateGuards(fixtures);

  it('prints the evaluation table', () => {
    console.log(formatReport(report));
  });

  it('has a labelled set of the promised size', () => {
    expect(fixtures.identifying.length).toBeGreaterThanOrEqual(120);
    expect(fixtures.crisis.length).toBeGreaterThanOrEqual(80);
    expect(fixtures.ordinary.length).toBeGreaterThanOrEqual(200);
    expect(fixtures.schools.length).toBeGreaterThan(0);
  });

  it(`privacy guard recall >= ${TARGETS.privacyRecall}`, () => {
    expect(report.privacy.recall).toBeGreaterThanOrEqual(TARGETS.privacyRecall);
  });

  it(`privacy guard false-positive rate on ordinary talk <= ${TARGETS.privacyFalsePositiveRate}`, () => {
    expect(report.privacy.falsePositiveRate).toBeLessThanOrEqual(TARGETS.privacyFalsePositiveRate);
  });

  it(`crisis guard recall >= ${TARGETS.crisisRecall}`, () => {
    expect(report.crisis.recall).toBeGreaterThanOrEqual(TARGETS.crisisRecall);
  });

  it('passes exactly when every target is met', () => {
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
  });
});

/**
 * The held-out lines (written before the day's changes, never tuned on; see tests/fixtures/guards/README.md). The
 * floors are the figures first measured on them: the test fails if a change makes the guards worse there, and prints
 * which of issue 11's targets are still missed. Raising a floor is fine; lowering one needs a reason in the README.
 */
describe('guard evaluation on the held-out lines', () => {
  const crisis = evaluateCrisisHeldOut(
    parseHeldOut(read('crisis-heldout.tsv'), CRISIS_LABELS, 'crisis-heldout'),
  );
  const privacy = evaluatePrivacyHeldOut(
    parseHeldOut(read('privacy-heldout.tsv'), PRIVACY_LABELS, 'privacy-heldout'),
  );
  const figures = { ...crisis.figures, ...privacy.figures };
  const FLOORS: Record<Figure, number> = {
    crisisFirstPersonRecall: 25 / 27,
    crisisPlanRecall: 13 / 15,
    crisisNotRiskFalsePositiveRate: 2 / 32,
    privacyRecall: 52 / 52,
    privacyNameRecall: 16 / 16,
    privacyFalsePositiveRate: 1 / 40,
  };

  it('prints the held-out figures and the issue targets', () => {
    console.log(formatHeldOut(crisis, privacy));
  });

  it('has held-out lines of every label', () => {
    for (const l of CRISIS_LABELS) expect(crisis.flagged[l].lines, l).toBeGreaterThanOrEqual(4);
    for (const l of PRIVACY_LABELS) expect(privacy.warned[l].lines, l).toBeGreaterThanOrEqual(4);
  });

  for (const name of Object.keys(FLOORS) as Figure[]) {
    it(`${name} is no worse than when first measured (${FLOORS[name].toFixed(3)})`, () => {
      expect(noWorseThan(name, figures[name], FLOORS[name]), `${name} = ${figures[name]}`).toBe(true);
    });
  }

  it('reports third-person concern for most third-person lines', () => {
    expect(crisis.thirdPersonConcern.hits / crisis.thirdPersonConcern.lines).toBeGreaterThanOrEqual(0.75);
  });
});
