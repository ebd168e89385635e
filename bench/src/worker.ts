/**
 * One generator thread: holds a slice of the simulated clients, sends on their schedule and measures every
 * delivery it receives. The coordinator (generator.ts) drives it with the messages in `WorkerRequest`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createClient, type BenchClient, type ClientKind, type ClientSpec } from './clients.js';
import { nowUs, SampleBuffer } from './stats.js';
import { benchText } from './message-text.js';

export type WorkerRequest =
  | { type: 'add'; clients: ClientSpec[]; concurrency: number }
  | { type: 'run'; warmStartUs: number; measureStartUs: number; measureEndUs: number }
  | { type: 'collect' }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'added'; connectedByGroup: Record<string, number>; failed: number; failures: string[] }
  | { type: 'ran' }
  | { type: 'result'; result: WorkerResult }
  | { type: 'closed' };

export interface WorkerResult {
  /** Delivery latencies (ms) of messages sent in the measured window. */
  latencies: Float64Array;
  /** Send → ack (ms), Staffroom only. */
  acks: Float64Array;
  /** Messages sent in the measured window, per group. */
  sentByGroup: Record<string, number>;
  /** Messages sent in warm-up. */
  warmSent: number;
  sendErrors: Record<string, number>;
  disconnects: number;
  /** How late sends left against their schedule, p99 (ms): above a few ms, the generator was the bottleneck. */
  sendLagP99Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface WorkerInit {
  kind: ClientKind;
  index: number;
}

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');

const clients: BenchClient[] = [];
let latencies = new SampleBuffer();
let acks = new SampleBuffer();
let sendLag = new SampleBuffer();
let sentByGroup: Record<string, number> = {};
let warmSent = 0;
let sendErrors: Record<string, number> = {};
let disconnects = 0;
/** Runs so far: client ids must be new in every run, or Staffroom rightly answers a repeat as a duplicate. */
let runs = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

const hooks = {
  onDelivery(text: string) {
    if (text.charCodeAt(0) !== 109 /* m */) return;
    const end = text.indexOf(' ', 3);
    const sentUs = Number(text.slice(3, end));
    latencies.push((nowUs() - sentUs) / 1000);
  },
  onSendError(code: string) {
    sendErrors[code] = (sendErrors[code] ?? 0) + 1;
  },
  onAck(us: number, text: string) {
    // Like deliveries, only sends of the measured window count (warm-up sends start cold caches).
    if (text.charCodeAt(0) === 109 /* m */) acks.push(us / 1000);
  },
  onDisconnect() {
    disconnects += 1;
  },
};

async function add(specs: ClientSpec[], concurrency: number): Promise<WorkerReply> {
  const connectedByGroup: Record<string, number> = {};
  const failures: string[] = [];
  let failed = 0;
  let next = 0;
  const lane = async () => {
    while (next < specs.length) {
      const spec = specs[next++]!;
      const client = createClient(init.kind, spec, hooks);
      try {
        await client.connect();
        clients.push(client);
        connectedByGroup[spec.group] = (connectedByGroup[spec.group] ?? 0) + 1;
      } catch (err) {
        client.close();
        failed += 1;
        if (failures.length < 5) failures.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return { type: 'added', connectedByGroup, failed, failures };
}

function run(warmStartUs: number, measureStartUs: number, measureEndUs: number): Promise<void> {
  const senders = clients
    .filter((c) => c.spec.rate > 0)
    .map((client) => {
      const periodUs = 1e6 / client.spec.rate;
      return { client, periodUs, nextAt: warmStartUs + Math.random() * periodUs, n: 0 };
    });
  runs += 1;
  const runNo = runs;
  loopDelay.reset();
  loopDelay.enable();
  return new Promise((resolve) => {
    const tick = () => {
      const now = nowUs();
      for (const s of senders) {
        while (s.nextAt <= now && s.nextAt < measureEndUs) {
          const sentUs = nowUs();
          const measured = s.nextAt >= measureStartUs;
          s.n += 1;
          const { id, group } = s.client.spec;
          const text = benchText(measured, sentUs, id, s.n);
          s.client.send(`bench-${id}-${runNo}-${s.n}`, text, sentUs, nowUs);
          if (measured) {
            sentByGroup[group] = (sentByGroup[group] ?? 0) + 1;
            sendLag.push((sentUs - s.nextAt) / 1000);
          } else {
            warmSent += 1;
          }
          s.nextAt += s.periodUs;
        }
      }
      if (now >= measureEndUs) {
        loopDelay.disable();
        resolve();
      } else {
        setTimeout(tick, 1);
      }
    };
    const wait = Math.max(0, (warmStartUs - nowUs()) / 1000);
    setTimeout(tick, wait);
  });
}

function collect(): WorkerResult {
  const lag = sendLag.take().sort();
  const result: WorkerResult = {
    latencies: latencies.take(),
    acks: acks.take(),
    sentByGroup,
    warmSent,
    sendErrors,
    disconnects,
    sendLagP99Ms: lag.length ? (lag[Math.ceil(lag.length * 0.99) - 1] ?? 0) : 0,
    // The histogram counts the sampling interval itself (10 ms): subtract it to leave the lag.
    loopDelayP99Ms: loopDelay.count ? Math.max(0, loopDelay.percentile(99) / 1e6 - 10) : 0,
    loopDelayMaxMs: loopDelay.count ? Math.max(0, loopDelay.max / 1e6 - 10) : 0,
  };
  latencies = new SampleBuffer();
  acks = new SampleBuffer();
  sendLag = new SampleBuffer();
  sentByGroup = {};
  warmSent = 0;
  sendErrors = {};
  disconnects = 0;
  return result;
}

port.on('message', (request: WorkerRequest) => {
  const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  switch (request.type) {
    case 'add':
      void add(request.clients, request.concurrency).then((r) => reply(r));
      break;
    case 'run':
      void run(request.warmStartUs, request.measureStartUs, request.measureEndUs).then(() =>
        reply({ type: 'ran' }),
      );
      break;
    case 'collect': {
      const result = collect();
      reply({ type: 'result', result }, [
        result.latencies.buffer as ArrayBuffer,
        result.acks.buffer as ArrayBuffer,
      ]);
      break;
    }
    case 'close':
      for (const client of clients) client.close();
      clients.length = 0;
      reply({ type: 'closed' });
      break;
  }
});
