import { spawnSync } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Clock ticks per second for `/proc/<pid>/stat` (almost always 100 on Linux). */
const CLK_TCK = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(out.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** User + system CPU time of one process in ms (utime + stime from `/proc/<pid>/stat`), 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after it are space-separated.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state), so utime (field 14) is rest[11] and stime (field 15) rest[12].
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** A `kB` field of `/proc/<pid>/status` (VmRSS, VmHWM) in bytes; 0 once the process is gone. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) all cores of the machine spent running processes (user, nice, system, steal), from
 * `/proc/stat`. Interrupt and softirq time is left out: loopback networking is accounted there, not to the
 * processes that caused it.
 */
export function machineBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, ...ticks] = line.trim().split(/\s+/);
    const n = ticks.map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user)
    const busy = (n[0] ?? 0) + (n[1] ?? 0) + (n[2] ?? 0) + (n[7] ?? 0);
    return (busy * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

export const sumCpuMs = (pids: readonly number[]) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
export const sumRss = (pids: readonly number[]) =>
  pids.reduce((sum, pid) => sum + statusBytes(pid, 'VmRSS'), 0);

/** Samples the summed RSS of a set of processes and keeps the peak (of the sum, not the sum of peaks). */
export class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pids: readonly number[],
    private readonly everyMs = 250,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    return this;
  }

  sample(): number {
    const rss = sumRss(this.pids);
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peak;
  }
}

export function machineInfo() {
  let cpuModel = 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) cpuModel = match[1].trim();
  } catch {
    // not Linux
  }
  const nproc = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim()) || 0;
  let memTotalMb = 0;
  try {
    const match = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    memTotalMb = match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    // not Linux
  }
  const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  return {
    nproc,
    cpuModel,
    memTotalMb,
    node: process.version,
    redis: /v=(\S+)/.exec(redis)?.[1] ?? 'unknown',
    fsync: measureFsync(),
  };
}

/**
 * The disk's `fdatasync` latency where the bench's Redis keeps its AOF (the temp directory): with
 * `appendfsync always` every append waits for one before Redis answers it and before it publishes the message, so
 * this bounds Staffroom's latency from below (the bare baseline stores nothing). 200 small appends, as Redis's are.
 */
export function measureFsync(rounds = 200): { p50Ms: number; p99Ms: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-bench-fsync-'));
  const fd = openSync(path.join(dir, 'probe'), 'w');
  const chunk = Buffer.alloc(256, 0x61);
  const ms: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const start = process.hrtime.bigint();
      writeSync(fd, chunk);
      fdatasyncSync(fd);
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}
