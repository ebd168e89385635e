/**
 * The guards' per-stage CPU (bench/src/guard-stages.ts) of two builds of the shared package, interleaved in one
 * process (A, B, A, B, …: a busy machine slows both alike), medians over the rounds:
 *
 *   npx tsc -b shared && npx tsc -p bench
 *   cp -r shared/dist /some/where/before-dist      # (before a change; keep it inside the repository so that the
 *                                                 #  privacy guard's packages resolve, e.g. tests/artifacts/)
 *   node scripts/bench-guards-ab.mjs tests/artifacts/before-dist shared/dist [--rounds 9]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { medians, stageRound, stageTexts, stagesText } from '../bench/dist/src/guard-stages.js';

const args = process.argv.slice(2);
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 9;
if (dirs.length !== 2 || !(rounds > 0)) {
  console.error('usage: node scripts/bench-guards-ab.mjs DIST_A DIST_B [--rounds N]');
  process.exit(64);
}

async function load(dir) {
  const url = (name) => pathToFileURL(path.resolve(dir, 'guards', name)).href;
  const [normalize, crisis, model, blocked, privacy] = await Promise.all(
    ['normalize.js', 'crisis.js', 'crisis-model.js', 'blocked-terms.js', 'privacy.js'].map(
      (f) => import(url(f)),
    ),
  );
  return {
    prepare: normalize.prepare,
    normaliseForCrisis: crisis.normaliseForCrisis,
    scoreNormalised: (t) => model.scoreNormalised(t),
    detectCrisis: crisis.detectCrisis,
    findBlockedTerms: blocked.findBlockedTerms,
    detectIdentifying: (t) => privacy.detectIdentifying(t),
  };
}

const builds = [
  { label: 'A', impl: await load(dirs[0]) },
  { label: 'B', impl: await load(dirs[1]) },
];
console.log(`A = ${dirs[0]}, B = ${dirs[1]}; ${rounds} interleaved rounds, µs of CPU per message (medians)`);
const rows = [];
for (const [set, texts] of Object.entries(stageTexts())) {
  const results = builds.map(() => []);
  for (let r = 0; r < rounds; r++) builds.forEach((b, i) => results[i].push(stageRound(b.impl, texts)));
  builds.forEach((b, i) => rows.push({ label: `${set} ${b.label}`, times: medians(results[i]) }));
}
console.log(stagesText(rows));
