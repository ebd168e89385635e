/**
 * The privacy guard on a file of labelled lines (`identifying<TAB>text` or `ordinary<TAB>text`, `#` comments), such
 * as a batch written by an independent author for development (not committed):
 *
 *   npx tsc -b shared && node scripts/evaluate-privacy-lines.mjs FILE [--misses]
 *
 * Split by line number in the file: odd lines are the development half (`--misses` prints their misses and false
 * positives, to be read); even lines are the check half, printed as counts only and never read line by line.
 * A file whose labels alternate line by line (p23.tsv: identifying, ordinary, identifying …) would put every
 * identifying line in one half, so it is split by pairs of lines instead: lines 3-4, 7-8, 11-12 … (number mod 4 is 3
 * or 0) are the development half, lines 5-6, 9-10 … the check half.
 * Prints both the server guard (detectIdentifying) and the browser's (detectIdentifyingInBrowser, with compromise).
 * PRIVACY_NAME_MODEL=off scores the rules alone; PRIVACY_NAME_THRESHOLD overrides the name model's threshold.
 */
import { readFileSync } from 'node:fs';
import { applyNameModelEnv } from './privacy-name-env.mjs';

// PRIVACY_DIST: another build of shared/dist (e.g. the code before a change) to compare.
const dist = process.env.PRIVACY_DIST ?? new URL('../shared/dist', import.meta.url).href;
const { detectIdentifying } = await import(`${dist}/guards/privacy.js`);
const { detectIdentifyingInBrowser } = await import(`${dist}/guards/privacy-ner.js`);
await applyNameModelEnv(dist);

const file = process.argv[2];
if (!file) throw new Error('usage: evaluate-privacy-lines.mjs FILE [--misses]');
const showMisses = process.argv.includes('--misses');
const pct = (a, b) => `${a}/${b} = ${b ? (a / b).toFixed(3) : '-'}`;
const PAIRED = new Set(['p23.tsv', 'p25.tsv']);
const paired = PAIRED.has(file.split('/').pop());
/** 1 for a development line, 0 for a check line. */
const devLine = (n) => (paired ? Number(n % 4 === 3 || n % 4 === 0) : n % 2);
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .map((line, i) => ({ n: i + 1, line }))
  .filter(({ line }) => line.trim() && !line.startsWith('#') && line.includes('\t'))
  .map(({ n, line }) => {
    const [label, ...rest] = line.split('\t');
    return { n, label: label.trim(), text: rest.join('\t') };
  });
for (const [name, detect] of [
  ['server detectIdentifying', detectIdentifying],
  ['browser detectIdentifyingInBrowser', detectIdentifyingInBrowser],
]) {
  for (const [half, odd] of [
    [paired ? 'development (line pairs 3-4, 7-8 …)' : 'development (odd lines)', 1],
    [paired ? 'check (line pairs 5-6, 9-10 …)' : 'check (even lines)', 0],
  ]) {
    const c = { pos: [0, 0], neg: [0, 0] };
    const misses = [];
    for (const r of rows.filter((x) => devLine(x.n) === odd)) {
      const found = detect(r.text);
      const flagged = found.length > 0;
      if (r.label === 'ordinary') {
        c.neg[0] += flagged ? 1 : 0;
        c.neg[1] += 1;
        if (flagged)
          misses.push(`FP   ${r.n} ${r.text} → ${found.map((f) => `${f.kind}:${f.match}`).join(', ')}`);
      } else {
        c.pos[0] += flagged ? 1 : 0;
        c.pos[1] += 1;
        if (!flagged) misses.push(`MISS ${r.n} ${r.text}`);
      }
    }
    console.log(`${file}, ${name}, ${half}: recall ${pct(...c.pos)}; false positives ${pct(...c.neg)}`);
    if (showMisses && odd === 1 && name.startsWith('server')) for (const m of misses) console.log(`  ${m}`);
  }
}
