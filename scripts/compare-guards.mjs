/**
 * Do two builds of the guards give the same verdicts? Runs both on every line it can find and prints counts of
 * differences per source, never a line's text unless asked with --show:
 *
 *   node scripts/compare-guards.mjs DIST_A DIST_B [--show | --show-public] [--verdict]
 *
 * --show-public prints the differing lines of the public sets only (never a training file's check half).
 *
 * --verdict compares only the crisis verdict of each line (risk, kind, concern for another): after a retrain every
 * score moves, and this counts the lines whose outcome changed (model round 7).
 *
 * DIST_A and DIST_B are builds of the shared package (`npx tsc -b shared` writes shared/dist; copy it before a change,
 * inside the repository so that the privacy guard's packages resolve, e.g. tests/artifacts/). Compared per line: the
 * whole CrisisResult, the blocked terms found (a fixed list, below), the privacy findings, and normaliseForCrisis.
 * Sources: training and development texts only: the committed fixture and training lines (never a held-out file), the
 * bench generator's messages, and the public training sets in GUARDS_DATA_DIR (default /work/data/guards; the list is
 * TRAINING_SETS in scripts/guard-texts.mjs) when present. Never an evaluation set: the sets named in the header of
 * scripts/evaluate-guards-external.mjs are measured there only, so that no comparison of builds is steered by them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchGeneratorMessages, filesUnder, fixtureLines, setTexts, TRAINING_SETS } from './guard-texts.mjs';

const args = process.argv.slice(2);
const showPublic = args.includes('--show-public');
const show = args.includes('--show');
const verdictOnly = args.includes('--verdict');
const dirs = args.filter((a) => !a.startsWith('--'));
if (dirs.length !== 2) {
  console.error('usage: node scripts/compare-guards.mjs DIST_A DIST_B [--show]');
  process.exit(64);
}
const REPO = new URL('../', import.meta.url);
const DATA = process.env.GUARDS_DATA_DIR ?? '/work/data/guards';

/** Blocked terms: placeholders, obfuscation-prone words, multi-word terms and words common in the lines. */
const TERMS = [
  'spam',
  'ass',
  'buy followers',
  'scam',
  'pineapple',
  'hell',
  'damn',
  'crap',
  'shit',
  'fuck',
  'kill',
  'die',
  'pills',
  'idiot',
  'loser',
  'click here',
  'free money',
  'the head',
  'marking load',
  'i',
  'a',
  'school',
  'tired',
  'p\u0456neapple',
];

async function load(dir) {
  const url = (name) => pathToFileURL(path.resolve(dir, 'guards', name)).href;
  const crisis = await import(url('crisis.js'));
  const blocked = await import(url('blocked-terms.js'));
  const privacy = await import(url('privacy.js'));
  if (verdictOnly)
    return (text) => {
      const r = crisis.detectCrisis(text);
      return JSON.stringify([r.risk, r.kind, r.concernForOther]);
    };
  return (text) =>
    JSON.stringify([
      crisis.detectCrisis(text),
      blocked.findBlockedTerms(text, TERMS),
      privacy.detectIdentifying(text, { schoolNames: ['Oak High School', 'Lincoln High School'] }),
      crisis.normaliseForCrisis(text),
    ]);
}

function sources() {
  const out = [];
  const fixtures = new URL('tests/fixtures/guards/', REPO).pathname;
  // Held-out files are never read, not even here.
  for (const f of filesUnder(fixtures, (n) => /\.(?:txt|tsv)$/.test(n) && !/heldout/i.test(n)))
    out.push([path.relative(REPO.pathname, f), fixtureLines(f)]);
  for (const f of filesUnder(new URL('scripts/guards-training/', REPO).pathname, (n) => n.endsWith('.tsv')))
    out.push([path.relative(REPO.pathname, f), fixtureLines(f)]);
  out.push(['bench generator messages', benchGeneratorMessages()]);
  for (const [name, columns] of Object.entries(TRAINING_SETS)) {
    const file = path.join(DATA, name);
    if (!existsSync(file)) {
      console.log(`skipped ${name}: not in ${DATA}`);
      continue;
    }
    out.push([name, setTexts(file, columns)]);
  }
  return out;
}

const [a, b] = [await load(dirs[0]), await load(dirs[1])];
let lines = 0;
let differing = 0;
for (const [name, texts] of sources()) {
  let diff = 0;
  for (const text of texts) {
    const [x, y] = [a(text), b(text)];
    if (x === y) continue;
    diff++;
    if (show || (showPublic && name in TRAINING_SETS))
      console.log(`  ${name}: ${JSON.stringify(text)}\n    A ${x}\n    B ${y}`);
  }
  lines += texts.length;
  differing += diff;
  console.log(`${name}: ${texts.length} lines, ${diff} differ`);
}
console.log(`total: ${lines} lines, ${differing} differ`);
process.exitCode = differing === 0 ? 0 : 1;
