/**
 * The privacy guard on a file of labelled lines (`identifying<TAB>text` or `ordinary<TAB>text`, `#` comments), such
 * as a batch written by an independent author for development (not committed):
 *
 *   npx tsc -b shared && node scripts/evaluate-privacy-lines.mjs FILE [--misses]
 *
 * Split by line number in the file: odd lines are the development half (`--misses` prints their misses and false
 * positives, to be read); even lines are the check half, printed as counts only and never read line by line.
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
    ['development (odd lines)', 1],
    ['check (even lines)', 0],
  ]) {
    const c = { pos: [0, 0], neg: [0, 0] };
    const misses = [];
    for (const r of rows.filter((x) => x.n % 2 === odd)) {
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
