/**
 * Where a Staffroom node's CPU goes, by stage of the message path, from an on-CPU `perf` sample dump.
 *
 * V8's `--cpu-prof` samples wall time: a thread waiting for a core inside a syscall is counted there, which on a
 * saturated 2-core box inflates socket writes. `perf record -e cpu-clock` samples only what runs on a CPU, kernel
 * included. Record the server processes during a bench window (their JS frames are named with
 * `--perf-basic-prof`), dump the stacks, then summarise:
 *
 *   npm run bench -- --scenario groups --targets staffroom-2 --staffroom-env NODE_OPTIONS=--perf-basic-prof &
 *   # once it prints "sending", for 20 s of the measured window:
 *   perf record -e cpu-clock -F 499 -g -p "$(pgrep -d, -f server/dist/main.js)" -o /tmp/perf.data -- sleep 20
 *   perf script -i /tmp/perf.data -F pid,ip,sym > /tmp/perf.txt
 *   node bench/dist/src/oncpu.js /tmp/perf.txt [--top 25]
 *
 * With `--server PATH` the bench CLI's own command line names PATH too: keep its pid (`pgrep -f bench/dist/src/cli`)
 * out of `-p`, or its generator threads land in the samples (2026-12-07: 56 % of a staffroom-1 profile).
 *
 * `--top N` also lists the N frames with the most self time (the sampled frame itself, not its callers), JS
 * frames by function and file name.
 *
 * Each sample goes to the first stage (in the order below) that has a frame anywhere on its stack.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const STAGES: [stage: string, frame: RegExp][] = [
  // Redis mode: the subscription's messages, then the per-turn flush to this node's sockets (`deliverMessages`);
  // embedded mode: `deliver` called from inside the append.
  [
    'deliver: stored message → sockets of this node',
    /JS:\S*(deliver|flush) \S*messages\.handlers\.js|handleSubscriberReply/,
  ],
  [
    'guards (screen: blocked terms, privacy, crisis)',
    /JS:\S*(screen|screenWith|admitPost) \S*moderation\.service|detectCrisis|detectIdentifying|findBlockedTerms/,
  ],
  [
    'append: the Lua script call (key building, ioredis, socket write)',
    /redis\/script\.js|messages\.redis-store\.js/,
  ],
  // Deliveries matched above; what is left of the encoded writer is acks (socket.io 4.8's `packet` before).
  ['ack: the answer to the sender', /encoded-emit\.js|socket\.io\/dist\/socket\.js:(347|472):/],
  ['send: the rest of messages.service', /messages\.service\.js/],
  ['event edge: validation, handler call', /on-event\.js/],
  ['Redis replies (ioredis parse, resolve)', /returnReply/],
  ['client frames in (ws receive, socket.io decode)', /receiver\.js|socketOnData|socket\.io-parser/],
  ['socket write completions (drain callbacks)', /afterWriteTick|onDrain|_onSentLast/],
  ['presence', /presence\.js/],
  ['garbage collection', /Scavenger|MarkCompact|Heap::|ConcurrentMarking/],
  ['timers', /listOnTimeout|processTimers/],
  ['waiting for events (epoll)', /epoll_pwait/],
];

/** A frame line of `perf script` without its address, a JS frame's path cut to its file name. */
export function frameName(line: string): string {
  return line
    .replace(/^[0-9a-f]+\s+/, '')
    .replace(/file:\/\/\/\S*\/(\S+)/, '$1')
    .replace(/\s+\(\S+\)$/, '');
}

/**
 * Counts samples per stage in `perf script -F pid,ip,sym` output (a header line, then one frame per line), and
 * self time per frame (the first frame of each sample).
 */
export function summariseOnCpu(dump: string): {
  samples: number;
  stages: [string, number][];
  self: [string, number][];
} {
  const counts = new Map<string, number>();
  const self = new Map<string, number>();
  let samples = 0;
  let stack: string[] = [];
  const flush = () => {
    if (stack.length === 0) return;
    samples += 1;
    const leaf = frameName(stack[0] as string);
    self.set(leaf, (self.get(leaf) ?? 0) + 1);
    const stage =
      STAGES.find(([, frame]) => stack.some((f) => frame.test(f)))?.[0] ??
      'other (mostly promise and nextTick bookkeeping)';
    counts.set(stage, (counts.get(stage) ?? 0) + 1);
    stack = [];
  };
  for (const line of dump.split('\n')) {
    if (!/^\s/.test(line)) flush();
    else if (line.trim()) stack.push(line.trim());
  }
  flush();
  const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1];
  return { samples, stages: [...counts].sort(byCount), self: [...self].sort(byCount) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 0;
  if (!file || !Number.isInteger(top) || top < 0) {
    process.stderr.write('usage: node bench/dist/src/oncpu.js PERF_SCRIPT_OUTPUT [--top N]\n');
    process.exit(2);
  }
  const { samples, stages, self } = summariseOnCpu(readFileSync(file, 'utf8'));
  const share = (n: number) => `${((100 * n) / samples).toFixed(1).padStart(6)} %`;
  process.stdout.write(`${samples} on-CPU samples\n`);
  for (const [stage, n] of stages) process.stdout.write(`${share(n)}  ${stage}\n`);
  if (top > 0) {
    process.stdout.write(`\nTop ${top} frames by self time:\n`);
    for (const [frame, n] of self.slice(0, top)) process.stdout.write(`${share(n)}  ${frame}\n`);
  }
}
