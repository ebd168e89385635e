/**
 * Trains the crisis guard's learned component (shared/src/guards/crisis-model.ts) and writes its weights to
 * shared/src/guards/crisis-model-weights.ts. Reproducible: fixed seed, fixed order, no data set is committed.
 *
 *   npx tsc -b shared && GUARDS_DATA_DIR=/work/data/guards node scripts/train-guards.mjs
 *   CV=1 …      cross-validation split by source (below): prints what the model adds to the rules per threshold set and
 *               the thresholds chosen by a stated rule; writes nothing. Its choice of 12:00 (with a model trained
 *               by this script) was set back on 2026-12-06 12:20: the shipped weights and CRISIS_THRESHOLDS
 *               (crisis.ts) are those of 05:15 (tests/fixtures/guards/README.md, issue 11).
 *   CV=authors  cross-validation ACROSS AUTHORS (model round 3, 2026-12-06 16:00; round 4 18:20): leave one author out
 *               (each synthetic author w1–w27 and, as one more group, the committed teacher-voice/social-voice/dev-
 *               batch files), score the held-out author's lines with the whole decision (detectCrisisWith) and print
 *               per fold, pooled and as the MEAN over authors (the generalisation figure): recall on plan+passive and
 *               on plan, false positives on hyperbole/venting/recovery/grief/negation/ordinary (each and together),
 *               the third-person concern rate; rules alone and model alone beside the combined decision. Then, for
 *               each decision, the round's rules read with the model trained on everything (hard negatives, the
 *               ordinary probe, ordinary.txt, crisis.txt: DEV_SETS). GRID='[{"vetoOutside":0.3}, …]' scores more
 *               decisions (partial thresholds over the shipped ones) on the same fold models, GRID_AUTHORS=1 a small
 *               grid of thresholds; PER_AUTHOR=1 prints every decision per fold, MISSES=1 the shipped decision's misses and
 *               false alarms per fold (training authors' lines only). SYNTH_TRAIN=w1,w2,w3,w4 trains
 *               with round 3's data (`none`: round 2's). Writes nothing but the model cache (MODEL_CACHE, default
 *               /tmp/guards-model-cache: a model is trained once per set of examples and settings).
 *   EPOCHS, BITS, SELF_RATIO  override the defaults (10 epochs, 2^16 buckets: 2^17 until round 4, CV equal at half
 *   the bytes; self = 1.5 × none in total weight), TEACHER_WEIGHT (16; 8 until 2026-12-06 11:35), SYNTH_WEIGHT (32 since
 *   model round 11: with w33–w36 every model at 64 flagged probe or ordinary.txt lines at round 10's bars, and CV=authors
 *   gave 32 the higher best eligible decision, 0.875 against 0.862; 64 from round 3 to 10, chosen over 16 and 32; round 12:
 *   24, 48, EPOCHS 12 and KIND_WEIGHT=ordinary=2 flag the same ordinary.txt line as 32, so 32 stayed) and
 *   KIND_WEIGHT (e.g. `recovery=2,negation=2`: extra weight per label of the committed and synthetic lines).
 *   HEADS=1     (model round 5) recovery, negation, grief and hyperbole lines train classes of their own
 *               (CONTEXT_CLASSES in crisis-model.ts, added back to `none` when scored) instead of `none`; use with
 *               BITS=15 to stay near 300 KB. Measured by CV=authors and not shipped (tests/fixtures/guards/README.md).
 *
 * Re-fetching (2026-12-06 11:35 UTC, again 15:31 for round 3 at the same commits): the `fetch` tool (or `git clone`) of each repository named below, then
 * `git show <commit>:<path> > $GUARDS_DATA_DIR/<name>`; the commits are the ones read that day.
 *
 * It featurises with the very code the guard runs (shared/dist/guards/crisis-model.js, normaliseForCrisis from
 * crisis.js), so build `shared` first.
 *
 * ## Training sources (put the files in GUARDS_DATA_DIR under the names given)
 * 1. `twitter-suicidal.csv` — GitHub repository HosamMhmdAli/HosamMhmdAli-twitters-uicidal-Nlp-project, file
 *    `twitter-suicidal_data.csv` at commit 49463f9a (9,119 English tweets, columns tweet,intention; the copy of a
 *    public Kaggle set of suicidal-intention tweets; no licence file in the repository, so it is used for training
 *    only and never committed). Label mapping: intention 1 → `self`, 0 → `none`.
 *    Re-fetch: clone that repository and copy the file.
 * 2. `reddit-sw-sample.csv` — GitHub repository torrentpien/chatgpt-textmining-workshop (commit 496c4544), file
 *    `Suicide_Detection.csv`
 *    (a 500-post sample of the public "Suicide and Depression Detection" Reddit set: r/SuicideWatch posts labelled
 *    suicide, r/teenagers posts labelled non-suicide; no licence file; training only). Mapping: suicide → `self`,
 *    non-suicide → `none`.
 * 3. `sdcnl-train.csv`, `sdcnl-val.csv` — GitHub repository
 *    Koii2k3/Language-Models-for-Detecting-Psychological-States-from-Social-Media-Posts (commit 0e507cef), files
 *    `datasets/raw/SDCNL/raw_train.csv` and `raw_val.csv`: SDCNL (Haque et al. 2021), r/SuicideWatch vs r/depression
 *    posts, columns title,selftext,is_suicide. Mapping: 1 → `self`; 0 → `none` at half weight, leaving out posts that
 *    name suicide, self-harm or overdose (depression posts are the venting and low mood the guard must not flag, but
 *    some of them do speak of dying). Until 2026-12-06 11:35 only the 1s were read, although this header said 0s too.
 *    The same repository also holds a copy of the C-SSRS set (`datasets/raw/CSSRS`, `datasets/clean/CSSRS`): that is
 *    the evaluation's source 1 and is never read here.
 * 4. `sad.csv` — same repository, `datasets/raw/SAD/raw_train.csv`: SAD (Mauriello et al. 2021), 6,850 short
 *    everyday stressor sentences ("a coworker ignored my work"). Mapping: all → `none` (column `sentence`).
 * 5. `dreaddit-train.csv`, `dreaddit-val.csv` — same repository, `datasets/raw/Dreaddit/raw_train.csv` and
 *    `raw_val.csv`: Dreaddit (Turcan & McKeown 2019), Reddit posts about stress. Mapping: → `none`, except posts that
 *    name suicide, self-harm or overdose, which are left out (the set labels stress, not suicide risk). No licence
 *    files in the repository for 3–5 (the sets' own papers release them for research): training only, never
 *    committed.
 * 6. `reddit-casualconversation.csv`, `reddit-EOOD.csv`, `reddit-offmychest.csv` — GitHub repository
 *    Tearway001/ML_Depression_Reddit_Users (commit 0db7e86a), files `r_casualconversation.csv`, `r_EOOD.csv` (exercise
 *    out of depression: recovery talk), `r_offmychest.csv` (venting; half weight); columns title,body. Mapping:
 *    → `none`, leaving out posts that name suicide, self-harm or overdose. (`r_offmychest.csv` is listed above but is
 *    an evaluation file of scripts/evaluate-guards-external.mjs and is not read here; no licence file.)
 *    Short-message augmentation for 5 and 6: a post of more than 40 words also gives its first three 25-word pieces
 *    as `none` lines at a third of the weight (a chat message is short; the long posts taught only long `none`).
 *    Re-fetch 3–6: clone each repository at the commit given and copy the files to the names given.
 * 7. `scripts/guards-training/teacher-voice.tsv` (committed, written for Staffroom): plans, passive ideation, third-
 *    person concern, and the hard negatives (hyperbole, venting, recovery, grief, negation). Mapping: plan/passive →
 *    `self`, third → `third`, everything else → `none`. Weighted ×16 (×8 until 2026-12-06 11:35; CV chose 16): the
 *    only sources in a teacher's voice.
 *    `scripts/guards-training/dev-batch1.tsv` and `dev-batch2.tsv` (committed, written for Staffroom): written as
 *    held-out lines, scored, their misses read, so they moved here; same mapping and weight.
 *    `scripts/guards-training/social-voice.tsv` (committed, written for Staffroom on 2026-12-06 after held-out batch
 *    4 was frozen): social-media style, profanity, method questions, acts in progress, money after death, and the
 *    hard negatives; same mapping and weight.
 *    `scripts/guards-training/dev-batch5.tsv` and `tests/fixtures/guards/crisis-dev-7.tsv` (committed, written for
 *    Staffroom on 2026-12-06 06:40 and 09:07 as development batches, their misses read): added 2026-12-06 11:35 with
 *    the same mapping and weight.
 *    Context augmentation: each of these lines once more, after or before a line of `ordinary.txt` that names no
 *    risk word, same label, weight 3 (a message about marking that ends with the pills still needs the flag).
 * 7b. `scripts/guards-training/synthetic/w1.tsv` … `w64.tsv` (committed, written for Staffroom on 2026-12-06 and -07 by
 *    sixty-three independent authors, 80–400 lines each, labels of /work/synth/LABELS.md: plan, passive, third,
 *    hyperbole, venting, recovery, grief, negation, ordinary): W1 teacher voice to colleagues, W2 social-media voice,
 *    W3 forum posts and global Englishes, W4 hard and indirect cases (round 3); W5 one-to-one and intake voice, W6
 *    short phone-chat messages, W7 US forum voice, W8 UK and Irish formal long messages, W9 phone and voice typing
 *    with ESL and code-switching, W10 one-to-one and intake euphemism with medical and legal ordinary talk (round 4);
 *    W11–W17 (round 4b; W15–W17 mostly harmless look-alikes of indirect risk talk); W18 US/UK/Irish/Canadian group
 *    voice with many recovery, negation and grief look-alikes beside indirect plans, W19 phone typing and ESL with
 *    plans in varied wording, W20 long one-to-one and intake messages with the risk in the middle (round 5, written
 *    2026-12-06 20:34); W21 present self-harm and relapse (`plan`) beside past and recovery look-alikes, W22 true
 *    denials (`negation`) beside denials that still carry risk (`passive`, `plan`) (round 6). Round 8 (written
 *    2026-12-06 23:14–23:15, copied unchanged from the lead's folder):
 *    W23 US/UK/Australian/Irish/Philippine/South African group posts and check-ins, passive ideation in many forms
 *    beside its look-alikes (130 lines);
 *    W24 Canadian/NZ/Indian/Ghanaian/Jamaican/German/US-South late-night phone typing, plans, means and acts in progress
 *    beside innocent look-alikes of the same nouns (130 lines);
 *    W25 long intake notes and check-ins (40–120 words) from the English-speaking world and international schools, the
 *    risk sentence buried among work, family and logistics (110 lines). Round 9 (written 2026-12-06 23:36–23:37):
 *    W26 the hard boundary between risk and its look-alikes, shared words, near look-alike pairs (130 lines);
 *    W27 young teachers' texting register, slang and euphemisms ("unalive", "kms", "ctb"), irony (130 lines). Round 10
 *    (written 2026-12-07): W28 plans and means beside look-alikes (120 lines), W29 ordinary absences, handovers and
 *    logistics that sound final beside real absence-flavoured risk (180), W30 long posts with the risk buried in one
 *    sentence (120), W31 British, Irish, Scots, Welsh, Caribbean and South African dialect (120), W32 US South, AAVE,
 *    Appalachian, Hawaiian Pidgin, Australian/NZ, Indian, Pakistani, Nigerian and Filipino English (120).
 *    Round 11 (written 2026-12-07): W33 plans and means in every form, W34 long messages (100–250 words: risk said
 *    once inside a long vent, and long bleak vents without risk), W35 tweet and text style, short, hyperbole beside
 *    real risk, W36 passive ideation and current self-harm. Round 12 (written 2026-12-07 07:24–07:28; there is no
 *    W39): W37 short lower-case social posts and texts, hyperbole beside real risk (120 lines), W38 long support-group
 *    posts of 100–250 words, the risk said once inside a long account of work (80), W40 method questions, means at
 *    hand, overdoses in progress, current self-harm in many words, understated passive ideation (120), W41 everyday
 *    teacher talk using the words of risk innocently (wills, insurance, rope in PE, ending a club) beside 20 lines of
 *    real risk in the same everyday words (120). Round 13 (written 2026-12-07 07:32–11:00): W42 understated and
 *    indirect risk said in passing (120 lines), W43 short social text, gallows humour beside real risk (120), W44 long
 *    forum posts of 90–250 words, plans with current self-harm in plain verbs, means at hand, dates in understated words,
 *    beside dark long posts without risk (140), W45 short social text, slang, gallows humour beside real risk (150), W46
 *    current self-harm and method talk in plain everyday verbs, denials beside distress (140). Round 14 (written
 *    2026-12-07 13:27, copied unchanged from the lead's folder): W47 understated dates, means at hand, affairs in
 *    order (150 lines), W48 long forum posts of 90–250 words (110), W49 method and dose questions in everyday words,
 *    attempts in progress, beside honest health and science questions (140), W50 short messy fragments with codes,
 *    notes and abbreviations (150), W51 second-language and local Englishes (140). Round 15 (written 2026-12-07
 *    16:18, copied unchanged from the lead's folder, 140 lines each): W52 late-night one-to-one chats, attempts in
 *    progress and logistics, W53 British/Irish/Australian understatement and dark humour, W54 formal euphemism and
 *    intake notes, W55 young teachers' slang and algospeak, W56 rural and older teachers, guns, farm chemicals,
 *    trucks. Round 16 (written 2026-12-07 19:15, copied unchanged, 140 lines each): W57 late-night one-to-one chats,
 *    attempts in progress or just made, W58 practical-sounding questions about methods, doses, heights, cameras and
 *    insurance beside real school questions with the same words, W59 settling affairs and goodbyes beside retirement,
 *    leaving and end-of-year goodbyes, W60 English as a second language (Nigeria, Kenya, the Philippines, Malaysia,
 *    Poland, Brazil) and Welsh and Scottish dialect. Round 16L (written 2026-12-07 19:28, 80 long posts of 120–300 words
 *    each): W61L late-night support-group posts by worn-down teachers, W62L long forum posts by UK teachers, TAs, cover
 *    supervisors and leaders. Round 17 (written 2026-12-07 22:29–22:30, copied unchanged from the lead's folder, 160
 *    lines each, 60 plans told without the words suicide, kill or die: means at hand, timing, preparation, euphemism,
 *    beside hard negatives): W63 teachers in England, Scotland, Australia, Canada and the US South, group posts, one-to-
 *    one chats and intake notes; W64 one-to-one consultant chats and intake notes, hedging, minimising, joking and
 *    fragmented writers, Gen Z new teachers and burnt-out veterans from India, Nigeria, the Philippines, the Caribbean,
 *    Ireland and the US Midwest. Round 17F (written 2026-12-07 22:32, copied unchanged, 160 lines
 *    each): W65 and W66 formal, reserved writers (near-retirement teachers, heads of department, teachers writing
 *    English as a second language), plans told as arrangements and passive wishes in understated words. Files w1.tsv …
 *    w38.tsv, w40.tsv … w60.tsv, w61l.tsv, w62l.tsv, w63.tsv … w66.tsv.
 *    Each file is its own source (and its own fold of CV=authors, or of a group with AUTHOR_FOLDS). Same mapping and context augmentation as 7,
 *    weight SYNTH_WEIGHT.
 * 8. `tests/fixtures/guards/crisis.txt` → `self`, `tests/fixtures/guards/ordinary.txt` → `none` (the rules were
 *    written from these, so they are in-sample for the rules anyway). Weighted ×3.
 * 9. Augmentation for `third`: each `self` line of sources 7 and 8 rewritten in the third person behind a reporting
 *    frame ("my colleague told me she …"), generated below with fixed templates.
 * Finally the labels are balanced (`balance` below): the public sets bring far more `none` than `self`.
 *
 * Considered and not added (2026-12-06): the Interpersonal Risk Factors posts (Koii2k3 `datasets/raw/Irf`: labels of
 * belonging and burden, not of suicide risk), the same repository's IMHI `t-sid` tweets (may overlap the evaluation's
 * tweets), and Tearway001's `r_suicidewatch.csv` (top posts of the subreddit: many are moderators' notices and
 * thanks, a noisy `self`).
 *
 * ## Never read here (the evaluation, by source)
 * tests/fixtures/guards/crisis-heldout.tsv (batch 3), crisis-heldout-4.tsv (batch 4), crisis-heldout-6.tsv,
 * crisis-heldout-8.tsv, anything under /work/heldout, the C-SSRS 500 Reddit set (`cssrs500.csv`) and the labelled
 * suicidal-ideation tweets (`twitter-si.csv`) are only read by scripts/evaluate-guards-external.mjs and the unit
 * test. See tests/fixtures/guards/README.md.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  featureBuckets,
  encodeInt8,
  CONTEXT_CLASSES,
  LABELS,
  scoreNormalised,
} from '../shared/dist/guards/crisis-model.js';
import { CRISIS_THRESHOLDS, detectCrisisWith, normaliseForCrisis } from '../shared/dist/guards/crisis.js';
import { parseCsv } from './train-guards-csv.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = process.env.GUARDS_DATA_DIR ?? '/work/data/guards';
const BITS = Number(process.env.BITS ?? 16);
const EPOCHS = Number(process.env.EPOCHS ?? 10);
const L2 = 1e-6;
const LR = 0.3;
/** Training reads at most this much of a post (long posts cost the most time and say the same thing again). */
const TRAIN_CHARS = 2500;
/** Total weight of `self` against `none` after balancing. */
const SELF_RATIO = Number(process.env.SELF_RATIO ?? 1.5);
/** Weight of a teacher-voice line (a public post weighs 1). */
const TEACHER_WEIGHT = Number(process.env.TEACHER_WEIGHT ?? 16);

const fixtureLines = (rel) =>
  readFileSync(`${ROOT}${rel}`, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

const SELF = 1;
const THIRD = 2;
const NONE = 0;
/**
 * HEADS=1 (model round 5): the committed and synthetic lines labelled recovery, negation, grief and hyperbole train
 * classes of their own (CONTEXT_CLASSES) instead of `none`; scoring adds them back to `none`. HEADS=0: three classes.
 */
const HEADS = process.env.HEADS === undefined ? 0 : Number(process.env.HEADS);
const CLASS_NAMES = [...LABELS, ...(HEADS ? CONTEXT_CLASSES : [])];
const CLASSES = CLASS_NAMES.length;
/** The class of a committed or synthetic line's kind. */
const classOf = (kind) => {
  if (kind === 'plan' || kind === 'passive') return SELF;
  if (kind === 'third') return THIRD;
  const head = HEADS ? CONTEXT_CLASSES.indexOf(kind) : -1;
  return head < 0 ? NONE : LABELS.length + head;
};
/** A context class counts as `none` when the labels are balanced. */
const groupOf = (label) => (label < LABELS.length ? label : NONE);

/** The committed lines in a teacher's voice, each file its own source (cross-validation holds out whole files). */
const TEACHER_FILES = [
  ['teacher-voice', 'scripts/guards-training/teacher-voice.tsv'],
  ['dev-batch1', 'scripts/guards-training/dev-batch1.tsv'],
  ['dev-batch2', 'scripts/guards-training/dev-batch2.tsv'],
  ['social-voice', 'scripts/guards-training/social-voice.tsv'],
  ['dev-batch5', 'scripts/guards-training/dev-batch5.tsv'],
  ['crisis-dev-7', 'tests/fixtures/guards/crisis-dev-7.tsv'],
];
/**
 * Training lines by sixty-three independent authors (2026-12-06; w1–w4 for round 3, w5–w10 for round 4, w11–w17 for
 * round 4b: w15–w17 mostly harmless look-alikes of indirect risk talk beside real plans and passive ideation; w18–w20
 * for round 5; w21 present self-harm and relapse beside past/recovery look-alikes and w22 true denials beside denials
 * that still carry risk, for round 6; w23 passive ideation, w24 plans and means, w25 long messages with the risk buried,
 * for round 8; w26 the risk boundary with shared words and w27 texting slang, for round 9; w28 plans and means beside
 * look-alikes, w29 ordinary absences and logistics that sound final beside real absence-flavoured risk, w30 long posts
 * with the risk buried, w31 British, Irish, Caribbean and South African dialect and w32 US South, AAVE, Appalachian,
 * Australian/NZ, Indian, Nigerian and Filipino English, for round 10; w33–w36 for round 11; w37, w38, w40 and w41 for
 * round 12, there is no w39; w42–w46 for round 13; w47–w51 for round 14; w52–w56 for round 15; w57–w60 for round 16;
 * w61l and w62l, long posts, for round 16L; w63 and w64, plans without the words of suicide, for round 17):
 * each file its own source
 * and its own group in the cross-validation across authors (CV=authors). Same labels and mapping
 * as the teacher-voice files.
 */
const SYNTH_FILES = [
  ...Array.from({ length: 38 }, (_, i) => `w${i + 1}`),
  ...Array.from({ length: 21 }, (_, i) => `w${i + 40}`),
  'w61l',
  'w62l',
  'w63',
  'w64',
  // Round 17F (formal, understated register), held back from training (below).
  'w65',
  'w66',
].map((s) => [s, `scripts/guards-training/synthetic/${s}.tsv`]);
/**
 * The synthetic authors that training reads (default every file but rounds 15 and 16's w52–w60, below):
 * `SYNTH_TRAIN=w1,w2,w3,w4` is round 3's data,
 * `none` round 2's, `all` every file. CV=authors still scores every author; one left out of training is simply unseen
 * in every fold. Round 6 (tests/fixtures/guards/README.md) measured training on w21 and w22 and did not ship it (an
 * in-sample ordinary line, "I don't want to be here at 7pm for parents evening", flagged by the model alone); round 7
 * fixed the rules there and ships it, so the default is every file again. Round 8's "before" is `SYNTH_TRAIN=w1,…,w22`
 * (round 7's data: w23–w25 unseen in every fold). Round 15 (2026-12-07) trained on w52–w56 too and lost on the held-out
 * lines (batch 25 first-person 93 → 87/100), so the shipped weights are round 14's, trained without them: the default
 * leaves them out (they are still scored by CV=authors, unseen in every fold); `SYNTH_TRAIN=all` trains on them.
 * Round 16 (w57–w60) is left out the same way, so that its rules ship without a retrain unless the held-out counts
 * say otherwise (tests/fixtures/guards/README.md, "Model round 16"); so are round 16L's and 17's w61l–w64 until model
 * round 17's retrain is taken, and round 17F's w65, w66 (formal, understated writers: its rules ship without a retrain).
 */
const HELD_BACK_AUTHORS = new Set([
  ...['w52', 'w53', 'w54', 'w55', 'w56', 'w57', 'w58', 'w59', 'w60'],
  ...['w61l', 'w62l', 'w63', 'w64', 'w65', 'w66'],
]);
const SYNTH_TRAIN = new Set(
  process.env.SYNTH_TRAIN === 'all'
    ? SYNTH_FILES.map(([s]) => s)
    : process.env.SYNTH_TRAIN === undefined
      ? SYNTH_FILES.map(([s]) => s).filter((s) => !HELD_BACK_AUTHORS.has(s))
      : process.env.SYNTH_TRAIN.split(','),
);
/** Weight of a synthetic author's line (a teacher-voice line weighs TEACHER_WEIGHT); 64 until model round 11. */
const SYNTH_WEIGHT = Number(process.env.SYNTH_WEIGHT ?? 32);
/**
 * Extra weight per label of the committed and synthetic lines, e.g. `KIND_WEIGHT=recovery=2,negation=2`: the hard
 * negatives other authors' recovery and negation lines showed the model needs more of. Default none (all 1).
 */
const KIND_WEIGHT = Object.fromEntries(
  (process.env.KIND_WEIGHT ?? '')
    .split(',')
    .filter((kv) => kv.includes('='))
    .map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]),
);
const TEACHER_SOURCES = new Set([...TEACHER_FILES, ...SYNTH_FILES].map(([s]) => s));

/** Sets labelled for stress or other topics, not suicide risk: a post that names suicide is left out of `none`. */
const NAMES_RISK = /suicid|kill (?:my|him|her)sel|end (?:it|my life)|want to die|overdos|self[- ]?harm/i;

/** Up to `n` words: the short-message augmentation cuts long `none` posts into chat-length pieces. */
const WORD = /\S+/g;
function pieces(text, words) {
  const all = text.match(WORD) ?? [];
  const out = [];
  for (let i = 0; i < all.length && out.length < 3; i += words) out.push(all.slice(i, i + words).join(' '));
  return out.filter((p) => p.split(' ').length >= 4);
}

function load() {
  const examples = [];
  /** `origin` is the source a derived example came from: a fold that holds a source out holds out its copies too. */
  const add = (text, label, weight, source, kind = null, origin = source) => {
    if (typeof text === 'string' && text.trim() !== '')
      examples.push({ text: text.slice(0, TRAIN_CHARS), label, weight, source, kind, origin });
  };
  const need = (name) => {
    const p = `${DATA}/${name}`;
    if (!existsSync(p)) throw new Error(`missing ${p}: see the header of this script for how to fetch it`);
    return readFileSync(p, 'utf8');
  };
  /** A long public `none` post also gives up to three chat-length pieces (short-message augmentation). */
  const addNone = (text, weight, source) => {
    add(text, NONE, weight, source);
    if ((text.match(WORD) ?? []).length > 40)
      for (const p of pieces(text, 25)) add(p, NONE, weight / 3, `${source}+short`, null, source);
  };
  for (const r of parseCsv(need('twitter-suicidal.csv')))
    add(r.tweet, r.intention === '1' ? SELF : NONE, 1, 'twitter-suicidal');
  for (const r of parseCsv(need('reddit-sw-sample.csv')))
    add(r.text, r.class === 'suicide' ? SELF : NONE, 1, 'reddit-sw-sample');
  for (const name of ['sdcnl-train.csv', 'sdcnl-val.csv'])
    for (const r of parseCsv(need(name))) {
      const text = `${r.title}. ${r.selftext}`;
      if (r.is_suicide === '1') add(text, SELF, 1, 'sdcnl');
      else if (!NAMES_RISK.test(text)) add(text, NONE, 0.5, 'sdcnl');
    }
  for (const r of parseCsv(need('sad.csv'))) add(r.sentence, NONE, 1, 'sad-stressors');
  for (const name of ['dreaddit-train.csv', 'dreaddit-val.csv'])
    for (const r of parseCsv(need(name))) if (!NAMES_RISK.test(r.text)) addNone(r.text, 1, 'dreaddit');
  for (const name of ['reddit-casualconversation.csv', 'reddit-EOOD.csv'])
    for (const r of parseCsv(need(name))) {
      const text = `${r.title}. ${r.body}`;
      if (!NAMES_RISK.test(text)) addNone(text, 1, name.replace(/\.csv$/, ''));
    }
  /** Ordinary teacher talk that names no risk: the context a risk line is embedded in (augmentation below). */
  const ordinary = fixtureLines('tests/fixtures/guards/ordinary.txt');
  const neutral = ordinary.filter(
    (l) => !/\b(?:die|dying|dead|death|kill|suicid|harm|hurt|pills?|end)/i.test(l),
  );
  const selfLines = [];
  let n = 0;
  const synth = SYNTH_FILES.filter(([, file]) => existsSync(`${ROOT}${file}`));
  for (const [source, file] of [...TEACHER_FILES, ...synth])
    for (const l of fixtureLines(file)) {
      const tab = l.indexOf('\t');
      if (tab < 0) continue;
      const kind = l.slice(0, tab).trim();
      const text = l.slice(tab + 1).trim();
      const label = classOf(kind);
      const extra = KIND_WEIGHT[kind] ?? 1;
      add(text, label, (source.startsWith('w') ? SYNTH_WEIGHT : TEACHER_WEIGHT) * extra, source, kind);
      if (label === SELF) selfLines.push({ text, origin: source });
      // Context augmentation: the same line after or before a sentence of ordinary teacher talk, same label (a
      // message about marking that ends "and I've got the pills ready" is still at risk; a joke stays a joke).
      const c = neutral[(n * 7919) % neutral.length];
      add(n % 2 === 0 ? `${c} ${text}` : `${text} ${c}`, label, 3 * extra, `${source}+context`, null, source);
      n++;
    }
  for (const l of fixtureLines('tests/fixtures/guards/crisis.txt')) {
    add(l, SELF, 3, 'fixtures');
    selfLines.push({ text: l, origin: 'fixtures' });
  }
  for (const l of ordinary) add(l, NONE, 3, 'fixtures');
  // Only the lines training may read (SYNTH_TRAIN), so each line keeps the frame it had in round 3.
  selfLines
    .filter((l) => !SYNTH_SOURCES.has(l.origin) || SYNTH_TRAIN.has(l.origin))
    .forEach((l, i) => add(thirdPerson(l.text, i), THIRD, 3, 'augmented-third', null, l.origin));
  return examples;
}

/**
 * The public sets bring far more "none" than "self" lines; left as they are, the model learns that a message is
 * rarely at risk and misses plain wording. Each label's weights are scaled so that `self` carries 1.5 × the total
 * weight of `none`, and `third` half of it (the rules find most third-person concern).
 */
function balance(examples) {
  const total = [0, 0, 0];
  for (const e of examples) total[groupOf(e.label)] += e.weight;
  const target = [total[NONE], SELF_RATIO * total[NONE], total[NONE] / 2];
  return examples.map((e) => ({
    ...e,
    weight: (e.weight * target[groupOf(e.label)]) / total[groupOf(e.label)],
  }));
}

const FRAMES = [
  'my colleague told me',
  'a friend at work said',
  "I'm worried about my teaching assistant, she said",
  'my head of department messaged me that',
  'a teacher in my team keeps saying',
  'how do I help my friend, he told me',
];

/** "I want to die" → "my colleague told me she wants to die" (crude, but the words that matter move). */
function thirdPerson(line, i) {
  const she = i % 2 === 0;
  const [subj, obj, poss, refl] = she ? ['she', 'her', 'her', 'herself'] : ['he', 'him', 'his', 'himself'];
  const t = line
    .replace(/\bI'm\b|\bI am\b|\bim\b/gi, `${subj}'s`)
    .replace(/\bI've\b/gi, `${subj}'s`)
    .replace(/\bI'll\b/gi, `${subj}'ll`)
    .replace(/\bI'd\b/gi, `${subj}'d`)
    .replace(/\bI\b/g, subj)
    .replace(/\bi\b/g, subj)
    .replace(/\bmyself\b/gi, refl)
    .replace(/\bmy\b/gi, poss)
    .replace(/\bme\b/gi, obj)
    .replace(/\bmine\b/gi, `${poss}s`);
  return `${FRAMES[i % FRAMES.length]} ${t}`;
}

/** Deterministic PRNG (mulberry32) for the shuffle. */
function rng(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A text's buckets with their counts (a bucket hashed twice counts twice, as in scoreNormalised) and the
 * L2-normalising factor 1/sqrt(number of features).
 */
function featurise(text) {
  const f = featureBuckets(normaliseForCrisis(text), BITS);
  const counts = new Map();
  for (const b of f) counts.set(b, (counts.get(b) ?? 0) + 1);
  return {
    buckets: Int32Array.from(counts.keys()),
    counts: Float64Array.from(counts.values()),
    v: f.length > 0 ? 1 / Math.sqrt(f.length) : 0,
  };
}

const featureCache = new Map();
const featuresOf = (text) => {
  let f = featureCache.get(text);
  if (f === undefined) {
    f = featurise(text);
    featureCache.set(text, f);
  }
  return f;
};

/** Multinomial logistic regression, AdaGrad, L2, fixed seed and order. */
function train(examples) {
  const k = CLASSES;
  const size = (1 << BITS) * k;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  const bias = new Float64Array(k);
  const bg2 = new Float64Array(k).fill(1e-8);
  const feats = examples.map((e) => featuresOf(e.text));
  const order = examples.map((_, i) => i);
  const rand = rng(20261206);
  const logits = new Float64Array(k);
  const p = new Float64Array(k);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (const idx of order) {
      const { buckets, counts, v } = feats[idx];
      const { label, weight } = examples[idx];
      logits.set(bias);
      for (let q = 0; q < buckets.length; q++) {
        const at = buckets[q] * k;
        const x = counts[q] * v;
        for (let c = 0; c < k; c++) logits[c] += w[at + c] * x;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[c]);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[c] = Math.exp(logits[c] - max);
      for (let c = 0; c < k; c++) p[c] /= sum;
      loss -= weight * Math.log(Math.max(p[label], 1e-12));
      for (let c = 0; c < k; c++) {
        const grad = weight * (p[c] - (c === label ? 1 : 0));
        bg2[c] += grad * grad;
        bias[c] -= (LR * grad) / Math.sqrt(bg2[c]);
        for (let q = 0; q < buckets.length; q++) {
          const at = buckets[q] * k + c;
          const gg = grad * counts[q] * v + L2 * w[at];
          g2[at] += gg * gg;
          w[at] -= (LR * gg) / Math.sqrt(g2[at]);
        }
      }
    }
    if (!process.env.QUIET)
      console.log(`epoch ${epoch + 1}: mean weighted loss ${(loss / order.length).toFixed(4)}`);
  }
  return { w, bias };
}

function quantise({ w, bias }) {
  // The scale is set by the 99.99th percentile of |weight|, not the largest: a handful of extreme weights would
  // otherwise round most of the others to zero. Weights beyond it are clipped to ±127.
  const abs = Float64Array.from(w, Math.abs).sort();
  const cap = abs[Math.floor(abs.length * 0.9999)] || abs[abs.length - 1] || 1;
  const scale = cap / 127;
  const bytes = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) bytes[i] = Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
  return {
    bits: BITS,
    scale: Number(scale.toPrecision(8)),
    bias: Array.from(bias, (b) => Number(b.toFixed(5))),
    ...(CLASSES === LABELS.length ? {} : { classes: CLASSES }),
    weights: encodeInt8(bytes),
  };
}

/**
 * Cross-validation split by source (CV=1), on training data only. Each fold trains without a group of whole sources
 * (public sets and teacher-voice files, with every line derived from them) and scores that group with the guard's
 * whole decision (rules + model) for a grid of thresholds. The rules were written from the teacher-voice files, so on
 * them the rules are in-sample: what differs between thresholds is what the model adds (its catches and its false
 * alarms). The held-out batches and the public evaluation sets are never read here.
 */
const FOLDS = [
  ['twitter-suicidal', 'crisis-dev-7', 'dev-batch1', 'reddit-casualconversation'],
  ['sdcnl', 'dreaddit', 'dev-batch5', 'dev-batch2'],
  ['reddit-sw-sample', 'sad-stressors', 'social-voice', 'teacher-voice', 'reddit-EOOD'],
];
/** The rules alone (the model never flags), to see what the model adds; then the grid. */
const RULES_ONLY = {
  ...CRISIS_THRESHOLDS,
  self: 2,
  plan: 2,
  dismissed: 2,
  negated: 2,
  ungated: 2,
  ungatedDismissed: 2,
  sure: 2,
  vetoWeak: 0,
  vetoStrong: 0,
  vetoOutside: 0,
};
const GRID = [RULES_ONLY];
for (const self of [0.45, 0.55, 0.65, 0.75])
  for (const ungated of [0.65, 0.75, 0.9, 2])
    for (const plan of [0.2, 0.3])
      for (const dismissed of [0.85, 0.95])
        GRID.push({ ...CRISIS_THRESHOLDS, self, ungated, plan, dismissed });
const NOT_RISK = new Set(['hyperbole', 'venting', 'recovery', 'grief', 'negation', 'none']);

function crossValidate(all) {
  const cells = GRID.map(() => ({
    teacherRisk: [0, 0],
    teacherPlan: [0, 0],
    teacherNot: [0, 0],
    teacherThird: [0, 0],
    publicSelf: [0, 0],
    publicNone: [0, 0],
    perSource: {},
  }));
  const modelAlone = {};
  for (const [f, held] of FOLDS.entries()) {
    const out = new Set(held);
    const trainSet = balance(all.filter((e) => !out.has(e.origin)));
    // Public sources: at most about 1,500 lines per source and label (every n-th, in file order), to keep the grid
    // affordable; every held-out teacher-voice line.
    const heldLines = all.filter((e) => out.has(e.source));
    const per = {};
    for (const e of heldLines) per[`${e.source}/${e.label}`] = (per[`${e.source}/${e.label}`] ?? 0) + 1;
    const seen = {};
    const test = heldLines.filter((e) => {
      const key = `${e.source}/${e.label}`;
      const i = (seen[key] = (seen[key] ?? -1) + 1);
      return TEACHER_SOURCES.has(e.source) || i % Math.ceil(per[key] / 1500) === 0;
    });
    console.log(`fold ${f + 1}: training on ${trainSet.length}, scoring ${test.length} (${held.join(', ')})`);
    const model = quantise(train(trainSet));
    for (const e of test) {
      const teacher = TEACHER_SOURCES.has(e.source);
      // Public posts: only chat-length ones (≤ 80 words), the length the guard mostly sees.
      if (!teacher && (e.text.match(WORD) ?? []).length > 80) continue;
      const p = scoreNormalised(normaliseForCrisis(e.text), model).self;
      const key = `${teacher ? 'teacher' : e.source}/${CLASS_NAMES[e.label]}`;
      modelAlone[key] ??= { lines: 0, at: {} };
      modelAlone[key].lines++;
      for (const tau of [0.3, 0.5, 0.7, 0.9])
        modelAlone[key].at[tau] = (modelAlone[key].at[tau] ?? 0) + (p >= tau ? 1 : 0);
      GRID.forEach((thresholds, g) => {
        const r = detectCrisisWith(e.text, true, { model, thresholds });
        const c = cells[g];
        const bump = (cell, hit) => {
          cell[0] += hit ? 1 : 0;
          cell[1]++;
        };
        if (teacher) {
          if (e.kind === 'plan' || e.kind === 'passive') bump(c.teacherRisk, r.risk);
          if (e.kind === 'plan') bump(c.teacherPlan, r.risk);
          if (NOT_RISK.has(e.kind)) bump(c.teacherNot, r.risk);
          if (e.kind === 'third') bump(c.teacherThird, r.concernForOther && !r.risk);
        } else {
          if (e.label === SELF) bump(c.publicSelf, r.risk);
          else if (e.label === NONE) bump(c.publicNone, r.risk);
          c.perSource[`${e.source}/${CLASS_NAMES[e.label]}`] ??= [0, 0];
          bump(c.perSource[`${e.source}/${CLASS_NAMES[e.label]}`], r.risk);
        }
      });
    }
  }
  console.log('model alone, p(self) ≥ τ, lines flagged per held-out source/label:');
  for (const [key, v] of Object.entries(modelAlone).sort())
    console.log(`  ${key} (${v.lines}):`, JSON.stringify(v.at));
  const rate = ([a, b]) => (b === 0 ? 0 : a / b);
  const rows = GRID.map((t, g) => ({ t, c: cells[g] }));
  const brief = (o) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v.join('/')}`)
      .join(', ');
  console.log(`rules alone, public per source: ${brief(rows[0].c.perSource)}`);
  for (const { t, c } of rows)
    console.log(
      `self ${t.self} ungated ${t.ungated} plan ${t.plan} dismissed ${t.dismissed}: teacher risk ${c.teacherRisk.join('/')} plan ${c.teacherPlan.join('/')} not-risk ${c.teacherNot.join('/')} third-only ${c.teacherThird.join('/')}; public self ${c.publicSelf.join('/')} none ${c.publicNone.join('/')}`,
    );
  // The rule for choosing: at most 0.05 false alarms on the teacher-voice not-risk lines (the issue's target is on
  // hyperbole, venting, recovery and grief), then the most first-person risk caught (teacher-voice and public
  // together), then the fewest false alarms, then the higher thresholds. Recall first, as the guard's header says.
  // (The first rule of 2026-12-06 also capped what the model adds on chat-length public `none` posts at 0.03; it chose
  // self 0.75 and lowered the public sets' recall. tests/fixtures/guards/README.md gives both sets of figures.)
  const ok = rows.filter(({ c }) => rate(c.teacherNot) <= 0.05);
  const caught = ({ c }) => c.teacherRisk[0] + c.publicSelf[0];
  const alarms = ({ c }) => c.teacherNot[0] + c.publicNone[0];
  const sum = ({ t }) => t.self + t.ungated + t.plan + t.dismissed;
  ok.sort((a, b) => caught(b) - caught(a) || alarms(a) - alarms(b) || sum(b) - sum(a));
  console.log('chosen:', ok.length > 0 ? JSON.stringify(ok[0].t) : 'none within the limits');
  if (ok.length > 0) console.log(`  public per source: ${brief(ok[0].c.perSource)}`);
}

/**
 * Cross-validation across authors (CV=authors): each fold trains without one author's lines (with every line derived
 * from them: context and third-person augmentation) and scores that author's lines with the guard's whole decision
 * (detectCrisisWith with the prefilter, as served). The groups are the four synthetic authors and, as a fifth, the
 * committed teacher-voice, social-voice and development-batch files. The figure to improve is the MEAN over the
 * held-out authors, never one author. Rules alone (the model never flags) and the model alone (p(self) ≥ the `self`
 * threshold, no gate) are printed beside the combined decision, to see where misses and false alarms come from.
 * GRID_AUTHORS=1 also scores a small grid of thresholds on the same fold models.
 */
/**
 * AUTHOR_FOLDS=k (model round 13): the synthetic authors in k groups (every k-th file), each group one fold, when a
 * fold per author is more training than the machine allows; 0 (default): one fold per author.
 */
const AUTHOR_FOLDS = Number(process.env.AUTHOR_FOLDS ?? 0);
const AUTHOR_GROUPS = [
  ...(AUTHOR_FOLDS > 0
    ? Array.from({ length: AUTHOR_FOLDS }, (_, k) => [
        `g${k + 1}`,
        SYNTH_FILES.filter((_, i) => i % AUTHOR_FOLDS === k).map(([s]) => s),
      ])
    : SYNTH_FILES.map(([s]) => [s, [s]])),
  ['committed', TEACHER_FILES.map(([s]) => s)],
];
/** The author a scored line counts for in the means: each synthetic author, and the committed files as one. */
const authorOf = (source) => (SYNTH_FILES.some(([s]) => s === source) ? source : 'committed');
const NEGATIVE_KINDS = ['hyperbole', 'venting', 'recovery', 'grief', 'negation', 'ordinary'];
const isNegativeKind = (k) => NEGATIVE_KINDS.includes(k) || k === 'none';

function emptyTally() {
  return { risk: [0, 0], plan: [0, 0], neg: [0, 0], third: [0, 0], perKind: {} };
}
function tallyLine(t, kind, r) {
  const bump = (cell, hit) => {
    cell[0] += hit ? 1 : 0;
    cell[1]++;
  };
  if (kind === 'plan' || kind === 'passive') bump(t.risk, r.risk);
  if (kind === 'plan') bump(t.plan, r.risk);
  if (isNegativeKind(kind)) {
    bump(t.neg, r.risk);
    const k = kind === 'none' ? 'ordinary' : kind;
    bump((t.perKind[k] ??= [0, 0]), r.risk);
  }
  if (kind === 'third') bump(t.third, r.concernForOther && !r.risk);
}
const fmt = ([a, b]) => (b === 0 ? '  -  ' : (a / b).toFixed(3));
function tallyLine2(t) {
  const kinds = NEGATIVE_KINDS.map(
    (k) => `${k.slice(0, 4)} ${t.perKind[k] ? `${t.perKind[k][0]}/${t.perKind[k][1]}` : '-'}`,
  );
  return `risk ${fmt(t.risk)} (${t.risk.join('/')}) plan ${fmt(t.plan)} neg-FP ${fmt(t.neg)} (${t.neg.join('/')}) third ${fmt(t.third)} | ${kinds.join(' ')}`;
}
/** Mean over folds of each rate (folds without such lines are left out of that mean). */
function meanOf(tallies) {
  const m = (get) => {
    const rs = tallies
      .map(get)
      .filter(([, b]) => b > 0)
      .map(([a, b]) => a / b);
    return rs.length === 0 ? NaN : rs.reduce((x, y) => x + y, 0) / rs.length;
  };
  const kinds = NEGATIVE_KINDS.map((k) => `${k.slice(0, 4)} ${m((t) => t.perKind[k] ?? [0, 0]).toFixed(2)}`);
  return {
    risk: m((t) => t.risk),
    plan: m((t) => t.plan),
    neg: m((t) => t.neg),
    third: m((t) => t.third),
    text: `risk ${m((t) => t.risk).toFixed(4)} plan ${m((t) => t.plan).toFixed(4)} neg-FP ${m((t) => t.neg).toFixed(4)} third ${m((t) => t.third).toFixed(3)} | ${kinds.join(' ')}`,
  };
}

/** Synthetic authors left out by SYNTH_TRAIN are scored but never trained on. */
const SYNTH_SOURCES = new Set(SYNTH_FILES.map(([s]) => s));
const trainable = (e) => !SYNTH_SOURCES.has(e.origin) || SYNTH_TRAIN.has(e.origin);

/**
 * Trains on `examples` (balanced here), or reads the model a run with the same examples, settings and featurising
 * code trained before (MODEL_CACHE, default /tmp/guards-model-cache): decision experiments then need no retraining.
 */
const MODEL_CACHE = process.env.MODEL_CACHE ?? '/tmp/guards-model-cache';
const MODEL_CODE = readFileSync(new URL('../shared/dist/guards/crisis-model.js', import.meta.url), 'utf8');
function trainCached(examples) {
  const hash = createHash('sha1').update(
    JSON.stringify({
      BITS,
      EPOCHS,
      L2,
      LR,
      SELF_RATIO,
      MODEL_CODE,
      // Three classes keep the key they had before HEADS existed.
      ...(CLASSES === LABELS.length ? {} : { CLASSES }),
    }),
  );
  for (const e of examples) hash.update(`${e.label}\t${e.weight}\t${e.text}\n`);
  const file = `${MODEL_CACHE}/${hash.digest('hex').slice(0, 20)}.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const model = quantise(train(balance(examples)));
  mkdirSync(MODEL_CACHE, { recursive: true });
  writeFileSync(file, JSON.stringify(model));
  return model;
}

/**
 * The rules of the round (tests/fixtures/guards/README.md, "Model round 4"; the probe at 0 since round 5), read with the model trained on
 * everything: lines flagged as the writer at risk in ordinary workplace talk with cue words (at most the limit) and in
 * the in-sample crisis lines (at least the limit).
 */
const DEV_SETS = [
  ['hard-neg', 'scripts/guards-training/hard-negatives-dev.tsv', 'at most', 11],
  ['probe-r3', 'tests/fixtures/guards/ordinary-probe-r3.txt', 'at most', 0],
  ['ordinary', 'tests/fixtures/guards/ordinary.txt', 'at most', 0],
  ['crisis', 'tests/fixtures/guards/crisis.txt', 'at least', 147],
].map(([name, file, bound, limit]) => [
  name,
  fixtureLines(file).map((l) => l.slice(l.indexOf('\t') + 1)),
  bound,
  limit,
]);
function devCheck(model, thresholds) {
  let ok = true;
  const parts = DEV_SETS.map(([name, lines, bound, limit]) => {
    const n = lines.filter((l) => detectCrisisWith(l, true, { model, thresholds }).risk).length;
    ok &&= bound === 'at most' ? n <= limit : n >= limit;
    return `${name} ${n}/${lines.length}`;
  });
  return { ok, text: parts.join(' ') };
}

/**
 * The decisions CV=authors scores on the same fold models: the shipped thresholds first, then GRID (a JSON array of
 * partial CrisisThresholds, each over the shipped ones), or with GRID_AUTHORS=1 a small grid of thresholds.
 */
function decisionGrid() {
  const grid = [CRISIS_THRESHOLDS];
  if (process.env.GRID)
    for (const t of JSON.parse(process.env.GRID)) grid.push({ ...CRISIS_THRESHOLDS, ...t });
  else if (process.env.GRID_AUTHORS)
    for (const self of [0.6, 0.7, 0.8])
      for (const ungated of [0.7, 0.9, 2])
        for (const plan of [0.25, 0.4])
          for (const veto of [0.3, 0.4])
            grid.push({ ...CRISIS_THRESHOLDS, self, ungated, plan, vetoWeak: veto, vetoStrong: veto });
  return grid;
}
const DECISION_KEYS = Object.keys(CRISIS_THRESHOLDS);
/** The thresholds that differ from the shipped ones. */
const describe = (t) =>
  DECISION_KEYS.filter((k) => t[k] !== CRISIS_THRESHOLDS[k])
    .map((k) => `${k} ${t[k]}`)
    .join(', ') || 'shipped';

function crossValidateAuthors(all) {
  const grid = decisionGrid();
  const rulesT = [];
  const modelT = [];
  const combT = grid.map(() => []);
  /** Per author, per decision: the means are over authors, whichever folds held them out (AUTHOR_FOLDS). */
  const byAuthor = grid.map(() => new Map());
  const present = new Set(all.map((e) => e.source));
  for (const [name, sources] of AUTHOR_GROUPS) {
    if (!sources.some((s) => present.has(s))) continue;
    const out = new Set(sources);
    const test = all.filter((e) => out.has(e.source) && e.kind !== null);
    const started = Date.now();
    const model = trainCached(all.filter((e) => trainable(e) && !out.has(e.origin)));
    const rules = emptyTally();
    const alone = emptyTally();
    const comb = grid.map(() => emptyTally());
    for (const e of test) {
      tallyLine(rules, e.kind, detectCrisisWith(e.text, true, { model, thresholds: RULES_ONLY }));
      const p = scoreNormalised(normaliseForCrisis(e.text), model);
      tallyLine(alone, e.kind, {
        risk: p.self >= CRISIS_THRESHOLDS.self,
        concernForOther: p.third >= CRISIS_THRESHOLDS.third,
      });
      grid.forEach((thresholds, g) => {
        const r = detectCrisisWith(e.text, true, { model, thresholds });
        tallyLine(comb[g], e.kind, r);
        const a = authorOf(e.source);
        if (!byAuthor[g].has(a)) byAuthor[g].set(a, emptyTally());
        tallyLine(byAuthor[g].get(a), e.kind, r);
        // MISSES=1: the first decision's misses of risk lines and false alarms, on held-out training authors only.
        if (
          g === 0 &&
          process.env.MISSES &&
          r.risk !== (e.kind === 'plan' || e.kind === 'passive') &&
          e.kind !== 'third'
        )
          console.log(
            `  miss ${name} ${e.kind} p=${r.score.self} ${e.text.split(/\s+/).length}w ${e.text.slice(0, 160)}`,
          );
      });
    }
    console.log(`fold ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s, scored ${test.length}`);
    console.log(`  rules alone  ${tallyLine2(rules)}`);
    console.log(`  model alone  ${tallyLine2(alone)}`);
    if (process.env.PER_AUTHOR)
      grid.forEach((t, g) => {
        console.log(`  [${g}] ${tallyLine2(comb[g])}`);
        if (sources.length > 1 && AUTHOR_FOLDS > 0)
          for (const s of sources)
            if (byAuthor[g].has(s)) console.log(`      ${s} ${tallyLine2(byAuthor[g].get(s))}`);
      });
    else console.log(`  combined     ${tallyLine2(comb[0])}`);
    rulesT.push(rules);
    modelT.push(alone);
    comb.forEach((c, g) => combT[g].push(c));
  }
  const sum = (ts) => {
    const t = emptyTally();
    for (const x of ts) {
      for (const k of ['risk', 'plan', 'neg', 'third']) {
        t[k][0] += x[k][0];
        t[k][1] += x[k][1];
      }
      for (const [k, v] of Object.entries(x.perKind)) {
        t.perKind[k] ??= [0, 0];
        t.perKind[k][0] += v[0];
        t.perKind[k][1] += v[1];
      }
    }
    return t;
  };
  console.log('total (pooled lines):');
  console.log(`  rules alone  ${tallyLine2(sum(rulesT))}`);
  console.log(`  model alone  ${tallyLine2(sum(modelT))}`);
  console.log(`  combined     ${tallyLine2(sum(combT[0]))}`);
  console.log('MEAN over held-out authors (the generalisation figure):');
  console.log(`  rules alone  ${meanOf(rulesT).text}`);
  console.log(`  model alone  ${meanOf(modelT).text}`);
  // Each decision with the model trained on everything on the round's rules (DEV_SETS).
  const full = trainCached(all.filter(trainable));
  grid.forEach((t, g) => {
    const dev = devCheck(full, t);
    console.log(`  [${g}] ${describe(t)}`);
    console.log(`      ${meanOf([...byAuthor[g].values()]).text}`);
    const pooled = sum(combT[g]);
    console.log(
      `      pooled risk ${fmt(pooled.risk)} plan ${fmt(pooled.plan)} neg-FP ${fmt(pooled.neg)} third ${fmt(pooled.third)}`,
    );
    console.log(`      ${dev.text} ${dev.ok ? 'rules held' : 'RULES BROKEN'}`);
  });
}

function main() {
  const all = load();
  if (process.env.CV === 'authors') return crossValidateAuthors(all);
  if (process.env.CV) return crossValidate(all);
  const examples = all.filter(trainable);
  const counts = {};
  for (const e of balance(examples)) {
    const key = `${e.source}/${CLASS_NAMES[e.label]}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  console.log('training examples by source/label:', counts);
  const model = trainCached(examples);
  const out = `// Generated by scripts/train-guards.mjs from the sources its header names: do not edit by hand.
// ${examples.length} examples, ${model.bits}-bit hashing, classes ${CLASS_NAMES.join('/')}, int8 weights × scale.
import type { ModelShape } from './crisis-model.js';

export const CRISIS_MODEL: ModelShape = {
  bits: ${model.bits},
  scale: ${model.scale},
  bias: [${model.bias.join(', ')}],${model.classes ? `\n  classes: ${model.classes},` : ''}
  weights:
    '${model.weights}',
};
`;
  writeFileSync(`${ROOT}shared/src/guards/crisis-model-weights.ts`, out);
  console.log(`wrote shared/src/guards/crisis-model-weights.ts (${out.length} characters)`);
  console.log(devCheck(model, CRISIS_THRESHOLDS).text);
}

main();
