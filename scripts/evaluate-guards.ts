/**
 * Prints the guards' evaluation on the labelled set in tests/fixtures/guards/ and exits non-zero below the targets
 * (privacy recall >= 0.95, privacy false-positive rate on ordinary talk <= 0.05, crisis recall >= 0.95).
 *
 * How to run: `npx vitest run --project unit tests/unit/guards-evaluation.test.ts` prints the same table and fails
 * below the targets (it also runs in `npm test`). Node 20 cannot execute TypeScript and the repo has no tsx, so the
 * unit test is the runner; with a TypeScript runner, `npx tsx scripts/evaluate-guards.ts` works too.
 *
 * The evaluation itself lives in @staffroom/shared/guards/evaluation (pure, type-checked with the shared package);
 * this file only reads the fixtures.
 *
 * Fixture format: identifying.txt is "<kind>\t<message>", crisis.txt and ordinary.txt are one message per line,
 * schools.txt is the configured school list. Blank lines and lines starting with "#" are ignored.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  evaluateGuards,
  formatReport,
  parseFixtures,
  type EvaluationReport,
  type Fixtures,
} from '@staffroom/shared/guards/evaluation';

export { evaluateGuards, formatReport, TARGETS } from '@staffroom/shared/guards/evaluation';

export const DEFAULT_FIXTURES_DIR = fileURLToPath(new URL('../tests/fixtures/guards/', import.meta.url));

/** Reads and parses the four fixture files. */
export function loadFixtures(dir: string = DEFAULT_FIXTURES_DIR): Fixtures {
  const read = (name: string) => readFileSync(`${dir.replace(/\/?$/, '/')}${name}`, 'utf8');
  return parseFixtures({
    identifying: read('identifying.txt'),
    crisis: read('crisis.txt'),
    ordinary: read('ordinary.txt'),
    schools: read('schools.txt'),
  });
}

/** Loads the fixtures and evaluates both guards. */
export function runEvaluation(dir: string = DEFAULT_FIXTURES_DIR): EvaluationReport {
  return evaluateGuards(loadFixtures(dir));
}

// Direct execution with a TypeScript runner (e.g. `npx tsx scripts/evaluate-guards.ts`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = runEvaluation();
  console.log(formatReport(report));
  process.exitCode = report.passed ? 0 : 1;
}
