/**
 * CPU per message of each guard stage (`npm run bench -- --guards`), on the bench generator's messages and on
 * 2,000-character ones, as the server screens a message (moderation.service.ts `screen`: crisis, blocked terms,
 * privacy, one fold of the text shared by all three):
 * - fold: `prepare` (look-alikes folded, invisible characters dropped), paid once per message;
 * - normalise: the crisis guard's own normalisation (`normaliseForCrisis` less the fold);
 * - model: the crisis model on the normalised text (`scoreNormalised`);
 * - rules: the rest of `detectCrisis` (cue prefilters and probes, context patterns, the decision);
 * - blocked: `findBlockedTerms` with a small list (BENCH_TERMS) on an already folded text;
 * - privacy: `detectIdentifying` on an already folded text;
 * - total: the three guards in a row, as the server runs them.
 * Stages are timed apart (process CPU time over many calls) and the derived ones by difference, so they need not sum
 * to the total exactly. The guards are passed in, so scripts/bench-guards-ab.mjs can time two builds interleaved.
 */
import { benchText } from './message-text.js';

/** The guard functions timed, from one build of the shared package. */
export interface GuardImpl {
  prepare(text: string): unknown;
  normaliseForCrisis(text: string): string;
  scoreNormalised(normalised: string): unknown;
  detectCrisis(text: string): unknown;
  findBlockedTerms(text: string, terms: readonly string[]): unknown;
  detectIdentifying(text: string): unknown;
}

export const STAGES = [
  'fold',
  'normalise',
  'model',
  'rules',
  'crisis',
  'blocked',
  'privacy',
  'total',
] as const;
export type Stage = (typeof STAGES)[number];
/** µs of CPU per message, by stage. */
export type StageTimes = Record<Stage, number>;

/** A stand-in for a deployment's list: the configured lists are not in the repository. */
export const BENCH_TERMS: readonly string[] = [
  'spam',
  'scam',
  'ass',
  'buy followers',
  'free money',
  'click here',
  'crypto giveaway',
  'onlyfans',
  'idiot',
  'moron',
];

const LONG_UNITS = [
  'Honestly this term has been brutal. Year 10 are lovely but the marking load is unreal and our head keeps adding data drops. ',
  'I called Mrs Okafor at 07700 900123 about the trip; she lives at 14 Rue des Lilas, 75011 Paris, see www.danielhartley.co.uk. ',
  'I have been feeling low and I keep thinking everyone would be better off without me, the pills are in the cupboard. ',
];

/**
 * The message sets: distinct texts, so no call finds the previous one's fold in `prepare`'s one-entry cache (the
 * server screens a new text every time).
 */
export function stageTexts(): Record<string, string[]> {
  const generator = Array.from({ length: 200 }, (_, i) =>
    benchText(true, 1_765_000_000_000 + i * 7919, 1 + (i % 40), 1 + i),
  );
  const long: string[] = [];
  for (const unit of LONG_UNITS)
    for (let shift = 0; shift < 8; shift++) {
      const text = unit.repeat(Math.ceil((2000 + shift * 7) / unit.length) + 1);
      long.push(text.slice(shift * 7, shift * 7 + 2000));
    }
  return { 'generator messages': generator, '2,000 characters': long };
}

/** CPU µs per call of `fn` over `texts`, repeated until at least `minMs` of CPU has passed. */
function cpuPerCall(texts: readonly string[], fn: (text: string, i: number) => void, minMs = 30): number {
  let calls = 0;
  const before = process.cpuUsage();
  let spent: number;
  do {
    for (let i = 0; i < texts.length; i++) fn(texts[i] as string, i);
    calls += texts.length;
    const d = process.cpuUsage(before);
    spent = d.user + d.system;
  } while (spent < minMs * 1000);
  return spent / calls;
}

/** One round of every stage on one message set (after a warm-up pass of each). */
export function stageRound(impl: GuardImpl, texts: readonly string[]): StageTimes {
  const normalised = texts.map((t) => impl.normaliseForCrisis(t));
  const ops: Record<Exclude<Stage, 'rules'>, (text: string, i: number) => void> = {
    fold: (t) => impl.prepare(t),
    normalise: (t) => impl.normaliseForCrisis(t),
    model: (_t, i) => impl.scoreNormalised(normalised[i] as string),
    crisis: (t) => impl.detectCrisis(t),
    blocked: (t) => {
      impl.prepare(t);
      impl.findBlockedTerms(t, BENCH_TERMS);
    },
    privacy: (t) => {
      impl.prepare(t);
      impl.detectIdentifying(t);
    },
    total: (t) => {
      impl.detectCrisis(t);
      impl.findBlockedTerms(t, BENCH_TERMS);
      impl.detectIdentifying(t);
    },
  };
  for (const op of Object.values(ops)) for (let i = 0; i < texts.length; i++) op(texts[i] as string, i);
  const raw = Object.fromEntries(
    Object.entries(ops).map(([stage, op]) => [stage, cpuPerCall(texts, op)]),
  ) as Record<Exclude<Stage, 'rules'>, number>;
  return {
    fold: raw.fold,
    normalise: raw.normalise - raw.fold,
    model: raw.model,
    rules: raw.crisis - raw.normalise - raw.model,
    crisis: raw.crisis,
    blocked: raw.blocked - raw.fold,
    privacy: raw.privacy - raw.fold,
    total: raw.total,
  };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Per-stage medians over rounds. */
export function medians(rounds: readonly StageTimes[]): StageTimes {
  return Object.fromEntries(STAGES.map((s) => [s, median(rounds.map((r) => r[s]))])) as StageTimes;
}

/** The stage table: one row per (message set, build), µs of CPU per message. */
export function stagesText(rows: readonly { label: string; times: StageTimes }[]): string {
  const width = Math.max(...rows.map((r) => r.label.length));
  const head = `${''.padEnd(width)}  ${STAGES.map((s) => s.padStart(9)).join('')}`;
  const lines = rows.map(
    (r) => `${r.label.padEnd(width)}  ${STAGES.map((s) => r.times[s].toFixed(1).padStart(9)).join('')}`,
  );
  return [head, ...lines].join('\n');
}

/** Median per-stage CPU per message of one build, over `rounds` rounds per message set. */
export function measureStages(impl: GuardImpl, rounds = 5): string {
  const rows: { label: string; times: StageTimes }[] = [];
  for (const [set, texts] of Object.entries(stageTexts())) {
    const results = Array.from({ length: rounds }, () => stageRound(impl, texts));
    rows.push({ label: set, times: medians(results) });
  }
  return `Guard stages (µs of CPU per message, median of ${rounds} rounds):\n${stagesText(rows)}`;
}
