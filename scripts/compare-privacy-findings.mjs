/**
 * Do two builds of the privacy guard find exactly the same things? Runs both builds' `detectIdentifying` on every
 * training and development text it can find and prints, per source, how many texts' findings (kind, span, match)
 * differ; a speed-up of the guard must print 0 everywhere:
 *
 *   npx tsc -b shared
 *   cp -r shared/dist tests/artifacts/before-dist     # before the change (inside the repository, git-ignored)
 *   node scripts/compare-privacy-findings.mjs tests/artifacts/before-dist shared/dist [--show N] [--rows N]
 *
 * Each text is screened three ways: with no options, with school and public names configured, and as a name field.
 * Each line is also screened lower-cased (the lower-case rules), and long messages are made by joining lines to about
 * 2,000 characters (issue 11's message length), as the bench does. --show N prints the first N differing texts
 * (training and development sources only; never a held-out file, which this script does not read). --rows N caps the
 * rows read from each public set (default 3000).
 *
 * Sources: tests/fixtures/guards/{identifying,ordinary,crisis,schools,ordinary-probe-r3}.txt and crisis-dev-7.tsv,
 * every scripts/guards-training/**.tsv text column, the public sets in GUARDS_DATA_DIR (default /work/data/guards),
 * /work/data/pii-dev/synth_dataset_v2.json (PII_DEV_DIR), the bench's guard messages and generated mixes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchGeneratorMessages, filesUnder, fixtureLines, setTexts, TRAINING_SETS } from './guard-texts.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const showMax = option('--show', 0);
const rowsMax = option('--rows', 3000);
const dirs = args.filter((a, i) => !a.startsWith('--') && !['--show', '--rows'].includes(args[i - 1] ?? ''));
if (dirs.length !== 2) {
  console.error('usage: node scripts/compare-privacy-findings.mjs DIST_A DIST_B [--show N] [--rows N]');
  process.exit(64);
}
const REPO = new URL('../', import.meta.url).pathname;
const DATA = process.env.GUARDS_DATA_DIR ?? '/work/data/guards';
const PII_DEV = process.env.PII_DEV_DIR ?? '/work/data/pii-dev';

const CONFIGURED = {
  schoolNames: ['Oak High School', 'Lincoln High School', 'St Mary', 'Riverside Academy Trust'],
  allowNames: ['Maya Angelou', 'Sarah Connor'],
};

async function load(dir) {
  const privacy = await import(pathToFileURL(path.resolve(dir, 'guards', 'privacy.js')).href);
  return (text) =>
    JSON.stringify([
      privacy.detectIdentifying(text),
      privacy.detectIdentifying(text, CONFIGURED),
      text.length <= 80 ? privacy.detectIdentifying(text, { nameField: true }) : null,
    ]);
}

/** A small seeded generator, so the mixes are the same on every run. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `count` messages of about 2,000 characters, each lines picked at random and joined with a space or a line break. */
function mixes(lines, count, seed) {
  const next = random(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    while (text.length < 2000)
      text += (text ? (next() < 0.8 ? ' ' : '\n') : '') + lines[Math.floor(next() * lines.length)];
    out.push(text.slice(0, 2000));
  }
  return out;
}

/** A unit of text repeated and cut to 2,000 characters from a few offsets (bench/src/guard-stages.ts). */
function repeated(unit) {
  const out = [];
  for (let shift = 0; shift < 8; shift++)
    out.push(unit.repeat(Math.ceil((2000 + shift * 7) / unit.length) + 1).slice(shift * 7, shift * 7 + 2000));
  return out;
}

function sources() {
  const out = [];
  const fixtures = path.join(REPO, 'tests/fixtures/guards');
  // Named one by one: held-out files are never read, not even here.
  const fixtureFiles = [
    'identifying.txt',
    'ordinary.txt',
    'crisis.txt',
    'schools.txt',
    'ordinary-probe-r3.txt',
    'crisis-dev-7.tsv',
  ];
  const training = [];
  for (const f of fixtureFiles) {
    const lines = fixtureLines(path.join(fixtures, f));
    out.push([`fixtures/${f}`, lines, true]);
    training.push(...lines);
  }
  for (const f of filesUnder(path.join(REPO, 'scripts/guards-training'), (n) => n.endsWith('.tsv'))) {
    const lines = fixtureLines(f);
    out.push([path.relative(REPO, f), lines, true]);
    training.push(...lines);
  }
  out.push(['training and fixture lines, lower-cased', training.map((t) => t.toLowerCase()), true]);
  out.push(['2,000-character mixes of those lines', mixes(training, 600, 11), true]);
  const bench = [
    'Honestly this term has been brutal. Year 10 are lovely but the marking load is unreal and our head keeps adding data drops. ',
    'I called Mrs Okafor at 07700 900123 about the trip; she lives at 14 Rue des Lilas, 75011 Paris, see www.danielhartley.co.uk. ',
    'I have been feeling low and I keep thinking everyone would be better off without me, the pills are in the cupboard. ',
  ];
  out.push(['bench messages', [...bench.flatMap(repeated), ...bench, ...benchGeneratorMessages()], true]);
  const publicTexts = [];
  for (const [name, columns] of Object.entries(TRAINING_SETS)) {
    const file = path.join(DATA, name);
    if (!existsSync(file)) {
      console.log(`skipped ${name}: not in ${DATA}`);
      continue;
    }
    const texts = setTexts(file, columns, rowsMax);
    out.push([name, texts, false]);
    publicTexts.push(...texts);
  }
  if (publicTexts.length)
    out.push(['2,000-character mixes of the public sets', mixes(publicTexts, 300, 12), false]);
  const pii = path.join(PII_DEV, 'synth_dataset_v2.json');
  if (existsSync(pii)) {
    const texts = JSON.parse(readFileSync(pii, 'utf8'))
      .map((r) => r.full_text)
      .filter((t) => typeof t === 'string');
    out.push(['pii-dev/synth_dataset_v2.json', texts, true]);
    out.push(['2,000-character mixes of pii-dev', mixes(texts, 300, 13), true]);
  } else console.log(`skipped synth_dataset_v2.json: not in ${PII_DEV}`);
  return out;
}

const [a, b] = [await load(dirs[0]), await load(dirs[1])];
let total = 0;
let differing = 0;
let shown = 0;
for (const [name, texts, showable] of sources()) {
  let diff = 0;
  for (const text of texts) {
    const [x, y] = [a(text), b(text)];
    if (x === y) continue;
    diff++;
    if (showable && shown < showMax) {
      shown++;
      console.log(`  ${name}: ${JSON.stringify(text)}\n    A ${x}\n    B ${y}`);
    }
  }
  total += texts.length;
  differing += diff;
  console.log(`${name}: ${texts.length} texts, ${diff} differ`);
}
console.log(`total: ${total} texts, ${differing} differ`);
process.exitCode = differing === 0 ? 0 : 1;
