/**
 * A diagnostic preload for a Staffroom node under the bench (issue 15): what stalls its event loop. Not product
 * code; nothing imports it. Load it into the servers with `--staffroom-env`:
 *
 *   npm run bench -- --scenario groups --targets staffroom-1 \
 *     --staffroom-env "NODE_OPTIONS=--import=$PWD/scripts/loop-probe.mjs,LOOP_PROBE_OUT=/tmp/probe.json"
 *   # once the bench prints "sending" and its warm-up is over (5 s), start the window:
 *   kill -USR2 <the server's pid>    # clears every figure; the file is rewritten every 2 s from then on
 *
 * It writes, for the window: the event-loop delay (`monitorEventLoopDelay`, 1 ms resolution), garbage
 * collections by kind (count, total and longest pause; 1 = scavenge, 4 = mark-compact, 8 = incremental
 * marking), every `setTimeout` / `setInterval` callback's run time by the place that created it (the long
 * synchronous timers), `setImmediate` callbacks' wait and run time (the end-of-turn delivery flush), and the
 * heap's new and old space sizes. `globalThis.__loopProbeRecord(name, ms)` adds a histogram of anything else a
 * patched build wants timed (e.g. a message's send → write, from the send time in a bench message's text).
 * Wall-clock figures stretch on a busy machine; counts (collections, slices) and CPU-time figures hold better.
 */
import { writeFileSync } from 'node:fs';
import { createHistogram, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

const out = process.env.LOOP_PROBE_OUT ?? `/tmp/loop-probe-${process.pid}.json`;
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let gc = {};
let callbacks = new Map();
let named = new Map();
let immediateWait = createHistogram();
let immediateRun = createHistogram();
let since = performance.now();

/** Histograms hold integers: µs. */
const micro = (ms) => Math.max(1, Math.round(ms * 1000));
const summary = (h) => ({
  n: h.count,
  p50: h.percentile(50) / 1000,
  p99: h.percentile(99) / 1000,
  p999: h.percentile(99.9) / 1000,
  max: h.max / 1000,
});

globalThis.__loopProbeRecord = (name, ms) => {
  let h = named.get(name);
  if (!h) named.set(name, (h = createHistogram()));
  h.record(micro(ms));
};

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = String(e.detail?.kind ?? 0);
    const g = (gc[kind] ??= { n: 0, totalMs: 0, maxMs: 0 });
    g.n++;
    g.totalMs += e.duration;
    g.maxMs = Math.max(g.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });

function record(key, ms) {
  let r = callbacks.get(key);
  if (!r) callbacks.set(key, (r = { n: 0, totalMs: 0, maxMs: 0, over1ms: 0, over5ms: 0 }));
  r.n++;
  r.totalMs += ms;
  r.maxMs = Math.max(r.maxMs, ms);
  if (ms > 1) r.over1ms++;
  if (ms > 5) r.over5ms++;
}

for (const kind of ['setTimeout', 'setInterval']) {
  const original = globalThis[kind];
  globalThis[kind] = function (fn, ms, ...args) {
    if (typeof fn !== 'function') return original.call(this, fn, ms, ...args);
    // Where the timer was made (the caller's frame), cut to the built file's path inside the repository.
    const site = (new Error().stack?.split('\n')[2] ?? '').trim().replace(/file:\/\/\/\S*?\/dist\//, 'dist/');
    const key = `${kind} ${fn.name || '(anonymous)'} ${site}`;
    return original.call(
      this,
      function (...a) {
        const start = performance.now();
        try {
          return fn.apply(this, a);
        } finally {
          record(key, performance.now() - start);
        }
      },
      ms,
      ...args,
    );
  };
}

const originalImmediate = globalThis.setImmediate;
globalThis.setImmediate = function (fn, ...args) {
  const queuedAt = performance.now();
  const key = `setImmediate ${fn.name || '(anonymous)'}`;
  return originalImmediate.call(
    this,
    function (...a) {
      const start = performance.now();
      immediateWait.record(micro(start - queuedAt));
      try {
        return fn.apply(this, a);
      } finally {
        const ms = performance.now() - start;
        immediateRun.record(micro(ms));
        record(key, ms);
      }
    },
    ...args,
  );
};

const space = (name) =>
  (v8.getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_size ?? 0) / 2 ** 20;

function dump() {
  const timers = [...callbacks]
    .filter(([, r]) => r.totalMs > 20 || r.maxMs > 3)
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .slice(0, 40)
    .map(([key, r]) => ({ key, ...r }));
  writeFileSync(
    out,
    JSON.stringify(
      {
        seconds: (performance.now() - since) / 1000,
        newSpaceMB: space('new_space'),
        oldSpaceMB: space('old_space'),
        loopDelayMs: {
          p50: loopDelay.percentile(50) / 1e6,
          p99: loopDelay.percentile(99) / 1e6,
          max: loopDelay.max / 1e6,
        },
        gc,
        immediateWaitMs: summary(immediateWait),
        immediateRunMs: summary(immediateRun),
        named: Object.fromEntries([...named].map(([k, h]) => [k, summary(h)])),
        timers,
      },
      null,
      1,
    ),
  );
}

const timer = setInterval(dump, 2000);
timer.unref();
process.on('SIGUSR2', () => {
  loopDelay.reset();
  gc = {};
  callbacks = new Map();
  named = new Map();
  immediateWait = createHistogram();
  immediateRun = createHistogram();
  since = performance.now();
});
