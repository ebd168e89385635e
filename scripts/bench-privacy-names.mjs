/**
 * The privacy guard's CPU time per 2,000-character message with the learned name model on and off, alternating in
 * one process (so the machine's load falls on both alike): the bench's three messages (bench/src/guards.ts) and a
 * names-heavy one. Per call, from batches of 10: p50 and p99 over BATCHES batches.
 *
 *   npx tsc -b shared && node scripts/bench-privacy-names.mjs
 */
import { detectIdentifying } from '../shared/dist/guards/privacy.js';
import { privacyNameModel } from '../shared/dist/guards/privacy-name-model.js';

const SAMPLES = {
  ordinary:
    'Honestly this term has been brutal. Year 10 are lovely but the marking load is unreal and our head keeps adding data drops. ',
  identifying:
    'I called Mrs Okafor at 07700 900123 about the trip; she lives at 14 Rue des Lilas, 75011 Paris, see www.danielhartley.co.uk. ',
  crisis:
    'I have been feeling low and I keep thinking everyone would be better off without me, the pills are in the cupboard. ',
  names:
    'Tamatoa Varuhe threw a chair, Anders Kari and Siobhan Kelly from reception told Mr Brown; we read Jane Eyre with Google Classroom. ',
};
const BATCHES = Number(process.env.BATCHES ?? 1500);
const make = (s) => s.repeat(Math.ceil(2000 / s.length)).slice(0, 2000);

for (const [name, unit] of Object.entries(SAMPLES)) {
  const text = make(unit);
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
