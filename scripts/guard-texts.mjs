/**
 * The texts the comparison tools run two builds of the guards on (scripts/compare-guards.mjs,
 * scripts/compare-privacy-findings.mjs): one place for how fixture and training files, the public sets and the bench's
 * generated messages are read, so that both tools compare builds on the same texts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from './train-guards-csv.mjs';

/** Files below `dir` (depth first, sorted) whose name passes `test`. */
export function filesUnder(dir, test) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, test));
    else if (test(name)) out.push(p);
  }
  return out;
}

/** Lines of a fixture or training file: the text column of a TSV (after the label), or the whole line. */
export function fixtureLines(file) {
  const out = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    out.push(line.includes('\t') ? line.split('\t').slice(1).join(' ') : line);
  }
  return out;
}

/**
 * The public sets that are training sources (scripts/train-guards.mjs reads them), with their text columns, as named
 * in GUARDS_DATA_DIR. Only training and development sets belong here: the evaluation sets named in the header of
 * scripts/evaluate-guards-external.mjs (the C-SSRS 500 Reddit users, the labelled suicidal-ideation tweets, the
 * synthetic PII nano set, r/offmychest and r/depression) are measured there and nowhere else, since a tool that
 * compares or tunes builds on them would let their figures steer the guards (tests/unit/guard-texts.test.ts).
 */
export const TRAINING_SETS = {
  'dreaddit-train.csv': ['text'],
  'dreaddit-val.csv': ['text'],
  'reddit-EOOD.csv': ['title', 'body'],
  'reddit-casualconversation.csv': ['title', 'body'],
  'reddit-sw-sample.csv': ['text'],
  'sad.csv': ['sentence'],
  'sdcnl-train.csv': ['title', 'selftext'],
  'sdcnl-val.csv': ['title', 'selftext'],
  'twitter-suicidal.csv': ['tweet'],
};

/** The non-blank text `columns` of a public set (CSV, or a JSON array of rows), from its first `rowsMax` rows. */
export function setTexts(file, columns, rowsMax = Infinity) {
  const raw = readFileSync(file, 'utf8');
  const rows = file.endsWith('.json') ? JSON.parse(raw) : parseCsv(raw);
  const texts = [];
  for (const row of rows.slice(0, rowsMax))
    for (const c of columns) if (typeof row[c] === 'string' && row[c].trim()) texts.push(row[c]);
  return texts;
}

/** The bench generator's messages (bench/src/message-text.ts), with varied numbers. */
export function benchGeneratorMessages() {
  const out = [];
  for (let i = 0; i < 2000; i++)
    out.push(
      `${i % 2 ? 'm' : 'w'} t${1_765_000_000_000 + i * 104_729} c${i % 250}n${i} quick note from the bench about marking load this week`,
    );
  return out;
}
