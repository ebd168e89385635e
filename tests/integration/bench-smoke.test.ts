import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TARGETS = ['ceiling', 'baseline-1', 'baseline-2', 'staffroom-1', 'staffroom-2'];

interface SmokeJson {
  results: { target: string; connected: number; requested: number; expected: number; lost: number }[];
  targets: { target: string; holds: boolean | null }[];
  errors: { target: string; error: string }[];
}

/**
 * `npm run bench -- --smoke` end to end: every target started, provisioned, loaded and measured, the table
 * printed and the JSON written. It asserts that nothing was lost, never how fast anything was.
 */
describe('bench smoke', () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'staffroom-bench-smoke-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('When the bench runs in smoke size against all five targets, then every delivery arrives and the table and JSON are written', () => {
    const tsc = spawnSync(
      process.execPath,
      [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'bench'],
      {
        cwd: REPO,
        encoding: 'utf8',
      },
    );
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);

    // Shorter windows than `--smoke` alone (1 s warm-up, 2 s measured, 1 s drain): the same checks on fewer
    // messages, and a longer drain, so a loaded machine's stragglers arrive before the count. The time limit is
    // for a hung run only (CI took 52 s with the default windows; on a loaded machine the run was cut off at 55 s).
    const run = spawnSync(
      process.execPath,
      [
        path.join(REPO, 'bench/dist/src/cli.js'),
        '--smoke',
        ...['--warmup', '0.5', '--duration', '1', '--drain', '2.5'],
        ...['--out-dir', outDir],
      ],
      { cwd: REPO, encoding: 'utf8', timeout: 170_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);

    // The table, one row per target, and the targets verdicts (a MISS never fails the run).
    expect(output).toMatch(/\| target +\| procs \| conns \| deliv\/s \| lost \|/);
    for (const target of TARGETS) expect(output).toMatch(new RegExp(`^\\| ${target} +\\|`, 'm'));
    expect(output).toMatch(/Targets \(issue 6\)/);

    const files = readdirSync(outDir);
    const json = files.find((f) => f.endsWith('-smoke.json'));
    expect(json, files.join(', ')).toBeDefined();
    expect(files.some((f) => f.endsWith('-smoke.md'))).toBe(true);
    const report = JSON.parse(readFileSync(path.join(outDir, json!), 'utf8')) as SmokeJson;
    expect(report.errors).toEqual([]);
    expect(report.results.map((r) => r.target)).toEqual(TARGETS);
    for (const r of report.results) {
      expect(r.connected, r.target).toBe(r.requested);
      expect(r.expected, r.target).toBeGreaterThan(0);
      expect(r.lost, r.target).toBe(0);
    }
    expect(report.targets.length).toBeGreaterThan(0);
  }, 200_000);
});
