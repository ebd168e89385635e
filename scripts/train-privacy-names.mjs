/**
 * Trains the privacy guard's learned judgement on name candidates (shared/src/guards/privacy-name-model.ts) and
 * writes its weights to shared/src/guards/privacy-name-weights.ts. Reproducible: fixed order, full-batch training, no
 * randomness; no data set is committed beyond the lines already in this repository.
 *
 *   npx tsc -b shared && GUARDS_DEV_DIR=/work/data/pii-dev node scripts/train-privacy-names.mjs [--dry]
 *   npx prettier --write shared/src/guards/privacy-name-weights.ts
 *
 * It featurises with the very code the guard runs (`nameCandidates` in shared/dist/guards/privacy.js), so build
 * `shared` first. `--dry` prints the cross-validation and writes nothing.
 *
 * ## Labelled candidates (a candidate is a run of two to four capitalised words, or lower-case words after a listed
 * given name; see `candidateRuns` in privacy.ts)
 * 1. The development halves (odd line numbers) of scripts/guards-training/privacy/p7.tsv to p12.tsv (six
 *    independent authors, 2026-12-06; p13's to p16's names are listed too, not read: see round 8 below): the private people's names of each identifying
 *    line are listed by hand in scripts/guards-training/privacy/names-dev.tsv; a candidate overlapping one is a
 *    positive, every other candidate (schools, places, works, public figures, brands in the ordinary and identifying
 *    lines) a negative. The even lines, the check halves, are never read here.
 * 2. The development half (even-numbered sentences) of microsoft/presidio-research `data/synth_dataset_v2.json`
 *    (commit 7622dec1, MIT licence; how to fetch it: scripts/evaluate-privacy-dev.mjs): a candidate overlapping a
 *    PERSON span is a positive, any other a negative, at weight PRESIDIO_WEIGHT (0.5: template sentences, and it
 *    labels public people as PERSON too). Its odd-numbered sentences are the check half and are not read.
 * 3. tests/fixtures/guards/ordinary.txt (in-sample ordinary teacher talk): every candidate is a negative.
 * 4. `reddit-casualconversation.csv` in GUARDS_DATA_DIR (GitHub repository Tearway001/ML_Depression_Reddit_Users,
 *    commit 0db7e86a, `r_casualconversation.csv`; a training source of scripts/train-guards.mjs, whose header says
 *    how to fetch it): every candidate is a negative at weight REDDIT_WEIGHT (0.3; a few posts do name a private
 *    person). Its capitalised words are mostly public people, brands, works and places. Not held to the budget below.
 *
 * ## Model and threshold
 * Logistic regression with L2 (LAMBDA) over the candidate's string features, trained by full-batch gradient descent
 * (EPOCHS). The threshold is chosen by 5-fold cross-validation split by line: the smallest threshold at which the
 * model, added to the rules, flags no more than FP_BUDGET (0.002) of the ordinary lines the rules leave quiet. A candidate
 * the guard never adds (`public` in `nameCandidates`: a listed public pair, a place abroad, a famous person by context)
 * is not counted as added. `SHOW=0.7` prints the cross-validated ordinary candidates added and names missed at 0.7.
 * Round 5 (2026-12-06): with 0.005 the rule gave 0.5, which added false positives on two check halves (see
 * tests/fixtures/guards/README.md, "Privacy round 5"); 0.002 gives the shipped 0.7.
 * Round 6 (2026-12-06): with p13 added the rule gives 0.6; that retrain added findings on public posts (dreaddit,
 * twitter: "Rectal Cancer", "george floyd", lower-case tweets) and was not shipped. The committed weights are still
 * round 5's (README, "Privacy round 6").
 * Round 8 (2026-12-07): with the presidio set fetched (scripts/evaluate-privacy-dev.mjs) this script, run on the code
 * before round 8 (main bdf88ab), gives 1,443 candidates and 0.6, not the committed 1,442 and 0.65: rules of rounds 6
 * and 7 moved a few candidates' features, so the committed weights are round 5's, kept as they are, not what this
 * script now writes. Retrained with p7-p16 (TRAIN_FILES below) the rule gives 0.55: +7 lines on the p7-p16 check
 * halves, none of their ordinary lines, but 36 findings more on the public posts, all false ("Rectal Cancer", "Cash
 * App", "george floyd", lower-case tweets); at 0.65 it equals the committed model's check-half total (493). Not
 * shipped (README, "Privacy round 8").
 * After round 8 (2026-12-07 02:57, lead): the committed weights are again exactly what this script writes, with the
 * default files (p7-p12) and the rule's threshold overridden to the shipped 0.65:
 *   GUARDS_DEV_DIR=/work/data/pii-dev GUARDS_DATA_DIR=/work/data/guards THRESHOLD=0.65 node scripts/train-privacy-names.mjs
 * (run twice: the same bytes after prettier). Against round 5's weights: the same warnings on every held-out privacy
 * batch, one identifying training line fewer (1,207/1,300), and 6 false findings fewer on public posts against 1 more
 * (README, "Privacy round 8").
 * Round 9 (2026-12-07, h-privacy9): that round's rules move a few candidates' features (1,443 candidates, the rule's
 * 0.6); written at 0.65 the weights add one false public finding ("thea vidal") and drop three. The lead shipped
 * them (2026-12-07 05:40) so that the committed weights are again exactly what the command above writes (run twice:
 * the same bytes); every held-out privacy batch and training file warns on the same lines as before.
 * Round 14 (2026-12-07, h-privacy14): names-dev.tsv lists the names of the development halves of p23, p25 (split by
 * pairs of lines, `devLine`) and p27. On this tree the command above no longer writes the committed weights (the
 * rules of rounds 10-13 moved candidates' features: 1,445 candidates, the rule's 0.5). Retrained with
 * TRAIN_FILES="p7.tsv … p12.tsv p23.tsv p25.tsv p27.tsv" (1,537 candidates, the rule's 0.5): at 0.65 the p7-p28
 * check halves are unchanged (846/962) but the public posts gain 14 findings and lose 3 (net +11, nearly all false:
 * "jaden smith", "crazy aryan", "female wilson", "luca wasn't"); at 0.7 / 0.75 / 0.8 the public posts lose findings
 * (+8 -7, +4 -15, +0 -19) but the check halves fall to 837 / 836 / 832. No threshold keeps both, so the committed
 * weights stay (README, "Privacy round 14").
 * After round 14 (2026-12-07 20:40, lead): the committed weights are again exactly what the command above writes (the
 * default files p7-p12, THRESHOLD=0.65; run twice: the same bytes after prettier). Against the weights they replace:
 * held-out privacy batches 10-26 identifying 898 -> 897/990 (11b 27 -> 26/30), ordinary warned unchanged; public PII
 * set unchanged; 70 of 61,348 comparison texts differ (README, "Privacy round 14").
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { parseCsv } from './train-guards-csv.mjs';

const dist = new URL('../shared/dist', import.meta.url).href;
const { nameCandidates, detectIdentifying } = await import(`${dist}/guards/privacy.js`);
const { privacyNameModel } = await import(`${dist}/guards/privacy-name-model.js`);

const LAMBDA = Number(process.env.LAMBDA ?? 0.001);
const EPOCHS = Number(process.env.EPOCHS ?? 400);
const PRESIDIO_WEIGHT = Number(process.env.PRESIDIO_WEIGHT ?? 0.5);
const REDDIT_WEIGHT = Number(process.env.REDDIT_WEIGHT ?? 0.3);
const FP_BUDGET = Number(process.env.FP_BUDGET ?? 0.002);
const DRY = process.argv.includes('--dry');
const root = new URL('..', import.meta.url);
const read = (rel) => readFileSync(new URL(rel, root), 'utf8');

/** Lines: { source, text, ordinary, names?: [start, end][] (null: every candidate negative), weight }. */
const lines = [];

const labels = new Map();
for (const row of read('scripts/guards-training/privacy/names-dev.tsv').split('\n')) {
  if (!row.trim() || row.startsWith('#')) continue;
  const [file, n, names] = row.split('\t');
  labels.set(`${file}:${n}`, names.split('|'));
}
// p13.tsv-p16.tsv (rounds 6-8) are labelled in names-dev.tsv but not read by default: retrained with them the rule
// chose 0.6 (round 6) and 0.55 (round 8) and neither was shipped (header). TRAIN_FILES="p7.tsv … p16.tsv" reads them.
const TRAIN_FILES = process.env.TRAIN_FILES ?? 'p7.tsv p8.tsv p9.tsv p10.tsv p11.tsv p12.tsv';
// The development half: odd lines, except in files whose labels alternate line by line (p23, p25), split by pairs of
// lines as scripts/evaluate-privacy-lines.mjs splits them (lines 3-4, 7-8 …).
const PAIRED = new Set(['p23.tsv', 'p25.tsv']);
const devLine = (file, n) => (PAIRED.has(file) ? n % 4 === 3 || n % 4 === 0 : n % 2 === 1);
for (const file of TRAIN_FILES.split(' ')) {
  read(`scripts/guards-training/privacy/${file}`)
    .split('\n')
    .forEach((line, i) => {
      const n = i + 1;
      if (!devLine(file, n) || !line.includes('\t') || line.startsWith('#')) return;
      const [label, ...rest] = line.split('\t');
      const text = rest.join('\t');
      const spans = [];
      for (const name of labels.get(`${file}:${n}`) ?? []) {
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
          spans.push([at, at + name.length]);
      }
      lines.push({ source: file, text, ordinary: label.trim() === 'ordinary', spans, weight: 1 });
    });
}

const DEV_FILE = `${process.env.GUARDS_DEV_DIR ?? '/work/data/pii-dev'}/synth_dataset_v2.json`;
if (existsSync(DEV_FILE)) {
  const NEUTRAL = new Set(['GPE', 'ORGANIZATION', 'DATE_TIME', 'AGE', 'TITLE', 'NRP']);
  const COVERED = new Set(['PERSON', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'STREET_ADDRESS']);
  JSON.parse(readFileSync(DEV_FILE, 'utf8')).forEach((r, i) => {
    if (i % 2 === 1) return;
    const spans = r.spans
      .filter((s) => s.entity_type === 'PERSON')
      .map((s) => [s.start_position, s.end_position]);
    const ordinary = r.spans.every((s) => NEUTRAL.has(s.entity_type));
    if (!ordinary && !r.spans.some((s) => COVERED.has(s.entity_type))) return;
    lines.push({ source: 'presidio', text: r.full_text, ordinary, spans, weight: PRESIDIO_WEIGHT });
  });
} else console.log(`presidio-research development half skipped: ${DEV_FILE} is missing`);

const REDDIT = `${process.env.GUARDS_DATA_DIR ?? '/work/data/guards'}/reddit-casualconversation.csv`;
if (REDDIT_WEIGHT > 0 && existsSync(REDDIT)) {
  for (const r of parseCsv(readFileSync(REDDIT, 'utf8')))
    lines.push({
      source: 'reddit',
      text: `${r.title}. ${r.body}`,
      ordinary: true,
      spans: [],
      weight: REDDIT_WEIGHT,
    });
} else if (REDDIT_WEIGHT > 0) console.log(`r/CasualConversation skipped: ${REDDIT} is missing`);

for (const line of read('tests/fixtures/guards/ordinary.txt').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  lines.push({ source: 'ordinary.txt', text: line, ordinary: true, spans: [], weight: 1 });
}

// Candidates, their labels and whether the rules already flag them.
privacyNameModel.enabled = false;
const index = new Map();
const examples = [];
lines.forEach((line, id) => {
  const found = detectIdentifying(line.text);
  line.flagged = found.length > 0;
  for (const c of nameCandidates(line.text)) {
    const y = line.spans.some(([s, e]) => s < c.end && c.start < e) ? 1 : 0;
    // A candidate the rules flag, or one the guard never adds (a public pair, a place abroad), is not the model's to add.
    const covered = c.public || found.some((f) => f.start < c.end && c.start < f.end);
    const x = c.features.map((f) => {
      if (!index.has(f)) index.set(f, index.size);
      return index.get(f);
    });
    examples.push({ line: id, x, y, w: line.weight, covered, start: c.start, end: c.end });
  }
});

function train(set) {
  const w = new Float64Array(index.size);
  let b = 0;
  const g = new Float64Array(index.size);
  const total = set.reduce((a, e) => a + e.w, 0);
  const h = new Float64Array(index.size).fill(1e-8);
  let hb = 1e-8;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    g.fill(0);
    let gb = 0;
    for (const e of set) {
      let s = b;
      for (const k of e.x) s += w[k];
      const d = (e.w * (1 / (1 + Math.exp(-s)) - e.y)) / total;
      gb += d;
      for (const k of e.x) g[k] += d;
    }
    // Adagrad, with the L2 penalty on the weights (not the bias).
    for (let k = 0; k < w.length; k++) {
      const gk = g[k] + LAMBDA * w[k];
      h[k] += gk * gk;
      w[k] -= (0.5 * gk) / Math.sqrt(h[k]);
    }
    hb += gb * gb;
    b -= (0.5 * gb) / Math.sqrt(hb);
  }
  return { w, b };
}
const prob = (m, e) => {
  let s = m.b;
  for (const k of e.x) s += m.w[k];
  return 1 / (1 + Math.exp(-s));
};

// Cross-validation split by line.
const FOLDS = 5;
const scored = [];
for (let fold = 0; fold < FOLDS; fold++) {
  const m = train(examples.filter((e) => e.line % FOLDS !== fold));
  for (const e of examples) if (e.line % FOLDS === fold) scored.push({ ...e, p: prob(m, e) });
}
const thresholds = [];
for (let t = 0.3; t < 0.991; t += 0.05) thresholds.push(Number(t.toFixed(2)));
const pct = (a, b) => `${a}/${b} = ${b ? (a / b).toFixed(3) : '-'}`;
const bySource = [...new Set(lines.map((l) => l.source))];
let chosen = 0.99;
console.log('cross-validation (5 folds by line): lines the model adds to the rules, per threshold');
for (const t of thresholds) {
  const added = new Set(scored.filter((e) => !e.covered && e.p >= t).map((e) => e.line));
  const parts = [];
  let fp = 0;
  let quiet = 0;
  for (const source of bySource) {
    const ids = lines.map((l, id) => ({ l, id })).filter(({ l }) => l.source === source);
    const ord = ids.filter(({ l }) => l.ordinary && !l.flagged);
    const idn = ids.filter(({ l }) => !l.ordinary && !l.flagged);
    const ordAdded = ord.filter(({ id }) => added.has(id)).length;
    const idnAdded = idn.filter(({ id }) => added.has(id)).length;
    // Posts of r/CasualConversation name a few private people too: reported, not held to the budget.
    if (source !== 'reddit') {
      fp += ordAdded;
      quiet += ids.filter(({ l }) => l.ordinary).length;
    }
    parts.push(`${source}: missed lines caught ${idnAdded}/${idn.length}, ordinary flagged ${ordAdded}`);
  }
  const posCaught = scored.filter((e) => !e.covered && e.y === 1 && e.p >= t).length;
  const posAll = scored.filter((e) => !e.covered && e.y === 1).length;
  const negFlagged = scored.filter((e) => !e.covered && e.y === 0 && e.p >= t).length;
  console.log(
    `  t=${t}: names the rules miss caught ${pct(posCaught, posAll)}, other candidates flagged ${negFlagged}; ordinary lines added ${pct(fp, quiet)}; ${parts.join('; ')}`,
  );
  if (fp <= FP_BUDGET * quiet && t < chosen) chosen = t;
}
console.log(`threshold chosen (smallest with ordinary lines added ≤ ${FP_BUDGET}): ${chosen}`);
// SHOW=0.8 prints, at that threshold, the cross-validated candidates of ordinary lines the model would add and the
// labelled names it would still miss (development lines only: every line here is training data).
if (process.env.SHOW) {
  const t = Number(process.env.SHOW);
  const span = (e) => lines[e.line].text.slice(e.start, e.end);
  for (const e of scored.filter(
    (x) => !x.covered && x.p >= t && lines[x.line].ordinary && !lines[x.line].flagged,
  ))
    console.log(
      `  FP ${e.p.toFixed(2)} ${lines[e.line].source} [${span(e)}] ${lines[e.line].text.slice(0, 120)}`,
    );
  for (const e of scored.filter(
    (x) => !x.covered && x.p < t && x.y === 1 && lines[x.line].source !== 'presidio',
  ))
    console.log(`  MISS ${e.p.toFixed(2)} ${lines[e.line].source} [${span(e)}]`);
}

console.log(
  `${examples.length} candidates (${examples.filter((e) => e.y).length} names) from ${lines.length} lines, ${index.size} features`,
);
// THRESHOLD overrides the rule's choice (round 4 shipped 0.85 that way; round 5 ships the rule's own choice).
const threshold = process.env.THRESHOLD ? Number(process.env.THRESHOLD) : chosen;
if (DRY) process.exit(0);

const model = train(examples);
const names = [...index.keys()];
const weights = {};
names
  .map((f, k) => [f, model.w[k]])
  .filter(([, v]) => Math.abs(v) >= 0.01)
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .forEach(([f, v]) => (weights[f] = Number(v.toFixed(3))));
const out = `// Generated by scripts/train-privacy-names.mjs from the labelled lines its header names: do not edit by hand.
// ${examples.length} candidates from ${lines.length} lines; L2 ${LAMBDA}, ${EPOCHS} epochs; threshold ${threshold} (the 5-fold CV rule, ordinary lines added ≤ ${FP_BUDGET}, gave ${chosen}).
import type { NameModel } from './privacy-name-model.js';

export const NAME_MODEL: NameModel = ${JSON.stringify({ bias: Number(model.b.toFixed(4)), threshold, weights })};
`;
writeFileSync(new URL('shared/src/guards/privacy-name-weights.ts', root), out);
console.log(`privacy-name-weights.ts: ${Object.keys(weights).length} weights, threshold ${threshold}`);
