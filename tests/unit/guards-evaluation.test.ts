/**
 * Runs the guards' evaluation over the labelled set in tests/fixtures/guards/, prints the table, and fails below the
 * targets. The same evaluation as scripts/evaluate-guards.ts. Run on its own with:
 *   npx vitest run --project unit tests/unit/guards-evaluation.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateGuards, formatReport, parseFixtures, TARGETS } from '@staffroom/shared/guards/evaluation';

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
