import type { FloodResult } from './flood.js';
import type { IdleResult, LoadResult, RampResult } from './run.js';
import type { Scenario } from './scenarios.js';
import type { TargetName } from './targets.js';

export interface TargetCheck {
  target: string;
  holds: boolean | null;
  detail: string;
}

const MB = 1024 * 1024;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);
const int = (n: number) => Math.round(n).toLocaleString('en');
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? '—' : (a / b).toFixed(2);

/** The baseline a target is compared with: the bare socket.io server with the same number of processes. */
export const baselineOf = (processes: number): TargetName => (processes === 1 ? 'baseline-1' : 'baseline-2');

/** The figures every row has, in table order. */
function figures(r: LoadResult) {
  return {
    conns: r.connected,
    'deliv/s': r.deliveriesPerSec,
    p50: r.latencyMs.p50,
    p95: r.latencyMs.p95,
    p99: r.latencyMs.p99,
    max: r.latencyMs.max,
    'CPU ms/1k': r.cpuMsPer1kDeliveries,
    'RSS MB': r.peakRssBytes / MB,
  };
}

export function loadTable(results: readonly LoadResult[]): string {
  const byName = new Map(results.map((r) => [r.target, r]));
  const abs = table(
    [
      'target',
      'procs',
      'conns',
      'deliv/s',
      'lost',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'CPU ms/1k',
      'Redis CPU ms/1k',
      'peak RSS MB',
    ],
    results.map((r) => [
      r.target,
      String(r.processes),
      `${int(r.connected)}/${int(r.requested)}`,
      int(r.deliveriesPerSec),
      int(r.lost),
      fmt(r.latencyMs.p50),
      fmt(r.latencyMs.p95),
      fmt(r.latencyMs.p99),
      fmt(r.latencyMs.max),
      fmt(r.cpuMsPer1kDeliveries, 0),
      fmt(r.redisCpuMsPer1kDeliveries, 0),
      fmt(r.peakRssBytes / MB, 0),
    ]),
  );
  const keys = Object.keys(figures(results[0]!)) as (keyof ReturnType<typeof figures>)[];
  const ratios = table(
    ['target (÷ ceiling / ÷ baseline)', ...keys],
    results.map((r) => {
      const f = figures(r);
      const c = byName.get('ceiling');
      const b = byName.get(baselineOf(r.processes));
      return [
        r.target,
        ...keys.map(
          (k) => `${ratio(f[k], c ? figures(c)[k] : null)} / ${ratio(f[k], b ? figures(b)[k] : null)}`,
        ),
      ];
    }),
  );
  const health = results
    .map(
      (r) =>
        `  ${r.target}: sent ${int(r.sent)}, expected ${int(r.expected)}, received ${int(r.received)}` +
        (Object.keys(r.sendErrors).length ? `, refused ${JSON.stringify(r.sendErrors)}` : '') +
        (r.disconnects ? `, ${r.disconnects} disconnects` : '') +
        (r.ackMs ? `; ack p50/p99 ${fmt(r.ackMs.p50)}/${fmt(r.ackMs.p99)} ms` : '') +
        `; generator ${fmt(r.generator.cores, 2)} cores, send lag p99 ${fmt(r.generator.sendLagP99Ms)} ms, loop delay p99 ${fmt(r.generator.loopDelayP99Ms)} ms` +
        `; other work on the machine ${fmt(r.otherCores, 2)} cores${r.otherCores > 0.2 ? ' (DISTURBED)' : ''}` +
        (r.connectFailures.length ? `; connect failures e.g. ${r.connectFailures[0]}` : ''),
    )
    .join('\n');
  return `${abs}\n\nRatios, each figure ÷ the ceiling's / ÷ the baseline's with the same process count:\n\n${ratios}\n\nCounts and generator health:\n${health}`;
}

export function rampTable(results: readonly RampResult[], limitMs: number): string {
  const steps = table(
    [
      'target',
      'clients',
      'conns',
      'deliv/s',
      'lost',
      'p50 ms',
      'p99 ms',
      'max ms',
      'CPU ms/1k',
      'RSS MB',
      'held',
    ],
    results.flatMap((r) =>
      r.steps.map((st) => [
        r.target,
        int(st.step),
        int(st.connected),
        int(st.deliveriesPerSec),
        int(st.lost),
        fmt(st.latencyMs.p50),
        fmt(st.latencyMs.p99),
        fmt(st.latencyMs.max),
        fmt(st.cpuMsPer1kDeliveries, 0),
        fmt(st.peakRssBytes / MB, 0),
        st.held ? 'yes' : `no: ${st.why}`,
      ]),
    ),
  );
  const byName = new Map(results.map((r) => [r.target, r]));
  const summary = table(
    ['target', 'procs', 'largest held', '÷ ceiling', '÷ baseline'],
    results.map((r) => [
      r.target,
      String(r.processes),
      `${int(r.held)}${r.reachedCap ? ' (cap)' : ''}`,
      ratio(r.held, byName.get('ceiling')?.held),
      ratio(r.held, byName.get(baselineOf(r.processes))?.held),
    ]),
  );
  return `${steps}\n\nLargest client count that held (p99 ≤ ${limitMs} ms, 0 lost, all connected):\n\n${summary}`;
}

export function idleTable(results: readonly IdleResult[]): string {
  const byName = new Map(results.map((r) => [r.target, r]));
  return table(
    [
      'target',
      'procs',
      'conns',
      'RSS before MB',
      'RSS half MB',
      'RSS after MB',
      'KB/conn (2nd half)',
      'KB/conn (all)',
      '÷ ceiling',
      '÷ baseline',
    ],
    results.map((r) => [
      r.target,
      String(r.processes),
      `${int(r.connected)}/${int(r.requested)}`,
      fmt(r.rssBeforeBytes / MB, 0),
      fmt(r.rssHalfBytes / MB, 0),
      fmt(r.rssAfterBytes / MB, 0),
      fmt(r.bytesPerConnection / 1024),
      fmt(r.bytesPerConnectionOverall / 1024),
      ratio(r.bytesPerConnection, byName.get('ceiling')?.bytesPerConnection),
      ratio(r.bytesPerConnection, byName.get(baselineOf(r.processes))?.bytesPerConnection),
    ]),
  );
}

/** Under a flood, a bystander's `me:get` p99 stays under this (issue 12): printed, never asserted. */
export const FLOOD_P99_TARGET_MS = 100;

export function floodTable(results: readonly FloodResult[]): string {
  const latency = (l: { p50: number; p99: number; max: number; count: number } | null) =>
    l ? `${fmt(l.p50)} / ${fmt(l.p99)} / ${fmt(l.max)} (${int(l.count)})` : '—';
  const rows = results.flatMap((r) =>
    r.phases.map((ph) => [
      r.target,
      ph.phase,
      latency(ph.sameNode),
      latency(ph.otherNode),
      Object.keys(ph.bystanderErrors).length ? JSON.stringify(ph.bystanderErrors) : '0',
      ph.flood ? int(ph.flood.emitted) : '—',
      ph.flood ? int(ph.flood.codes.ok ?? 0) : '—',
      ph.flood ? int(ph.flood.emitted - (ph.flood.codes.ok ?? 0)) : '—',
      ph.flood ? String(ph.flood.cutOff) : '—',
      fmt(ph.serverCpuMs, 0),
      `${fmt(ph.rssBeforeBytes / MB, 0)} → ${fmt(ph.rssPeakBytes / MB, 0)} → ${fmt(ph.rssAfterBytes / MB, 0)}`,
    ]),
  );
  const codes = results
    .flatMap((r) =>
      r.phases
        .filter((ph) => ph.flood)
        .map(
          (ph) =>
            `  ${r.target} ${ph.phase}: ${JSON.stringify(ph.flood?.codes)} in ${ph.flood?.bursts} bursts`,
        ),
    )
    .join('\n');
  return `${table(
    [
      'target',
      'phase',
      'me:get same node p50/p99/max ms (n)',
      'other node',
      'bystander errors',
      'flood sent',
      'admitted',
      'refused',
      'cut off',
      'server CPU ms',
      'server RSS MB before → peak → after',
    ],
    rows,
  )}\n\nFlood answers by code:\n${codes}`;
}

/** The targets of issue 6 (and 12 for the flood), each with whether it holds on this run. A miss is reported, never thrown. */
export function checkTargets(
  scenario: Scenario,
  results: readonly (LoadResult | RampResult | IdleResult | FloodResult)[],
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  if (scenario.kind === 'flood') {
    for (const r of results as FloodResult[]) {
      for (const ph of r.phases.filter((p) => p.phase !== 'quiet')) {
        for (const [where, l] of [
          ['same node', ph.sameNode],
          ['other node', ph.otherNode],
        ] as const) {
          if (!l) continue;
          checks.push({
            target: `${r.target}: bystander me:get p99 < ${FLOOD_P99_TARGET_MS} ms during the ${ph.phase} flood (${where})`,
            holds: l.p99 < FLOOD_P99_TARGET_MS,
            detail: `p99 ${fmt(l.p99)} ms, max ${fmt(l.max)} ms over ${l.count} asks`,
          });
        }
      }
    }
    return checks;
  }
  const get = <T>(name: TargetName) => results.find((r) => r.target === name) as T | undefined;
  for (const procs of [2, 1]) {
    const mine = get<LoadResult & RampResult & IdleResult>(procs === 1 ? 'staffroom-1' : 'staffroom-2');
    const base = get<LoadResult & RampResult & IdleResult>(baselineOf(procs));
    const who = `staffroom-${procs} vs baseline-${procs}`;
    if (!mine || !base) continue;
    if (scenario.kind === 'load') {
      const cpu = mine.cpuMsPer1kDeliveries / base.cpuMsPer1kDeliveries;
      const p99 = mine.latencyMs.p99 / base.latencyMs.p99;
      checks.push(
        {
          target: `${who}: CPU ms per 1,000 deliveries ≤ 1.0×`,
          holds: cpu <= 1,
          detail: `${fmt(mine.cpuMsPer1kDeliveries, 0)} vs ${fmt(base.cpuMsPer1kDeliveries, 0)} (${cpu.toFixed(2)}×)`,
        },
        {
          target: `${who}: p99 ≤ 1.0×`,
          holds: p99 <= 1,
          detail: `${fmt(mine.latencyMs.p99)} ms vs ${fmt(base.latencyMs.p99)} ms (${p99.toFixed(2)}×)`,
        },
        {
          target: `staffroom-${procs}: 0 lost`,
          holds: mine.lost === 0,
          detail: `${mine.lost} lost of ${mine.expected}`,
        },
      );
    } else if (scenario.kind === 'ramp') {
      checks.push({
        target: `${who}: holds at least as many clients before p99 > ${scenario.p99LimitMs} ms`,
        holds: mine.held >= base.held,
        detail: `${mine.held}${mine.reachedCap ? ' (cap)' : ''} vs ${base.held}${base.reachedCap ? ' (cap)' : ''}`,
      });
    } else {
      const r = mine.bytesPerConnection / base.bytesPerConnection;
      checks.push({
        target: `${who}: idle memory per connection ≤ 1.5×`,
        holds: r <= 1.5,
        detail: `${fmt(mine.bytesPerConnection / 1024)} KB vs ${fmt(base.bytesPerConnection / 1024)} KB (${r.toFixed(2)}×)`,
      });
    }
  }
  return checks;
}

export function checksText(checks: readonly TargetCheck[], smoke: boolean, issue = 6): string {
  if (checks.length === 0) return 'Targets: not evaluated (run staffroom and baseline targets together).';
  const lines = checks.map(
    (c) => `  ${c.holds === null ? 'n/a ' : c.holds ? 'PASS' : 'MISS'}  ${c.target}: ${c.detail}`,
  );
  return `Targets (issue ${issue})${smoke ? ' — smoke size: timing figures are not meaningful here' : ''}:\n${lines.join('\n')}`;
}
