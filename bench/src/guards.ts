/**
 * Guard latency, reported by every `npm run bench` run (and alone by `npm run bench -- --guards`): the crisis and
 * privacy guards as the server runs them per message (detectCrisis, then detectIdentifying) on 2,000-character
 * messages of three kinds. Issue 11's target is p99 ≤ 1 ms per message. Wall time includes other processes' load
 * on a shared machine, so the CPU time of the same calls is printed beside it.
 */
import { findBlockedTerms } from '@staffroom/shared/guards/blocked-terms';
import { detectCrisis, normaliseForCrisis } from '@staffroom/shared/guards/crisis';
import { scoreNormalised } from '@staffroom/shared/guards/crisis-model';
import { prepare } from '@staffroom/shared/guards/normalize';
import { detectIdentifying } from '@staffroom/shared/guards/privacy';
import { GUARD_MESSAGE_LENGTH as LENGTH, GUARD_SAMPLES, guardMessage } from './guard-samples.js';
import type { GuardImpl } from './guard-stages.js';

/** This checkout's guards, for the stage breakdown (guard-stages.ts). */
export const BUILT_GUARDS: GuardImpl = {
  prepare,
  normaliseForCrisis,
  scoreNormalised: (normalised) => scoreNormalised(normalised),
  detectCrisis,
  findBlockedTerms,
  detectIdentifying: (text) => detectIdentifying(text),
};

export const GUARDS_P99_TARGET_MS = 1;
const RUNS = 3_000;
/** `--smoke` proves the measurement runs end to end; its figures are not meant to be read. */
export const SMOKE_GUARD_RUNS = 300;

const quantile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

export interface GuardLatency {
  sample: string;
  runs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time per call (batches of 10), p99 over batches: other processes' load does not count. */
  cpuP99Ms: number;
  /** The same, p50: on a loaded machine even CPU time's tail grows (caches and cores shared), its middle less. */
  cpuP50Ms: number;
}

export function measureGuards(runs = RUNS): GuardLatency[] {
  const out: GuardLatency[] = [];
  for (const [sample, unit] of Object.entries(GUARD_SAMPLES)) {
    const text = guardMessage(unit);
    const run = () => {
      detectCrisis(text);
      detectIdentifying(text);
    };
    for (let i = 0; i < runs / 10; i++) run();
    const wall = new Float64Array(runs);
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      run();
      wall[i] = performance.now() - started;
    }
    wall.sort();
    const cpu = new Float64Array(runs / 10);
    for (let b = 0; b < cpu.length; b++) {
      const before = process.cpuUsage();
      for (let i = 0; i < 10; i++) run();
      const d = process.cpuUsage(before);
      cpu[b] = (d.user + d.system) / 10 / 1000;
    }
    cpu.sort();
    out.push({
      sample,
      runs,
      p50Ms: quantile(wall, 0.5),
      p99Ms: quantile(wall, 0.99),
      maxMs: wall[runs - 1] ?? 0,
      cpuP99Ms: quantile(cpu, 0.99),
      cpuP50Ms: quantile(cpu, 0.5),
    });
  }
  return out;
}

export function guardsText(results: readonly GuardLatency[], loadAverage: number): string {
  const lines = [
    `Guards (crisis + privacy per ${LENGTH}-character message, ${results[0]?.runs ?? RUNS} runs each; load average ${loadAverage.toFixed(1)}):`,
  ];
  for (const r of results) {
    const verdict = r.p99Ms <= GUARDS_P99_TARGET_MS ? 'met' : 'MISSED';
    lines.push(
      `  ${r.sample.padEnd(12)} p50 ${r.p50Ms.toFixed(3)} ms  p99 ${r.p99Ms.toFixed(3)} ms  max ${r.maxMs.toFixed(3)} ms  ` +
        `CPU p50 ${r.cpuP50Ms.toFixed(3)} ms  p99 ${r.cpuP99Ms.toFixed(3)} ms  (target p99 ≤ ${GUARDS_P99_TARGET_MS} ms: ${verdict})`,
    );
  }
  return lines.join('\n');
}
