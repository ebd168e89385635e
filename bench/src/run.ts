import { Generator, type LoadOutcome } from './generator.js';
import { machineBusyMs, RssSampler, sumCpuMs, sumRss } from './proc.js';
import { sleep } from './processes.js';
import type { IdleScenario, LoadScenario, RampScenario, Timing } from './scenarios.js';
import { loadGroups, spread } from './scenarios.js';
import { summarise, type LatencySummary } from './stats.js';
import type { GroupPlan, Target, TargetName } from './targets.js';

/** One measured window against one target. */
export interface LoadResult {
  target: TargetName;
  processes: number;
  description: string;
  requested: number;
  connected: number;
  connectFailures: string[];
  sent: number;
  expected: number;
  received: number;
  /** expected − received: deliveries of measured messages that never arrived (refused sends included). */
  lost: number;
  deliveriesPerSec: number;
  latencyMs: LatencySummary;
  /** Send → ack, Staffroom only (the bare servers do not ack). */
  ackMs: LatencySummary | null;
  sendErrors: Record<string, number>;
  disconnects: number;
  /** User + system CPU of the server processes over the measured window. */
  serverCpuMs: number;
  cpuMsPer1kDeliveries: number;
  redisCpuMs: number | null;
  redisCpuMsPer1kDeliveries: number | null;
  /** Peak of the summed RSS of the server processes, sampled every 250 ms from connect to the end. */
  peakRssBytes: number;
  redisPeakRssBytes: number | null;
  generator: {
    threads: number;
    /** CPU of the generator process (all its threads) per second of the window, in cores. */
    cores: number;
    sendLagP99Ms: number;
    loopDelayP99Ms: number;
    loopDelayMaxMs: number;
  };
  /** CPU used on the machine by anything else during the window, in cores: above ~0.2 the run was disturbed. */
  otherCores: number;
  timingsMs: { provision: number; connect: number };
  /** The measured window (monotonic µs). */
  windowUs: [number, number];
}

export interface RampStep extends LoadResult {
  step: number;
  held: boolean;
  why: string;
}

export interface RampResult {
  target: TargetName;
  processes: number;
  description: string;
  steps: RampStep[];
  /** The largest client count that held (0: none did). */
  held: number;
  /** The ramp stopped at its cap without giving way. */
  reachedCap: boolean;
}

export interface IdleResult {
  target: TargetName;
  processes: number;
  description: string;
  requested: number;
  connected: number;
  connectFailures: string[];
  rssBeforeBytes: number;
  /** RSS with the first half connected. */
  rssHalfBytes: number;
  rssAfterBytes: number;
  /**
   * (RSS after − RSS with half connected) ÷ the second half: the marginal cost of a connection. The first half
   * absorbs heap the process had already grown and freed (Staffroom's sign-ups), which would hide its cost.
   */
  bytesPerConnection: number;
  /** (RSS after − RSS before) ÷ all connections. */
  bytesPerConnectionOverall: number;
}

type Log = (line: string) => void;

async function measure(
  target: Target,
  gen: Generator,
  timing: Timing,
  rss: RssSampler,
): Promise<{
  outcome: LoadOutcome;
  serverCpuMs: number;
  redisCpuMs: number | null;
  generatorCpuMs: number;
  otherCpuMs: number;
}> {
  const pids = target.serverPids();
  const redis = target.redisPid();
  const read = () => ({
    server: sumCpuMs(pids),
    redis: redis ? sumCpuMs([redis]) : 0,
    generator: sumCpuMs([process.pid]),
    machine: machineBusyMs(),
  });
  let start = read();
  let end = start;
  const outcome = await gen.run(timing, (edge) => {
    target.onWindow?.(edge);
    if (edge === 'start') {
      start = read();
    } else {
      end = read();
      rss.sample();
    }
  });
  const serverCpuMs = end.server - start.server;
  const redisCpuMs = end.redis - start.redis;
  const generatorCpuMs = end.generator - start.generator;
  return {
    outcome,
    serverCpuMs,
    redisCpuMs: redis ? redisCpuMs : null,
    generatorCpuMs,
    // Whatever else ran on the machine in the window (other people's tests, the OS): it skews every figure.
    otherCpuMs: Math.max(0, end.machine - start.machine - serverCpuMs - redisCpuMs - generatorCpuMs),
  };
}

function toResult(
  target: Target,
  gen: Generator,
  requested: number,
  failures: string[],
  m: Awaited<ReturnType<typeof measure>>,
  timing: Timing,
  peakRss: number,
  redisPeakRss: number | null,
  timingsMs: { provision: number; connect: number },
  threads: number,
): LoadResult {
  const { outcome } = m;
  const per1k = (cpu: number) => (outcome.received > 0 ? cpu / (outcome.received / 1000) : 0);
  return {
    target: target.name,
    processes: target.processes,
    description: target.description,
    requested,
    connected: gen.connected,
    connectFailures: failures,
    sent: outcome.sent,
    expected: outcome.expected,
    received: outcome.received,
    lost: outcome.expected - outcome.received,
    deliveriesPerSec: outcome.received / (timing.measureMs / 1000),
    latencyMs: summarise(outcome.latencies),
    ackMs: target.kind === 'staffroom' ? summarise(outcome.acks) : null,
    sendErrors: outcome.sendErrors,
    disconnects: outcome.disconnects,
    serverCpuMs: m.serverCpuMs,
    cpuMsPer1kDeliveries: per1k(m.serverCpuMs),
    redisCpuMs: m.redisCpuMs,
    redisCpuMsPer1kDeliveries: m.redisCpuMs === null ? null : per1k(m.redisCpuMs),
    peakRssBytes: peakRss,
    redisPeakRssBytes: redisPeakRss,
    generator: {
      threads,
      cores: m.generatorCpuMs / timing.measureMs,
      sendLagP99Ms: outcome.sendLagP99Ms,
      loopDelayP99Ms: outcome.loopDelayP99Ms,
      loopDelayMaxMs: outcome.loopDelayMaxMs,
    },
    otherCores: m.otherCpuMs / timing.measureMs,
    timingsMs,
    windowUs: gen.lastWindowUs,
  };
}

/** Starts the target, provisions and connects every client, runs the window, stops everything. */
export async function runLoad(
  target: Target,
  s: LoadScenario,
  threads: number,
  log: Log,
): Promise<LoadResult> {
  let gen: Generator | null = null;
  try {
    await target.start();
    const t0 = Date.now();
    const specs = await target.provision(loadGroups(s));
    const t1 = Date.now();
    const rss = new RssSampler(target.serverPids()).start();
    const redisPid = target.redisPid();
    const redisRss = redisPid ? new RssSampler([redisPid]).start() : null;
    gen = new Generator(target.kind, threads);
    const connect = await gen.add(specs);
    const t2 = Date.now();
    log(`    ${target.name}: ${connect.connected}/${specs.length} connected in ${t2 - t1} ms; sending`);
    const m = await measure(target, gen, s, rss);
    return toResult(
      target,
      gen,
      specs.length,
      connect.failures,
      m,
      s,
      rss.stop(),
      redisRss?.stop() ?? null,
      { provision: t1 - t0, connect: t2 - t1 },
      threads,
    );
  } finally {
    await gen?.close();
    await target.stop();
  }
}

/** Grows the connected clients step by step on one running target; stops at the first step that gives way. */
export async function runRamp(
  target: Target,
  s: RampScenario,
  threads: number,
  log: Log,
): Promise<RampResult> {
  let gen: Generator | null = null;
  const steps: RampStep[] = [];
  try {
    await target.start();
    gen = new Generator(target.kind, threads);
    const rss = new RssSampler(target.serverPids()).start();
    const redisPid = target.redisPid();
    const redisRss = redisPid ? new RssSampler([redisPid]).start() : null;
    let requested = 0;
    for (const step of s.steps) {
      const more = step - requested;
      const groups: GroupPlan[] = spread(more, Math.ceil(more / s.membersPerGroup)).map((members) => ({
        members,
        senders: Math.min(members, s.sendersPerGroup),
        rate: s.rate,
      }));
      const t0 = Date.now();
      const specs = await target.provision(groups);
      const t1 = Date.now();
      const connect = await gen.add(specs);
      const t2 = Date.now();
      requested = step;
      log(`    ${target.name}: step ${step}: ${gen.connected}/${step} connected; sending`);
      const m = await measure(target, gen, s, rss);
      const result = toResult(
        target,
        gen,
        step,
        connect.failures,
        m,
        s,
        rss.peak,
        redisRss?.peak ?? null,
        { provision: t1 - t0, connect: t2 - t1 },
        threads,
      );
      const why =
        result.connected < step
          ? `${step - result.connected} clients failed to connect`
          : result.lost !== 0
            ? `${result.lost} deliveries lost`
            : result.latencyMs.p99 > s.p99LimitMs
              ? `p99 ${result.latencyMs.p99.toFixed(0)} ms > ${s.p99LimitMs} ms`
              : '';
      steps.push({ ...result, step, held: why === '', why });
      log(`    ${target.name}: step ${step}: ${why || 'held'}`);
      if (why) break;
    }
    rss.stop();
    redisRss?.stop();
  } finally {
    await gen?.close();
    await target.stop();
  }
  const held = steps.filter((st) => st.held).reduce((max, st) => Math.max(max, st.step), 0);
  return {
    target: target.name,
    processes: target.processes,
    description: target.description,
    steps,
    held,
    reachedCap: steps.length === s.steps.length && steps.every((st) => st.held),
  };
}

/** Idle connections: server RSS before and after connecting them. */
export async function runIdle(
  target: Target,
  s: IdleScenario,
  threads: number,
  log: Log,
): Promise<IdleResult> {
  let gen: Generator | null = null;
  try {
    await target.start();
    const groups = spread(s.clients, Math.ceil(s.clients / s.membersPerGroup)).map((members) => ({
      members,
      senders: 0,
      rate: 0,
    }));
    const specs = await target.provision(groups);
    await sleep(2_000);
    const before = sumRss(target.serverPids());
    gen = new Generator(target.kind, threads);
    const half = Math.floor(specs.length / 2);
    const first = await gen.add(specs.slice(0, half));
    await sleep(s.settleMs);
    const mid = sumRss(target.serverPids());
    const halfConnected = gen.connected;
    const second = await gen.add(specs.slice(half));
    log(`    ${target.name}: ${gen.connected}/${specs.length} idle connections; settling`);
    await sleep(s.settleMs);
    const after = sumRss(target.serverPids());
    const secondHalf = gen.connected - halfConnected;
    return {
      target: target.name,
      processes: target.processes,
      description: target.description,
      requested: specs.length,
      connected: gen.connected,
      connectFailures: [...first.failures, ...second.failures],
      rssBeforeBytes: before,
      rssHalfBytes: mid,
      rssAfterBytes: after,
      bytesPerConnection: secondHalf > 0 ? (after - mid) / secondHalf : 0,
      bytesPerConnectionOverall: gen.connected > 0 ? (after - before) / gen.connected : 0,
    };
  } finally {
    await gen?.close();
    await target.stop();
  }
}
