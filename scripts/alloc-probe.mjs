/**
 * A diagnostic preload (issue 15): what a server allocates, short-lived objects included (V8's sampling heap
 * profiler with the objects scavenges and mark-compacts collected kept in the profile). Not product code.
 *
 *   BENCH_SERVER_ENV_NODE_OPTIONS=--import=$PWD/scripts/alloc-probe.mjs BENCH_SERVER_ENV_ALLOC_PROBE_DIR=/tmp/ap \
 *     npm run bench -- --scenario groups --targets staffroom-1 …
 *   kill -USR2 <server pid>   # starts sampling (after the warm-up)
 *   kill -USR2 <server pid>   # stops, writes DIR/<pid>-<n>.heapprofile
 *   node scripts/alloc-probe.mjs DIR/<file>.heapprofile [top]   # bytes by allocating function (self) and by stack
 *
 * ALLOC_PROBE_INTERVAL sets the sampling interval in bytes (default 4,096).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

function summarise(file, top) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const self = new Map();
  let total = 0;
  const walk = (node, stack) => {
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}`;
    const bytes = node.selfSize;
    total += bytes;
    if (bytes > 0) {
      const key = `${name}  <  ${stack.slice(-3).reverse().join('  <  ')}`;
      self.set(key, (self.get(key) ?? 0) + bytes);
    }
    for (const c of node.children) walk(c, [...stack, name]);
  };
  walk(profile.head, []);
  console.log(`${(total / 2 ** 20).toFixed(1)} MB sampled`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  summarise(process.argv[2], Number(process.argv[3] ?? 40));
} else {
  const { Session } = await import('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))),
    );
  const dir = process.env.ALLOC_PROBE_DIR ?? '/tmp/ap';
  mkdirSync(dir, { recursive: true });
  let on = false;
  let n = 0;
  process.on('SIGUSR2', () => {
    if (!on) {
      on = true;
      void post('HeapProfiler.startSampling', {
        samplingInterval: Number(process.env.ALLOC_PROBE_INTERVAL ?? 4096),
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      return;
    }
    on = false;
    void post('HeapProfiler.stopSampling', {}).then(({ profile }) =>
      writeFileSync(join(dir, `${process.pid}-${++n}.heapprofile`), JSON.stringify(profile)),
    );
  });
}
