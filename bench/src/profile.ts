/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function and per source area, over the
 * whole profile or only a time window. Also a CLI: `node bench/dist/src/profile.js FILE [--top N]`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  where: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Time not idle, not GC, not "(program)": what the JS and native code of the app took. */
  busyMs: number;
  windowed: boolean;
  functions: ProfileEntry[];
  areas: ProfileEntry[];
}

/** Where a frame's code lives: a package, a file of this repo, or V8/Node internals. */
export function areaOf(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node:internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const dist = /\/(server|shared)\/dist\/(.+)$/.exec(url);
  if (dist) return `${dist[1]}/${path.dirname(dist[2]!)}`;
  return url.replace(/^file:\/\//, '');
}

const shortUrl = (url: string, line: number) => {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  const rel =
    nm >= 0 ? url.slice(nm + '/node_modules/'.length) : url.replace(/^.*\/(server|shared)\/dist\//, '$1/');
  return `${rel}:${line + 1}`;
};

/**
 * Self time per function. `windowUs` (monotonic µs, the clock of `process.hrtime` and of V8's profiler on
 * Linux) keeps only samples inside the window, e.g. the bench's measured window.
 */
export function summariseProfile(file: string, top = 20, windowUs?: [number, number]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map<number, number>();
  let t = profile.startTime;
  let windowed = false;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (windowUs && (t < windowUs[0] || t > windowUs[1])) continue;
    windowed = windowed || windowUs !== undefined;
    // Each sample stands for the time until the next one.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const id = profile.samples[i]!;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + dt);
  }
  const fns = new Map<string, { name: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  let total = 0;
  let busy = 0;
  for (const [id, us] of selfByNode) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    const name = frame.functionName || '(anonymous)';
    const isMeta = ['(idle)', '(program)', '(garbage collector)', '(root)'].includes(name);
    if (!isMeta) busy += us;
    const key = `${name}@${frame.url}:${frame.lineNumber}`;
    const entry = fns.get(key) ?? { name, where: shortUrl(frame.url, frame.lineNumber), us: 0 };
    entry.us += us;
    fns.set(key, entry);
    const area = isMeta ? name : areaOf(frame.url);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const pct = (us: number) => (total > 0 ? (100 * us) / total : 0);
  return {
    file,
    totalMs: total / 1000,
    busyMs: busy / 1000,
    windowed,
    functions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, percent: pct(f.us) })),
    areas: [...areas]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, where: '', selfMs: us / 1000, percent: pct(us) })),
  };
}

export function profileText(s: ProfileSummary): string {
  const rows = (entries: ProfileEntry[]) =>
    entries
      .map(
        (e) =>
          `  ${e.percent.toFixed(1).padStart(5)}%  ${e.selfMs.toFixed(0).padStart(7)} ms  ${e.name}  ${e.where}`,
      )
      .join('\n');
  return [
    `${path.basename(s.file)}: ${s.totalMs.toFixed(0)} ms sampled${s.windowed ? ' in the measured window' : ''}, ${s.busyMs.toFixed(0)} ms busy`,
    'Top functions by self time:',
    rows(s.functions),
    'By area (package or folder):',
    rows(s.areas),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, flag, n] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: node bench/dist/src/profile.js FILE.cpuprofile [--top N]\n');
    process.exit(64);
  }
  process.stdout.write(`${profileText(summariseProfile(file, flag === '--top' ? Number(n) : 25))}\n`);
}
