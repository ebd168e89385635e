/** Monotonic microseconds (CLOCK_MONOTONIC: the same clock in every thread and process on this machine). */
export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Exact percentiles (nearest rank) over every sample, in ms. Sorts `samples` in place. */
export function summarise(samples: Float64Array): LatencySummary {
  const n = samples.length;
  if (n === 0) return { count: 0, p50: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  samples.sort();
  const at = (q: number) => samples[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += samples[i] ?? 0;
  return {
    count: n,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    p999: at(0.999),
    max: samples[n - 1] ?? 0,
    mean: sum / n,
  };
}

export function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A growable Float64Array: latency samples without boxing hundreds of thousands of numbers. */
export class SampleBuffer {
  private data = new Float64Array(4096);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The samples so far (a copy), and an empty buffer. */
  take(): Float64Array {
    const out = this.data.slice(0, this.length);
    this.length = 0;
    return out;
  }
}
