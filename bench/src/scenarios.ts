import { parseArgs } from 'node:util';
import type { FloodScenario } from './flood.js';
import type { GroupPlan, TargetName } from './targets.js';
import { ALL_TARGET_NAMES, TARGET_NAMES } from './targets.js';

export type ScenarioName = 'groups' | 'fanout' | 'ramp' | 'idle' | 'smoke' | 'flood';

export interface Timing {
  warmupMs: number;
  measureMs: number;
  drainMs: number;
}

/** A fixed load: every target gets the same groups, senders and rates. */
export interface LoadScenario extends Timing {
  kind: 'load';
  name: ScenarioName;
  clients: number;
  groups: number;
  senders: number;
  /** Messages per second per sender. */
  rate: number;
}

/** Connected clients grow step by step at a fixed per-group rate until p99 or loss gives way. */
export interface RampScenario extends Timing {
  kind: 'ramp';
  name: 'ramp';
  steps: number[];
  membersPerGroup: number;
  sendersPerGroup: number;
  rate: number;
  p99LimitMs: number;
}

/** Connected, authenticated clients that do nothing: memory per connection. */
export interface IdleScenario {
  kind: 'idle';
  name: 'idle';
  clients: number;
  membersPerGroup: number;
  settleMs: number;
}

export type Scenario = LoadScenario | RampScenario | IdleScenario | FloodScenario;

export interface RunOptions {
  scenario: Scenario;
  targets: TargetName[];
  /** Generator worker threads. */
  threads: number;
  serverEntry: string | undefined;
  profile: boolean;
  outDir: string | undefined;
  /** Load scenarios: run a target again (up to this many times) when other work disturbed its window. */
  retries: number;
  /** Before each target, wait up to this long (ms) for the machine to be quiet. */
  waitQuietMs: number;
  /** Extra environment for the Staffroom processes (`--staffroom-env K=V,K=V`), to try a setting's effect. */
  staffroomEnv: Record<string, string>;
}

export const USAGE = `Usage: npm run bench -- [--scenario groups|fanout|ramp|idle|flood] [--smoke] [options]

Runs one scenario against ceiling, baseline-1, baseline-2, staffroom-1 and staffroom-2, one after another,
prints the table and writes JSON (and the table) to bench/results/.

Scenarios (defaults fit a 2-core machine with the generator on the same box):
  groups   1,000 clients, 50 groups (~20 members), 200 senders x 5 msg/s, 5 s warm-up, 30 s measured
  fanout   1,000 clients, 10 groups (~100 members), 100 senders x 2 msg/s, 5 s warm-up, 30 s measured
  ramp     2,000 -> 4,000 -> 8,000 clients, groups of 20 at 2 msg/s per group (2 senders x 1 msg/s),
           10 s measured per step, until p99 > 200 ms or a delivery is lost; capped at 8,000 by default
  idle     2,000 idle authenticated connections (groups of 20, each open): server memory per connection,
           measured on the second 1,000 (RSS with half connected → all connected)
  flood    staffroom targets only: one socket sends 10,000 group:history {limit:200} without waiting (then
           a report/reaction/typing flood), cut off and reconnecting, for 10 s each; bystanders on the same
           and the other node ask me:get every 50 ms: their p99 (target < 100 ms) and the server's RSS
  --smoke  a tiny groups run (12 clients, 3 groups, 6 senders x 5 msg/s, 2 s measured)
  --guards only the guards' latency (crisis + privacy per 2,000-character message; every run prints it first)

Options:
  --targets a,b,...     subset of ${ALL_TARGET_NAMES.join(',')} (default: all but staffroom-cluster)
  --clients N           clients (load and idle scenarios)
  --groups N            groups (load scenarios)
  --senders N           senders in total (load scenarios)
  --rate R              messages per second per sender
  --warmup S            warm-up seconds before the measured window
  --duration S          measured seconds (per step for ramp)
  --drain S             seconds to wait for stragglers after the window
  --ramp-steps A,B,C    client counts for ramp (default 2000,4000,8000)
  --ramp-max N          drop ramp steps above N
  --p99-limit MS        ramp: p99 that ends the ramp (default 200)
  --members N           ramp and idle: members per group
  --burst N             flood: events per burst, sent without waiting (default 10000)
  --threads N           generator worker threads (default 2)
  --staffroom-env K=V,… extra environment for the Staffroom processes (e.g. PRESENCE_TTL_SECONDS=600)
  --server PATH         Staffroom server entry (default server/dist/main.js)
  --retries N           load scenarios: rerun a target whose window was disturbed by other work on the
                        machine (> 0.2 cores), up to N times, keeping the least disturbed run
  --wait-quiet S         before each target, wait up to S seconds until other work on the machine uses
                        under 0.2 cores (a shared machine: other people's test runs skew every figure)
  --profile             run the Staffroom and baseline processes under node --cpu-prof; summarise the
                        profiles (self time per function and per package, in the measured window)
  --out-dir DIR         where results go (default bench/results)

Environment: BENCH_SERVER_ENV_X=v gives X=v to every server (baselines too; diagnostics such as NODE_OPTIONS).
BENCH_SERVER_LOG_DIR=DIR writes each server process's last 2,000 output lines there when it stops
(Staffroom logs at warn: a lost Redis connection, and so a resync, shows).`;

const num = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
};

/** Splits `total` as evenly as possible into `parts`. */
export function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** The groups of a load scenario: members and senders spread evenly. */
export function loadGroups(s: LoadScenario): GroupPlan[] {
  const members = spread(s.clients, s.groups);
  const senders = spread(s.senders, s.groups);
  return members.map((m, i) => ({ members: m, senders: Math.min(m, senders[i] ?? 0), rate: s.rate }));
}

export function parseOptions(argv: string[]): RunOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'groups' },
      smoke: { type: 'boolean', default: false },
      targets: { type: 'string' },
      clients: { type: 'string' },
      groups: { type: 'string' },
      senders: { type: 'string' },
      rate: { type: 'string' },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      drain: { type: 'string' },
      'ramp-steps': { type: 'string' },
      'ramp-max': { type: 'string' },
      'p99-limit': { type: 'string' },
      members: { type: 'string' },
      burst: { type: 'string' },
      threads: { type: 'string' },
      server: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'out-dir': { type: 'string' },
      retries: { type: 'string' },
      'wait-quiet': { type: 'string' },
      'staffroom-env': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const name = (values.smoke ? 'smoke' : values.scenario) as ScenarioName;
  const secs = (v: string | undefined, key: string, fallback: number) => (num(v, key) ?? fallback) * 1000;
  const timing = (warm: number, measure: number, drain: number): Timing => ({
    warmupMs: secs(values.warmup, 'warmup', warm),
    measureMs: secs(values.duration, 'duration', measure),
    drainMs: secs(values.drain, 'drain', drain),
  });
  const load = (clients: number, groups: number, senders: number, rate: number, t: Timing): LoadScenario => ({
    kind: 'load',
    name,
    clients: num(values.clients, 'clients') ?? clients,
    groups: num(values.groups, 'groups') ?? groups,
    senders: num(values.senders, 'senders') ?? senders,
    rate: num(values.rate, 'rate') ?? rate,
    ...t,
  });

  let scenario: Scenario;
  switch (name) {
    case 'groups':
      scenario = load(1000, 50, 200, 5, timing(5, 30, 3));
      break;
    case 'fanout':
      scenario = load(1000, 10, 100, 2, timing(5, 30, 3));
      break;
    case 'smoke':
      scenario = load(12, 3, 6, 5, timing(1, 2, 1));
      break;
    case 'ramp': {
      const max = num(values['ramp-max'], 'ramp-max') ?? 8000;
      const steps = (values['ramp-steps'] ?? '2000,4000,8000')
        .split(',')
        .map((s) => num(s.trim(), 'ramp-steps') ?? 0)
        .filter((n) => n > 0 && n <= max);
      if (steps.length === 0) throw new Error('--ramp-steps / --ramp-max leave no step');
      const membersPerGroup = num(values.members, 'members') ?? 20;
      scenario = {
        kind: 'ramp',
        name: 'ramp',
        steps,
        membersPerGroup,
        sendersPerGroup: Math.min(membersPerGroup, num(values.senders, 'senders') ?? 2),
        rate: num(values.rate, 'rate') ?? 1,
        p99LimitMs: num(values['p99-limit'], 'p99-limit') ?? 200,
        ...timing(3, 10, 3),
      };
      break;
    }
    case 'idle':
      scenario = {
        kind: 'idle',
        name: 'idle',
        clients: num(values.clients, 'clients') ?? 2000,
        membersPerGroup: num(values.members, 'members') ?? 20,
        settleMs: secs(values.duration, 'duration', 5),
      };
      break;
    case 'flood':
      scenario = {
        kind: 'flood',
        name: 'flood',
        burst: num(values.burst, 'burst') ?? 10_000,
        phaseMs: secs(values.duration, 'duration', 10),
        everyMs: 50,
        history: 220,
      };
      break;
    default:
      throw new Error(`unknown scenario ${String(name)}\n\n${USAGE}`);
  }
  if (scenario.kind === 'load' && (scenario.groups < 1 || scenario.clients < scenario.groups))
    throw new Error('--clients must be at least --groups (and --groups at least 1)');

  // Only Staffroom has an admission layer to flood: the bare servers would answer nothing to measure.
  const defaultTargets = scenario.kind === 'flood' ? 'staffroom-1,staffroom-2' : TARGET_NAMES.join(',');
  const targets = (values.targets ?? defaultTargets)
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean) as TargetName[];
  for (const t of targets)
    if (!ALL_TARGET_NAMES.includes(t))
      throw new Error(`unknown target ${t} (one of ${ALL_TARGET_NAMES.join(', ')})`);

  return {
    scenario,
    targets,
    threads: num(values.threads, 'threads') ?? 2,
    serverEntry: values.server,
    profile: values.profile,
    outDir: values['out-dir'],
    retries: num(values.retries, 'retries') ?? 0,
    waitQuietMs: (num(values['wait-quiet'], 'wait-quiet') ?? 0) * 1000,
    staffroomEnv: Object.fromEntries(
      (values['staffroom-env'] ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const [key = '', ...rest] = pair.split('=');
          if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new Error(`--staffroom-env: bad entry ${pair}`);
          return [key, rest.join('=')];
        }),
    ),
  };
}
