/**
 * `npm run bench -- --scenario groups|fanout|ramp|idle|flood | --smoke`: one scenario against the raw ws ceiling,
 * the bare socket.io baseline (1 and 2 processes) and Staffroom (embedded, and 2 processes on Redis), one after
 * another; prints the table and the issue's targets, writes JSON and the table to bench/results/.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineBusyMs, machineInfo } from './proc.js';
import { BUILT_GUARDS, guardsText, measureGuards, SMOKE_GUARD_RUNS } from './guards.js';
import { measureStages } from './guard-stages.js';
import { benchFsyncPolicy, killAllChildren, sleep } from './processes.js';
import { profileText, summariseProfile, type ProfileSummary } from './profile.js';
import { checksText, checkTargets, floodTable, idleTable, loadTable, rampTable } from './report.js';
import { runFlood, type FloodResult } from './flood.js';
import { runIdle, runLoad, runRamp, type IdleResult, type LoadResult, type RampResult } from './run.js';
import { loadGroups, parseOptions, USAGE, type Scenario } from './scenarios.js';
import { DEFAULT_SERVER_ENTRY, STAFFROOM_ENV, type TargetName } from './targets.js';
import { createAnyTarget as createTarget } from './cluster-target.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Other work on the machine above this (in cores) during a window makes a run "disturbed". */
const DISTURBED_CORES = 0.2;
const log = (line: string) => process.stdout.write(`${line}\n`);

function describe(s: Scenario): string {
  const timing = (t: { warmupMs: number; measureMs: number; drainMs: number }) =>
    `${t.warmupMs / 1000} s warm-up, ${t.measureMs / 1000} s measured, ${t.drainMs / 1000} s drain`;
  if (s.kind === 'load') {
    const groups = loadGroups(s);
    const members = groups.map((g) => g.members);
    return (
      `${s.name}: ${s.clients} clients in ${s.groups} groups (${Math.min(...members)}–${Math.max(...members)} members), ` +
      `${s.senders} senders × ${s.rate} msg/s = ${s.senders * s.rate} msg/s; ${timing(s)}`
    );
  }
  if (s.kind === 'ramp')
    return (
      `ramp: ${s.steps.join(' → ')} clients, groups of ${s.membersPerGroup}, ${s.sendersPerGroup} senders × ${s.rate} msg/s per group; ` +
      `${timing(s)} per step; stops at p99 > ${s.p99LimitMs} ms or any loss`
    );
  if (s.kind === 'flood')
    return (
      `flood: one socket sends ${s.burst.toLocaleString('en')} events at a time without waiting (group:history {limit:200}, ` +
      `then report:create/reaction:set/typing:start), reconnecting when cut off, ${s.phaseMs / 1000} s per phase; ` +
      `bystanders ask me:get every ${s.everyMs} ms`
    );
  return `idle: ${s.clients} authenticated connections, each with its group open (groups of ${s.membersPerGroup}); ${s.settleMs / 1000} s settle`;
}

function fsyncText(f: { p50Ms: number; p99Ms: number }): string {
  return `disk fdatasync p50 / p99 ${f.p50Ms.toFixed(2)} / ${f.p99Ms.toFixed(2)} ms (Redis's wait per append with appendfsync ${benchFsyncPolicy()})`;
}

/** Waits (up to `maxMs`) until the rest of the machine uses under DISTURBED_CORES; returns the last reading. */
async function waitQuiet(maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs;
  let cores: number;
  do {
    const before = machineBusyMs();
    await sleep(2_000);
    cores = (machineBusyMs() - before) / 2_000;
    if (cores < DISTURBED_CORES) break;
  } while (Date.now() < deadline);
  return cores;
}

/** The commit the Staffroom server was built from, or the path of a server built elsewhere (`--server`). */
function serverRevision(serverEntry: string): string {
  const repoServer = path.join(REPO, 'server/');
  return serverEntry.startsWith(repoServer) ? `commit ${gitRevision()}` : `server built at ${serverEntry}`;
}

function gitRevision(): string {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: REPO,
    encoding: 'utf8',
  }).stdout?.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', 'server', 'shared'], {
    cwd: REPO,
    encoding: 'utf8',
  }).stdout?.trim();
  return rev ? `${rev}${dirty ? ' (server/shared modified)' : ''}` : 'unknown';
}

async function main(): Promise<number> {
  if (process.argv.includes('--guards')) {
    log(guardsText(measureGuards(), loadavg()[0] ?? 0));
    log(measureStages(BUILT_GUARDS));
    return 0;
  }
  let options;
  try {
    const parsed = parseOptions(process.argv.slice(2));
    if (parsed === 'help') {
      log(USAGE);
      return 0;
    }
    options = parsed;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 64;
  }
  const { scenario, targets, threads } = options;
  const serverEntry = path.resolve(options.serverEntry ?? DEFAULT_SERVER_ENTRY);
  if (targets.some((t) => t.startsWith('staffroom')) && !existsSync(serverEntry)) {
    process.stderr.write(
      `The Staffroom server is not built (${serverEntry}): run \`npx tsc -b shared server\`.\n`,
    );
    return 69;
  }
  if (
    targets.some((t) => t.endsWith('-2')) &&
    spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0
  ) {
    process.stderr.write('The 2-process targets need redis-server (Redis 7) on PATH.\n');
    return 69;
  }
  const outDir = path.resolve(options.outDir ?? path.join(REPO, 'bench/results'));
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = path.join(outDir, `${stamp}-${scenario.name}`);
  const cpuProfDir = options.profile ? `${base}-profiles` : undefined;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });

  const machine = machineInfo();
  log(`Staffroom bench — ${describe(scenario)}`);
  log(
    `Machine: ${machine.nproc} cores, ${machine.cpuModel}, ${machine.memTotalMb} MB, Node ${machine.node}, Redis ${machine.redis}; ` +
      `generator on the same box (${threads} threads); ${fsyncText(machine.fsync)}`,
  );
  log(
    `Staffroom env: ${Object.entries({ ...STAFFROOM_ENV, ...options.staffroomEnv })
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );

  log(guardsText(measureGuards(scenario.name === 'smoke' ? SMOKE_GUARD_RUNS : undefined), loadavg()[0] ?? 0));

  const results: (LoadResult | RampResult | IdleResult | FloodResult)[] = [];
  const errors: { target: TargetName; error: string }[] = [];
  /** Other work on the machine skews every figure: the 1-minute load average as each target starts. */
  const loadAtStart: Partial<Record<TargetName, number>> = {};
  for (const name of targets) {
    const target = createTarget(name, {
      serverEntry,
      log,
      staffroomEnv: options.staffroomEnv,
      ...(cpuProfDir ? { cpuProfDir } : {}),
    });
    if (options.waitQuietMs > 0) {
      const cores = await waitQuiet(options.waitQuietMs);
      if (cores >= DISTURBED_CORES)
        log(`  (the machine is still busy: other work uses ${cores.toFixed(2)} cores; going ahead)`);
    }
    loadAtStart[name] = Number(loadavg()[0]!.toFixed(2));
    log(`  ${name} (${target.description}); load average ${loadAtStart[name]}`);
    const started = Date.now();
    try {
      if (scenario.kind === 'load') {
        let best = await runLoad(target, scenario, threads, log);
        for (let retry = 1; retry <= options.retries && best.otherCores > DISTURBED_CORES; retry++) {
          log(
            `    other work used ${best.otherCores.toFixed(2)} cores during the window: running ${name} again`,
          );
          if (options.waitQuietMs > 0) await waitQuiet(options.waitQuietMs);
          const fresh = createTarget(name, {
            serverEntry,
            log,
            staffroomEnv: options.staffroomEnv,
            ...(cpuProfDir ? { cpuProfDir } : {}),
          });
          const again = await runLoad(fresh, scenario, threads, log);
          if (again.otherCores < best.otherCores) best = again;
        }
        results.push(best);
      } else if (scenario.kind === 'ramp') results.push(await runRamp(target, scenario, threads, log));
      else if (scenario.kind === 'flood') results.push(await runFlood(target, scenario, log));
      else results.push(await runIdle(target, scenario, threads, log));
      log(`    done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      errors.push({ target: name, error });
      log(`    FAILED: ${error}`);
      await target.stop().catch(() => {});
    }
  }

  const tableText =
    results.length === 0
      ? '(no target completed)'
      : scenario.kind === 'load'
        ? loadTable(results as LoadResult[])
        : scenario.kind === 'ramp'
          ? rampTable(results as RampResult[], scenario.p99LimitMs)
          : scenario.kind === 'flood'
            ? floodTable(results as FloodResult[])
            : idleTable(results as IdleResult[]);
  const checks = checkTargets(scenario, results);
  const checkText = checksText(checks, scenario.name === 'smoke', scenario.kind === 'flood' ? 12 : 6);

  const profiles: ProfileSummary[] = [];
  if (cpuProfDir) {
    for (const file of readdirSync(cpuProfDir).filter((f) => f.endsWith('.cpuprofile'))) {
      const owner = results.find((r) => file.startsWith(r.target)) as LoadResult | undefined;
      profiles.push(summariseProfile(path.join(cpuProfDir, file), 25, owner?.windowUs));
    }
  }

  const date = new Date().toISOString();
  const report = [
    `## ${scenario.name} — ${date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    describe(scenario),
    '',
    `Machine: ${machine.nproc} cores (${machine.cpuModel}), ${machine.memTotalMb} MB RAM, Node ${machine.node}, Redis ${machine.redis}; ` +
      `generator on the same machine (${threads} worker threads), all traffic on 127.0.0.1; ${fsyncText(machine.fsync)}. ` +
      `Staffroom ${serverRevision(serverEntry)}.`,
    '',
    tableText,
    '',
    checkText,
    ...(errors.length ? ['', `Failed targets: ${errors.map((e) => e.target).join(', ')}`] : []),
  ].join('\n');
  log('');
  log(report);
  for (const p of profiles) log(`\n${profileText(p)}`);

  const json = {
    scenario,
    date,
    machine,
    revision: gitRevision(),
    server: serverRevision(serverEntry),
    generator: { threads },
    loadAtStart,
    staffroomEnv: { ...STAFFROOM_ENV, ...options.staffroomEnv },
    serverEntry,
    results,
    targets: checks,
    errors,
    profiles,
  };
  // Latency samples are summarised; the JSON holds no per-delivery arrays.
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${base}.md`, `${report}\n`);
  log(`\nResults: ${base}.json (table: ${base}.md)${cpuProfDir ? `; profiles: ${cpuProfDir}` : ''}`);
  return errors.length ? 1 : 0;
}

process.on('SIGINT', () => {
  killAllChildren();
  process.exit(130);
});
process.on('SIGTERM', () => {
  killAllChildren();
  process.exit(143);
});

main()
  .then((code) => {
    killAllChildren();
    process.exit(code);
  })
  .catch((err: unknown) => {
    killAllChildren();
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
