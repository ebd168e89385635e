import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take long for their size, started first. On a clean clone (CI) vitest has no durations yet and starts
 * the largest files first; a short file that runs long then starts last and runs alone at the end while the other
 * worker idles. `bench-smoke` is 3 KB and runs the whole benchmark in smoke size (a build, the guard measurement, five
 * targets with their sign-ups): about a minute.
 */
const SLOW_FOR_THEIR_SIZE = ['tests/integration/bench-smoke.test.ts'];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (f: TestSpecification) => SLOW_FOR_THEIR_SIZE.some((name) => f.moduleId.endsWith(name));
    return [...sorted.filter(slow), ...sorted.filter((f) => !slow(f))];
  }
}
