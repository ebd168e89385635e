/**
 * Measures the crisis and privacy guards on public labelled sets that training never read (split by source), and
 * prints the figures. The sets are not committed; fetch them into GUARDS_DATA_DIR first:
 *
 *   npx tsc -b shared && GUARDS_DATA_DIR=/work/data/guards node scripts/evaluate-guards-external.mjs
 *
 * ## Evaluation sources
 * 1. `cssrs500.csv` — GitHub repository yw041202/DSAA2012_Project, file `500_Reddit_users_posts_labels.csv`: the
 *    C-SSRS-labelled 500 Reddit users (Gaur et al. 2019, "Knowledge-aware assessment of severity of suicide risk";
 *    labels by practising psychiatrists; columns User,Post,Label). Each user's posts are joined into one message.
 *    Mapping: Ideation, Behavior, Attempt → first-person risk (Behavior and Attempt also counted as the
 *    plans/means/attempts group); Supportive → not risk (people answering others); Indicator → reported apart (risk
 *    factors without ideation: neither a required catch nor a clean negative).
 * 2. `twitter-si.csv` — GitHub repository greatwhite9/Suicidal_Text_Detection, file
 *    `Suicide_Ideation_Dataset(Twitter-based).csv` (1,787 tweets, columns Text,Semantic,Sem; "Potential Suicide
 *    post" → risk, "Not Suicide post" → not risk). Noisy labels (some "potential" tweets are plain tiredness).
 * 3. `pii-syn-nano.json` — GitHub repository Nannigalaxy/PII-synthetic_dataset, file `dataset/pii_syn_nano_en.json`
 *    (MIT licence; synthetic sentences with PERSON, EMAIL, PHONE and other entities). A line counts as a positive
 *    for the privacy guard when it has a PERSON, EMAIL or PHONE entity (the kinds the guard covers); lines with
 *    has_pii false are negatives; lines with only other entities (SSN, IBAN, passwords…) are skipped.
 * 4. `reddit-offmychest.csv`, `reddit-depression.csv` — GitHub repository Tearway001/ML_Depression_Reddit_Users
 *    (commit 0db7e86a), files `r_offmychest.csv` and `r_depression.csv` (top posts; columns title,body). Venting and
 *    low mood: posts that name suicide, self-harm or overdose are left out and the rest count as not risk (a noisy
 *    negative set: some depression posts speak of not wanting to exist in other words). Reported as the share flagged.
 * None of these files is read by scripts/train-guards.mjs (the same repository's r_CasualConversation and r_EOOD
 * files are training sources; these two are not).
 */
import { readFileSync, existsSync } from 'node:fs';
import { applyNameModelEnv } from './privacy-name-env.mjs';
import { detectCrisis } from '../shared/dist/guards/crisis.js';
import { detectIdentifying } from '../shared/dist/guards/privacy.js';
import { detectIdentifyingInBrowser } from '../shared/dist/guards/privacy-ner.js';
import { parseCsv } from './train-guards-csv.mjs';

// PRIVACY_NAME_MODEL=off: the rules alone; PRIVACY_NAME_THRESHOLD: another threshold for the name model.
await applyNameModelEnv();

const DATA = process.env.GUARDS_DATA_DIR ?? '/work/data/guards';
const read = (name) => {
  const p = `${DATA}/${name}`;
  if (!existsSync(p)) {
    console.log(`skipped ${name}: not in ${DATA} (see the header of this script)`);
    return null;
  }
  return readFileSync(p, 'utf8');
};
const pct = (a, b) => `${a}/${b} = ${b === 0 ? '-' : (a / b).toFixed(3)}`;

function joinPosts(raw) {
  // The posts are a Python list literal; joining its quoted items is enough for a bag-of-words guard.
  const items = raw.match(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g);
  return items ? items.map((s) => s.slice(1, -1)).join('\n') : raw;
}

function cssrs() {
  const text = read('cssrs500.csv');
  if (!text) return;
  const by = {};
  for (const r of parseCsv(text)) {
    const flagged = detectCrisis(joinPosts(r.Post)).risk;
    by[r.Label] ??= [0, 0];
    by[r.Label][0] += flagged ? 1 : 0;
    by[r.Label][1] += 1;
  }
  const sum = (labels) =>
    labels.reduce((a, l) => [a[0] + (by[l]?.[0] ?? 0), a[1] + (by[l]?.[1] ?? 0)], [0, 0]);
  const risk = sum(['Ideation', 'Behavior', 'Attempt']);
  const plans = sum(['Behavior', 'Attempt']);
  console.log('C-SSRS 500 Reddit users (flagged / users):');
  console.log(`  first-person risk (Ideation+Behavior+Attempt) recall ${pct(...risk)}`);
  console.log(`  behaviour and attempts recall ${pct(...plans)}`);
  for (const l of ['Ideation', 'Behavior', 'Attempt', 'Indicator', 'Supportive'])
    console.log(`  ${l}: ${pct(...(by[l] ?? [0, 0]))}`);
  console.log(`  false positives on Supportive ${pct(...(by.Supportive ?? [0, 0]))}`);
}

function twitter() {
  const text = read('twitter-si.csv');
  if (!text) return;
  const c = { pos: [0, 0], neg: [0, 0] };
  for (const r of parseCsv(text)) {
    const cell = r.Sem === '1' ? c.pos : c.neg;
    cell[0] += detectCrisis(r.Text).risk ? 1 : 0;
    cell[1] += 1;
  }
  console.log('Suicidal-ideation tweets:');
  console.log(
    `  recall on "potential suicide" ${pct(...c.pos)}; false positives on "not suicide" ${pct(...c.neg)}`,
  );
}

function pii(detect, name) {
  const text = read('pii-syn-nano.json');
  if (!text) return;
  const covered = new Set(['PERSON', 'EMAIL', 'PHONE']);
  const c = { pos: [0, 0], neg: [0, 0], PERSON: [0, 0], EMAIL: [0, 0], PHONE: [0, 0] };
  for (const r of JSON.parse(text)) {
    const labels = new Set(r.NER.map((e) => e.label));
    const found = detect(r.text);
    if (!r.has_pii) {
      c.neg[0] += found.length > 0 ? 1 : 0;
      c.neg[1] += 1;
      continue;
    }
    if (![...labels].some((l) => covered.has(l))) continue;
    c.pos[0] += found.length > 0 ? 1 : 0;
    c.pos[1] += 1;
    const kinds = new Set(found.map((f) => f.kind));
    const want = { PERSON: 'full-name', EMAIL: 'email', PHONE: 'phone' };
    for (const l of covered)
      if (labels.has(l)) {
        c[l][0] += kinds.has(want[l]) ? 1 : 0;
        c[l][1] += 1;
      }
  }
  console.log(`PII synthetic (Nannigalaxy), ${name}:`);
  console.log(`  recall (any warning) ${pct(...c.pos)}; false positives ${pct(...c.neg)}`);
  for (const l of covered) console.log(`  ${l} found as its kind ${pct(...c[l])}`);
}

const NAMES_RISK = /suicid|kill (?:my|him|her)sel|end (?:it|my life)|want to die|overdos|self[- ]?harm/i;

function venting() {
  for (const name of ['reddit-offmychest.csv', 'reddit-depression.csv']) {
    const text = read(name);
    if (!text) continue;
    const c = [0, 0];
    for (const r of parseCsv(text)) {
      const post = `${r.title}. ${r.body}`;
      if (NAMES_RISK.test(post)) continue;
      c[0] += detectCrisis(post).risk ? 1 : 0;
      c[1] += 1;
    }
    console.log(`${name}: posts naming no suicide, self-harm or overdose flagged ${pct(...c)}`);
  }
}

cssrs();
twitter();
venting();
pii(detectIdentifying, 'server-side detectIdentifying');
pii(detectIdentifyingInBrowser, 'browser detectIdentifyingInBrowser (with compromise NER)');
