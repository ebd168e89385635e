/**
 * Bytes allocated and CPU time per call of the server's guards (detectCrisis, then detectIdentifying on the same
 * text), over training lines and the bench generator's messages (never held-out files). Issue 15.
 *
 *   npx tsc -b shared && node --max-semi-space-size=64 scripts/alloc-guards.mjs [--profile [top]]
 *
 * Bytes: the heap's used size before and after a batch of calls, kept only for batches no collection ran in (a large
 * young generation makes that most of them): exact bytes, short-lived objects included. CPU: process.cpuUsage per
 * pass over all the texts. `--profile` adds V8's sampling heap profiler (every 256 bytes, collected objects kept):
 * bytes by allocating function in shared/dist.
 */
import v8 from 'node:v8';
import { Session } from 'node:inspector';
import { detectCrisis } from '../shared/dist/guards/crisis.js';
import { detectIdentifying } from '../shared/dist/guards/privacy.js';
import { benchGeneratorMessages, filesUnder, fixtureLines } from './guard-texts.mjs';

const training = filesUnder('scripts/guards-training', (n) => n.endsWith('.tsv')).flatMap(fixtureLines);
const sets = { training, bench: benchGeneratorMessages().slice(0, 500) };

const screen = (text) => (detectCrisis(text), detectIdentifying(text));
const used = () => v8.getHeapStatistics().used_heap_size;

function bytesPerCall(texts) {
  const BATCH = 20;
  let bytes = 0;
  let calls = 0;
  for (let pass = 0; pass < 4; pass++) {
    for (let i = 0; i < texts.length; i += BATCH) {
      const batch = texts.slice(i, i + BATCH);
      const before = used();
      for (const t of batch) screen(t);
      const after = used();
      if (after > before) {
        bytes += after - before;
        calls += batch.length;
      }
    }
  }
  return { bytes: bytes / calls, kept: calls / (4 * texts.length) };
}

function cpuPerCall(texts, passes) {
  const a = process.cpuUsage();
  for (let p = 0; p < passes; p++) for (const t of texts) screen(t);
  const d = process.cpuUsage(a);
  return (d.user + d.system) / (passes * texts.length);
}

for (const texts of Object.values(sets)) for (let p = 0; p < 3; p++) for (const t of texts) screen(t);

for (const [name, texts] of Object.entries(sets)) {
  const { bytes, kept } = bytesPerCall(texts);
  const cpu = cpuPerCall(texts, 5);
  console.log(
    `${name.padEnd(9)} ${String(texts.length).padStart(5)} texts  ${Math.round(bytes).toLocaleString('en').padStart(7)} bytes/call` +
      `  ${cpu.toFixed(1).padStart(6)} µs/call CPU  (${Math.round(100 * kept)} % of batches without a GC)`,
  );
}

if (process.argv.includes('--profile')) {
  const top = Number(process.argv[process.argv.indexOf('--profile') + 1]) || 25;
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  // Every 4th training line and the bench's messages, once: the profiler slows the calls down many times.
  const all = [...sets.training.filter((_, i) => i % 4 === 0), ...sets.bench];
  for (const t of all) screen(t);
  const { profile } = await post('HeapProfiler.stopSampling', {});
  const self = new Map();
  let total = 0;
  const walk = (node, caller) => {
    const f = node.callFrame;
    const here = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/dist\//, '')}:${f.lineNumber + 1}`;
    total += node.selfSize;
    // Built-ins (slice, split, RegExp exec) are charged to the guard function that called them.
    const key = /shared\/dist|^\S+ guards\//.test(here) || !caller ? here : caller;
    if (node.selfSize > 0) self.set(key, (self.get(key) ?? 0) + node.selfSize);
    for (const c of node.children) walk(c, f.url.includes('/dist/') ? here : caller);
  };
  walk(profile.head, null);
  const calls = all.length;
  console.log(`sampled ${Math.round(total / calls).toLocaleString('en')} bytes/call`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((100 * v) / total).toFixed(1).padStart(5)} %  ${Math.round(v / calls)
        .toLocaleString('en')
        .padStart(6)} B/call  ${k}`,
    );
}
