import { Worker } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';
import type { FloodOrder, FloodTally } from './flood-worker.js';
import { sumCpuMs, sumRss } from './proc.js';
import { sleep } from './processes.js';
import { summarise, SampleBuffer, type LatencySummary } from './stats.js';
import type { Target, TargetName } from './targets.js';

/** One socket floods while bystanders on the same (and the other) node ask for `me:get` (issue 12). */
export interface FloodScenario {
  kind: 'flood';
  name: 'flood';
  /** Events per burst, sent without waiting (the reproduction: 10,000). */
  burst: number;
  /** Seconds each phase lasts (quiet, then each flood). */
  phaseMs: number;
  /** How often each bystander asks, in ms (well inside its own event budget). */
  everyMs: number;
  /** Messages in the group before the history flood, so each page is a full 200. */
  history: number;
}

export interface FloodPhase {
  phase: 'quiet' | 'history' | 'fanout';
  /** `me:get` of a bystander on the flooder's node and, with 2 processes, on the other node. */
  sameNode: LatencySummary;
  otherNode: LatencySummary | null;
  /** Bystander answers that were not ok, by code (a bystander must never be refused). */
  bystanderErrors: Record<string, number>;
  flood: FloodTally | null;
  /** User + system CPU of the server processes during the phase: what the flood cost, whatever the machine's load. */
  serverCpuMs: number;
  rssBeforeBytes: number;
  rssPeakBytes: number;
  rssAfterBytes: number;
}

export interface FloodResult {
  target: TargetName;
  processes: number;
  description: string;
  phases: FloodPhase[];
}

type AckResult = { ok: true; data?: unknown } | { ok: false; error: { code: string } };

function connect(url: string, cookie: string): Promise<Socket> {
  const socket = io(url, {
    forceNew: true,
    reconnection: false,
    transports: ['websocket'],
    auth: { v: PROTOCOL_VERSION },
    extraHeaders: { cookie },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(new Error(`bystander connect: ${err.message}`)));
  });
}

async function ask(socket: Socket, event: string, payload: unknown, timeoutMs = 30_000): Promise<AckResult> {
  return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as AckResult;
}

/** A bystander asking `me:get` one at a time, every `everyMs`, until `until`: its latencies (ms) and errors. */
async function sample(socket: Socket, everyMs: number, until: number) {
  const samples = new SampleBuffer();
  const errors: Record<string, number> = {};
  while (Date.now() < until) {
    const started = performance.now();
    let code = 'ok';
    try {
      const ack = await ask(socket, 'me:get', {});
      if (!ack.ok) code = ack.error.code;
    } catch {
      code = 'TIMEOUT';
    }
    samples.push(performance.now() - started);
    if (code !== 'ok') errors[code] = (errors[code] ?? 0) + 1;
    await sleep(everyMs);
  }
  return { latency: summarise(samples.take()), errors };
}

function runFlooder(order: FloodOrder): Promise<FloodTally> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./flood-worker.js', import.meta.url), { workerData: order });
    worker.once('message', (m: { tally?: FloodTally; error?: string }) => {
      void worker.terminate();
      if (m.tally) resolve(m.tally);
      else reject(new Error(m.error ?? 'flooder failed'));
    });
    worker.once('error', reject);
  });
}

/**
 * Provisions a group with a flooder and two bystanders (one on the flooder's node, one on the other node of a
 * 2-process target), fills its history, then runs three phases of `phaseMs`: quiet, a `group:history` flood
 * and a report/reaction/typing flood, with the bystanders sampling `me:get` throughout.
 */
export async function runFlood(
  target: Target,
  s: FloodScenario,
  log: (line: string) => void,
): Promise<FloodResult> {
  const sockets: Socket[] = [];
  try {
    await target.start();
    // Members alternate nodes: 0 and 2 share the first node, 1 is on the second one (when there is one).
    const [flooder, other, same] = await target.provision([{ members: 3, senders: 0, rate: 0 }]);
    if (!flooder?.cookie || !other?.cookie || !same?.cookie) throw new Error('flood: provisioning failed');
    const groupId = flooder.group;
    const joined = async (spec: typeof flooder) => {
      const socket = await connect(spec.url, spec.cookie ?? '');
      sockets.push(socket);
      for (const [event, payload] of [
        ['group:join', { groupId, acceptGuidelines: true }],
        ['group:open', { groupId }],
      ] as const) {
        const ack = await ask(socket, event, payload);
        if (!ack.ok) throw new Error(`flood setup ${event}: ${ack.error.code}`);
      }
      return socket;
    };
    const writer = await joined(flooder);
    const sameNode = await joined(same);
    const otherNode = target.processes > 1 ? await joined(other) : null;
    // Long messages, so a history page of 200 is about the page budget.
    const line = 'A long note about marking, planning and the week ahead, written out in full. '.repeat(4);
    const seqs: number[] = [];
    for (let i = 0; i < s.history; i++) {
      const ack = await ask(writer, 'message:send', {
        groupId,
        clientId: `flood-history-${i}`,
        text: `${i} ${line}`,
      });
      if (!ack.ok) throw new Error(`flood setup message:send: ${ack.error.code}`);
      seqs.push((ack.data as { seq: number }).seq);
    }
    writer.close();
    log(
      `    ${target.name}: group with ${seqs.length} messages; a flooder and ${otherNode ? 2 : 1} bystander(s)`,
    );

    const phases: FloodPhase[] = [];
    for (const phase of ['quiet', 'history', 'fanout'] as const) {
      await sleep(1_000);
      const pids = target.serverPids();
      const rssBefore = sumRss(pids);
      const cpuBefore = sumCpuMs(pids);
      let peak = rssBefore;
      const rssTimer = setInterval(() => (peak = Math.max(peak, sumRss(pids))), 250);
      const until = Date.now() + s.phaseMs;
      const flood =
        phase === 'quiet'
          ? Promise.resolve(null)
          : runFlooder({
              url: flooder.url,
              cookie: flooder.cookie,
              groupId,
              kind: phase,
              seqs,
              burst: s.burst,
              until,
            });
      const [mine, theirs, tally] = await Promise.all([
        sample(sameNode, s.everyMs, until),
        otherNode ? sample(otherNode, s.everyMs, until) : Promise.resolve(null),
        flood,
      ]);
      clearInterval(rssTimer);
      const serverCpuMs = sumCpuMs(pids) - cpuBefore;
      await sleep(2_000);
      const result: FloodPhase = {
        phase,
        sameNode: mine.latency,
        otherNode: theirs?.latency ?? null,
        bystanderErrors: { ...mine.errors, ...(theirs?.errors ?? {}) },
        flood: tally,
        serverCpuMs,
        rssBeforeBytes: rssBefore,
        rssPeakBytes: peak,
        rssAfterBytes: sumRss(pids),
      };
      phases.push(result);
      log(
        `    ${target.name} ${phase}: me:get p99 ${mine.latency.p99.toFixed(1)} ms (same node)` +
          (theirs ? `, ${theirs.latency.p99.toFixed(1)} ms (other node)` : '') +
          `; server CPU ${serverCpuMs.toFixed(0)} ms` +
          (tally
            ? `; flood ${tally.emitted} sent, ${tally.codes.ok ?? 0} admitted, cut off ${tally.cutOff}×`
            : ''),
      );
    }
    return { target: target.name, processes: target.processes, description: target.description, phases };
  } finally {
    for (const socket of sockets) socket.close();
    await target.stop();
  }
}
