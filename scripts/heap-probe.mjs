/**
 * A diagnostic preload (issue 15): the heap a process retains, read after full garbage collections, as a time series.
 * Not product code; nothing imports it. For the memory an idle connection keeps, run the bench's idle scenario with
 * long settles and read the plateaus (before, half connected, all connected):
 *
 *   BENCH_SERVER_ENV_HEAP_PROBE_DIR=/tmp/hp \
 *   BENCH_SERVER_ENV_NODE_OPTIONS="--import=$PWD/scripts/heap-probe.mjs --import=$PWD/scripts/fast-bcrypt.mjs" \
 *   BENCH_FAST_SIGNUP=1 npm run bench -- --scenario idle --duration 20 --targets baseline-1,staffroom-1
 *   node scripts/heap-probe.mjs /tmp/hp        # prints each process's readings
 *
 * (fast-bcrypt.mjs and BENCH_FAST_SIGNUP make the 2,000 sign-ups take seconds; they come before the readings.)
 * Every process started with the preload writes
 * `DIR/<pid>.jsonl`, one line every HEAP_PROBE_EVERY_MS (default 3,000) after two full collections: heap used,
 * external and array buffers, RSS. With HEAP_PROBE_SNAPSHOT_AT=N, it also writes a heap snapshot at the N-th
 * reading (`DIR/<pid>-N.heapsnapshot`), to see what the retained bytes are; `kill -USR2 <pid>` writes one at once. A full collection every 3 s costs a
 * busy server real time: use it on idle runs only.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';

const report = (dir) => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    const rows = readFileSync(join(dir, file), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const mb = (b) => (b / 2 ** 20).toFixed(2);
    console.log(`${file}: ${rows.length} readings`);
    for (const r of rows)
      console.log(`  ${r.t.toFixed(0)} s heap ${mb(r.heap)} MB ext ${mb(r.external)} rss ${mb(r.rss)}`);
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  report(process.argv[2] ?? '/tmp/hp');
} else {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const dir = process.env.HEAP_PROBE_DIR ?? '/tmp/hp';
  const every = Number(process.env.HEAP_PROBE_EVERY_MS ?? 3000);
  const snapshotAt = Number(process.env.HEAP_PROBE_SNAPSHOT_AT ?? 0);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  let n = 0;
  const timer = setInterval(() => {
    gc();
    gc();
    n++;
    const m = process.memoryUsage();
    const line = {
      t: (Date.now() - started) / 1000,
      heap: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      rss: m.rss,
    };
    appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(line)}\n`);
    if (n === snapshotAt) v8.writeHeapSnapshot(join(dir, `${process.pid}-${n}.heapsnapshot`));
  }, every);
  timer.unref();
  process.on('SIGUSR2', () => v8.writeHeapSnapshot(join(dir, `${process.pid}-signal-${n}.heapsnapshot`)));
}
