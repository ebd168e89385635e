/**
 * The built crisis guard on labelled TSV files (`label<TAB>text`, the labels of the synthetic authors: plan,
 * passive, third, hyperbole, venting, recovery, grief, negation, ordinary), as counts per file and in total:
 *
 *   npx tsc -b shared && node scripts/evaluate-crisis-dev.mjs FILE.tsv… [--dist DIR] [--misses] [--min-words N]
 *
 * Per file: risk lines (plan + passive) flagged as the writer at risk, plan and passive apart, the risk lines read as
 * a plan (kind `plan`), not-risk lines (every other label but third) flagged, per label, and third-person lines read
 * as concern for another (and how many of them were flagged as the writer at risk). `--dist DIR` scores another
 * build of the shared package (e.g. tests/artifacts/dist-base, a copy taken before a change). `--misses` also prints
 * the risk lines missed and the not-risk lines flagged, for a development set only (never a held-out file: the
 * script refuses any path with "heldout" in it). `--min-words N` scores only lines of more than N words (round 16L:
 * the long posts, over CRISIS_THRESHOLDS.windowWords).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const misses = args.includes('--misses');
const distAt = args.indexOf('--dist');
const dist = distAt >= 0 ? args[distAt + 1] : new URL('../shared/dist', import.meta.url).pathname;
const minAt = args.indexOf('--min-words');
const minWords = minAt >= 0 ? Number(args[minAt + 1]) : 0;
const files = args.filter(
  (a, i) => !a.startsWith('--') && !(distAt >= 0 && i === distAt + 1) && !(minAt >= 0 && i === minAt + 1),
);
if (files.length === 0) {
  console.error('usage: node scripts/evaluate-crisis-dev.mjs FILE.tsv… [--dist DIR] [--misses]');
  process.exit(64);
}
if (files.some((f) => /heldout/i.test(f))) {
  console.error('refused: held-out files are scored only by the lead');
  process.exit(64);
}
const { detectCrisis } = await import(pathToFileURL(path.resolve(dist, 'guards', 'crisis.js')).href);

const RISK = new Set(['plan', 'passive']);

function score(file) {
  const t = {
    plan: [0, 0],
    passive: [0, 0],
    asPlan: 0,
    third: [0, 0],
    thirdAsRisk: 0,
    neg: {},
    missed: [],
    flagged: [],
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#') || !line.includes('\t')) continue;
    const [label, ...rest] = line.split('\t');
    const text = rest.join(' ');
    if (minWords > 0 && (text.match(/\S+/g) ?? []).length <= minWords) continue;
    const r = detectCrisis(text);
    if (RISK.has(label)) {
      t[label][1]++;
      if (r.risk) t[label][0]++;
      else t.missed.push(`${label}\t${text}`);
      if (r.kind === 'plan') t.asPlan++;
    } else if (label === 'third') {
      t.third[1]++;
      if (r.concernForOther) t.third[0]++;
      if (r.risk) t.thirdAsRisk++;
    } else {
      const n = (t.neg[label] ??= [0, 0]);
      n[1]++;
      if (r.risk) {
        n[0]++;
        t.flagged.push(`${label}\t${text}`);
      }
    }
  }
  return t;
}

const frac = ([a, b]) => `${a}/${b}`;
const sum = (pairs) => pairs.reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);

function print(name, t) {
  const risk = sum([t.plan, t.passive]);
  const neg = sum(Object.values(t.neg));
  const perKind = Object.entries(t.neg)
    .map(([k, v]) => `${k} ${frac(v)}`)
    .join(', ');
  console.log(
    `${name}: risk ${frac(risk)} (plan ${frac(t.plan)}, passive ${frac(t.passive)}; kind plan ${t.asPlan}) · ` +
      `not-risk flagged ${frac(neg)} (${perKind}) · third concern ${frac(t.third)} (flagged as risk ${t.thirdAsRisk})`,
  );
}

const total = { plan: [0, 0], passive: [0, 0], asPlan: 0, third: [0, 0], thirdAsRisk: 0, neg: {} };
for (const file of files) {
  const t = score(file);
  print(path.basename(file), t);
  if (misses) {
    for (const m of t.missed) console.log(`  missed  ${m}`);
    for (const f of t.flagged) console.log(`  flagged ${f}`);
  }
  total.plan = sum([total.plan, t.plan]);
  total.passive = sum([total.passive, t.passive]);
  total.asPlan += t.asPlan;
  total.third = sum([total.third, t.third]);
  total.thirdAsRisk += t.thirdAsRisk;
  for (const [k, v] of Object.entries(t.neg)) total.neg[k] = sum([total.neg[k] ?? [0, 0], v]);
}
if (files.length > 1) print('total', total);
