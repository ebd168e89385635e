import { Worker } from 'node:worker_threads';
import type { ClientKind, ClientSpec } from './clients.js';
import { concat, nowUs } from './stats.js';
import type { WorkerInit, WorkerReply, WorkerRequest, WorkerResult } from './worker.js';

export interface ConnectOutcome {
  connected: number;
  failed: number;
  failures: string[];
  /** Connected members per group: each measured message is expected once per member of its group. */
  connectedByGroup: Map<string, number>;
}

export interface LoadOutcome {
  latencies: Float64Array;
  acks: Float64Array;
  sent: number;
  warmSent: number;
  expected: number;
  received: number;
  sendErrors: Record<string, number>;
  disconnects: number;
  sendLagP99Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/**
 * The load generator: socket.io-client (or ws) connections spread over worker threads, so that decoding
 * deliveries is not limited to one core when the server leaves room. Every thread uses the same monotonic
 * clock, so a delivery's latency is measured by whichever member receives it.
 */
export class Generator {
  private readonly workers: Worker[];
  private readonly inbox = new Map<Worker, ((reply: WorkerReply) => void)[]>();
  readonly connectedByGroup = new Map<string, number>();
  /** The last measured window, monotonic µs (to cut a CPU profile to it). */
  lastWindowUs: [number, number] = [0, 0];

  constructor(
    readonly kind: ClientKind,
    threads: number,
  ) {
    this.workers = Array.from({ length: Math.max(1, threads) }, (_, index) => {
      const init: WorkerInit = { kind, index };
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
      this.inbox.set(worker, []);
      worker.on('message', (reply: WorkerReply) => this.inbox.get(worker)?.shift()?.(reply));
      worker.on('error', (err) => {
        process.stderr.write(`generator thread failed: ${err.stack ?? err.message}\n`);
      });
      return worker;
    });
  }

  private ask<T extends WorkerReply>(worker: Worker, request: WorkerRequest): Promise<T> {
    return new Promise((resolve) => {
      this.inbox.get(worker)!.push((reply) => resolve(reply as T));
      worker.postMessage(request);
    });
  }

  get connected(): number {
    let n = 0;
    for (const count of this.connectedByGroup.values()) n += count;
    return n;
  }

  /** Connects more clients (round robin over threads), each authenticated and in its group. */
  async add(specs: readonly ClientSpec[], concurrencyPerThread = 50): Promise<ConnectOutcome> {
    const slices = this.workers.map(() => [] as ClientSpec[]);
    specs.forEach((spec, i) => slices[i % slices.length]!.push(spec));
    const replies = await Promise.all(
      this.workers.map((worker, i) =>
        this.ask<Extract<WorkerReply, { type: 'added' }>>(worker, {
          type: 'add',
          clients: slices[i]!,
          concurrency: concurrencyPerThread,
        }),
      ),
    );
    const outcome: ConnectOutcome = { connected: 0, failed: 0, failures: [], connectedByGroup: new Map() };
    for (const reply of replies) {
      outcome.failed += reply.failed;
      outcome.failures.push(...reply.failures);
      for (const [group, n] of Object.entries(reply.connectedByGroup)) {
        outcome.connected += n;
        outcome.connectedByGroup.set(group, (outcome.connectedByGroup.get(group) ?? 0) + n);
        this.connectedByGroup.set(group, (this.connectedByGroup.get(group) ?? 0) + n);
      }
    }
    return outcome;
  }

  /**
   * Sends on every sender's schedule: warm-up, then the measured window, then waits `drainMs` for stragglers.
   * `onWindow` is called at the start and end of the measured window (server CPU readings).
   */
  async run(
    opts: { warmupMs: number; measureMs: number; drainMs: number },
    onWindow: (edge: 'start' | 'end') => void,
  ): Promise<LoadOutcome> {
    const warmStartUs = nowUs() + 50_000;
    const measureStartUs = warmStartUs + opts.warmupMs * 1000;
    const measureEndUs = measureStartUs + opts.measureMs * 1000;
    this.lastWindowUs = [measureStartUs, measureEndUs];
    const startTimer = setTimeout(() => onWindow('start'), (measureStartUs - nowUs()) / 1000);
    const ran = Promise.all(
      this.workers.map((w) => this.ask(w, { type: 'run', warmStartUs, measureStartUs, measureEndUs })),
    );
    await ran;
    clearTimeout(startTimer);
    onWindow('end');
    await new Promise((r) => setTimeout(r, opts.drainMs));
    const results = await Promise.all(
      this.workers.map((w) => this.ask<Extract<WorkerReply, { type: 'result' }>>(w, { type: 'collect' })),
    );
    return this.merge(results.map((r) => r.result));
  }

  private merge(results: WorkerResult[]): LoadOutcome {
    const sentByGroup = new Map<string, number>();
    const sendErrors: Record<string, number> = {};
    for (const r of results) {
      for (const [group, n] of Object.entries(r.sentByGroup))
        sentByGroup.set(group, (sentByGroup.get(group) ?? 0) + n);
      for (const [code, n] of Object.entries(r.sendErrors)) sendErrors[code] = (sendErrors[code] ?? 0) + n;
    }
    let sent = 0;
    let expected = 0;
    for (const [group, n] of sentByGroup) {
      sent += n;
      expected += n * (this.connectedByGroup.get(group) ?? 0);
    }
    const latencies = concat(results.map((r) => r.latencies));
    return {
      latencies,
      acks: concat(results.map((r) => r.acks)),
      sent,
      warmSent: results.reduce((n, r) => n + r.warmSent, 0),
      expected,
      received: latencies.length,
      sendErrors,
      disconnects: results.reduce((n, r) => n + r.disconnects, 0),
      sendLagP99Ms: Math.max(0, ...results.map((r) => r.sendLagP99Ms)),
      loopDelayP99Ms: Math.max(0, ...results.map((r) => r.loopDelayP99Ms)),
      loopDelayMaxMs: Math.max(0, ...results.map((r) => r.loopDelayMaxMs)),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.ask(w, { type: 'close' })));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
