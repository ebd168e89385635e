/**
 * The privacy guard's CPU time per 2,000-character message with the learned name model on and off, alternating in
 * one process (so the machine's load falls on both alike): the bench's three messages (bench/src/guards.ts) and a
 * names-heavy one. Per call, from batches of 10: p50 and p99 over BATCHES batches.
 *
 *   npx tsc -b shared && npx tsc -p bench && node scripts/bench-privacy-names.mjs
 */
import { detectIdentifying } from '../shared/dist/guards/privacy.js';
import { privacyNameModel } from '../shared/dist/guards/privacy-name-model.js';
import { GUARD_SAMPLES, guardMessage } from '../bench/dist/src/guard-samples.js';

const SAMPLES = {
  ...GUARD_SAMPLES,
  names:
    'Tamatoa Varuhe threw a chair, Anders Kari and Siobhan Kelly from reception told Mr Brown; we read Jane Eyre with Google Classroom. ',
};
const BATCHES = Number(process.env.BATCHES ?? 1500);

for (const [name, unit] of Object.entries(SAMPLES)) {
  const text = guardMessage(unit);
  const times = { off: [], on: [] };
  for (let i = 0; i < 300; i++) detectIdentifying(text);
  for (let b = 0; b < BATCHES; b++) {
    for (const mode of b % 2 ? ['on', 'off'] : ['off', 'on']) {
      privacyNameModel.enabled = mode === 'on';
      const before = process.cpuUsage();
      for (let i = 0; i < 10; i++) detectIdentifying(text);
      const used = process.cpuUsage(before);
      times[mode].push((used.user + used.system) / 10 / 1000);
    }
  }
  const q = (arr, p) => [...arr].sort((x, y) => x - y)[Math.floor(p * (arr.length - 1))].toFixed(3);
  console.log(
    `${name}: model off CPU p50 ${q(times.off, 0.5)} ms, p99 ${q(times.off, 0.99)} ms; on p50 ${q(times.on, 0.5)} ms, p99 ${q(times.on, 0.99)} ms`,
  );
}
privacyNameModel.enabled = true;
