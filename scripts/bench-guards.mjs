/**
 * Guard latency for a 2,000-character message, as the server runs them per message (crisis, then privacy):
 *
 *   npx tsc -b shared && npx tsc -p bench && node scripts/bench-guards.mjs
 *
 * Prints p50, p99 and max over 5,000 runs per sample after a warm-up. On a shared machine p99 includes other
 * processes' load and GC pauses; run it on a quiet machine for the figure that counts.
 */
import { detectCrisis } from '../shared/dist/guards/crisis.js';
import { detectIdentifying } from '../shared/dist/guards/privacy.js';
import { detectIdentifyingInBrowser } from '../shared/dist/guards/privacy-ner.js';
import { GUARD_SAMPLES as SAMPLES, guardMessage as make } from '../bench/dist/src/guard-samples.js';

const RUNS = Number(process.env.RUNS ?? 5000);

function measure(fn, runs) {
  for (let i = 0; i < 300; i++) fn();
  const t = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    fn();
    t[i] = performance.now() - a;
  }
  t.sort();
  const q = (p) => t[Math.min(runs - 1, Math.floor(p * runs))].toFixed(3);
  return `p50 ${q(0.5)} ms  p99 ${q(0.99)} ms  max ${t[runs - 1].toFixed(3)} ms`;
}

/**
 * CPU time (process.cpuUsage, microseconds) per call, in batches of 10 calls: other processes' load does not count,
 * so this is the figure to read on a busy machine. Prints p50 and p99 over the batches' per-call means.
 */
function measureCpu(fn, runs) {
  for (let i = 0; i < 300; i++) fn();
  const batches = Math.floor(runs / 10);
  const t = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    const a = process.cpuUsage();
    for (let i = 0; i < 10; i++) fn();
    const d = process.cpuUsage(a);
    t[b] = (d.user + d.system) / 10 / 1000;
  }
  t.sort();
  const q = (p) => t[Math.min(batches - 1, Math.floor(p * batches))].toFixed(3);
  return `CPU per call: p50 ${q(0.5)} ms  p99 ${q(0.99)} ms`;
}

for (const [name, s] of Object.entries(SAMPLES)) {
  const server = (text) => () => (detectCrisis(text), detectIdentifying(text));
  console.log(`${name.padEnd(12)} server (crisis + privacy) ${measureCpu(server(make(s)), RUNS)}`);
  const text = make(s);
  console.log(
    `${name.padEnd(12)} server (crisis + privacy) ${measure(() => (detectCrisis(text), detectIdentifying(text)), RUNS)}`,
  );
  console.log(`${name.padEnd(12)}   crisis only            ${measure(() => detectCrisis(text), RUNS)}`);
  console.log(`${name.padEnd(12)}   privacy only           ${measure(() => detectIdentifying(text), RUNS)}`);
  console.log(
    `${name.padEnd(12)} browser privacy with NER ${measure(() => detectIdentifyingInBrowser(text), 300)}`,
  );
}
