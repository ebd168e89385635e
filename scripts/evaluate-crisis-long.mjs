/**
 * The built crisis guard on the LONG posts of the public training sets (issue 11, round 16L): how many long posts
 * labelled not at risk it flags, and how many long r/SuicideWatch posts it flags, per source, with the path of each
 * flag of a not-risk post:
 *
 *   npx tsc -b shared && GUARDS_DATA_DIR=/work/data/guards node scripts/evaluate-crisis-long.mjs [--dist DIR]
 *     [--min WORDS] [--show SOURCE] [--half dev|check]
 *
 * Labels as scripts/train-guards.mjs reads them: SDCNL is_suicide 1 and reddit-sw-sample `suicide` are at risk; SDCNL
 * 0 (r/depression), reddit-sw-sample `non-suicide` (r/teenagers), Dreaddit, r/CasualConversation and r/EOOD are not,
 * leaving out (for those) posts that name suicide, self-harm or overdose, as training does. These posts are IN the
 * model's training data, so the figures flatter the model: they say which path flags, not how well it generalises.
 * A post is long with more than `--min` words (default 60, CRISIS_THRESHOLDS.windowWords).
 *
 * Paths of a flag: `rules` (a cue stood), `window` (the model, only through the windows of sentences: the same
 * decision with windowWords 0 does not flag), `whole` (the gated model on the whole message), `ungated` (only the
 * ungated or `sure` model paths: with those off and no windows it does not flag). `--show SOURCE` prints the
 * flagged not-risk posts of that source (first 300 characters); `--half dev` keeps the odd rows of each source,
 * `--half check` the even ones.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCsv } from './train-guards-csv.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const dist = opt('--dist') ?? new URL('../shared/dist', import.meta.url).pathname;
const minWords = Number(opt('--min') ?? 60);
const show = opt('--show');
const half = opt('--half');
const DATA = process.env.GUARDS_DATA_DIR ?? '/work/data/guards';
const { detectCrisisWith, CRISIS_THRESHOLDS } = await import(
  pathToFileURL(path.resolve(dist, 'guards', 'crisis.js')).href
);
const NO_WINDOWS = { thresholds: { ...CRISIS_THRESHOLDS, windowWords: 0 } };
const GATED_ONLY = {
  thresholds: { ...CRISIS_THRESHOLDS, windowWords: 0, ungated: 2, ungatedDismissed: 2, sure: 2 },
};

/** The filter of scripts/train-guards.mjs: a post of a set labelled for something else that names suicide is left out. */
const NAMES_RISK = /suicid|kill (?:my|him|her)sel|end (?:it|my life)|want to die|overdos|self[- ]?harm/i;
const words = (s) => (s.match(/\S+/g) ?? []).length;
const csv = (name) => parseCsv(readFileSync(`${DATA}/${name}`, 'utf8'));

/** [source, text, atRisk] */
const posts = [];
for (const r of csv('reddit-sw-sample.csv')) {
  const risk = r.class === 'suicide';
  if (risk || !NAMES_RISK.test(r.text)) posts.push([risk ? 'sw-suicide' : 'sw-teenagers', r.text, risk]);
}
for (const name of ['sdcnl-train.csv', 'sdcnl-val.csv'])
  for (const r of csv(name)) {
    const text = `${r.title}. ${r.selftext}`;
    if (r.is_suicide === '1') posts.push(['sdcnl-suicide', text, true]);
    else if (!NAMES_RISK.test(text)) posts.push(['sdcnl-depression', text, false]);
  }
for (const name of ['dreaddit-train.csv', 'dreaddit-val.csv'])
  for (const r of csv(name)) if (!NAMES_RISK.test(r.text)) posts.push(['dreaddit', r.text, false]);
for (const name of ['reddit-casualconversation.csv', 'reddit-EOOD.csv'])
  for (const r of csv(name)) {
    const text = `${r.title}. ${r.body}`;
    if (!NAMES_RISK.test(text)) posts.push([name.replace(/^reddit-|\.csv$/g, ''), text, false]);
  }

const seen = new Map();
const tally = new Map();
for (const [source, text, atRisk] of posts) {
  if (words(text) <= minWords) continue;
  const k = seen.get(source) ?? 0;
  seen.set(source, k + 1);
  if (half === 'dev' && k % 2 === 1) continue;
  if (half === 'check' && k % 2 === 0) continue;
  const t = tally.get(source) ?? { atRisk, n: 0, flagged: 0, rules: 0, window: 0, whole: 0, ungated: 0 };
  tally.set(source, t);
  t.n++;
  const r = detectCrisisWith(text, true);
  if (!r.risk) continue;
  t.flagged++;
  const learned = r.matches.some((m) => m.startsWith('learned model'));
  const pathOf = !learned
    ? 'rules'
    : !detectCrisisWith(text, true, NO_WINDOWS).risk
      ? 'window'
      : detectCrisisWith(text, true, GATED_ONLY).risk
        ? 'whole'
        : 'ungated';
  t[pathOf]++;
  if (show === source && !atRisk)
    console.log(
      `  [${pathOf}] ${r.score.self} ${r.matches.join(' | ')} :: ${text.slice(0, 300).replace(/\s+/g, ' ')}`,
    );
}
const notRisk = { n: 0, flagged: 0, rules: 0, window: 0, whole: 0, ungated: 0 };
for (const [source, t] of tally) {
  console.log(
    `${source} (${t.atRisk ? 'at risk' : 'not at risk'}, > ${minWords} words): flagged ${t.flagged}/${t.n} = ` +
      `${(t.flagged / t.n).toFixed(3)} (rules ${t.rules}, window ${t.window}, whole ${t.whole}, ungated ${t.ungated})`,
  );
  if (!t.atRisk) for (const k of Object.keys(notRisk)) notRisk[k] += t[k];
}
console.log(
  `not at risk, all sources: flagged ${notRisk.flagged}/${notRisk.n} = ${(notRisk.flagged / notRisk.n).toFixed(3)} ` +
    `(rules ${notRisk.rules}, window ${notRisk.window}, whole ${notRisk.whole}, ungated ${notRisk.ungated})`,
);
