/**
 * Figures of the guards on the held-out lines (tests/fixtures/guards/crisis-heldout.tsv and privacy-heldout.tsv):
 * lines written before the day's changes and never used to tune them. Deliberately prints no line, only counts:
 * whoever reads a miss must move that line to training and write fresh held-out lines (README.md).
 *
 * ISSUE_TARGETS are the targets of issue 11. FLOORS are the figures measured when the held-out lines were first
 * scored; the unit test fails below a floor (a regression) and reports every target that is still missed.
 */
import { detectCrisis } from './crisis.js';
import { detectIdentifying, type Finding, type PrivacyOptions } from './privacy.js';

export const CRISIS_LABELS = [
  'plan',
  'passive',
  'third',
  'hyperbole',
  'venting',
  'recovery',
  'grief',
  'negation',
] as const;
export type CrisisLabel = (typeof CRISIS_LABELS)[number];
export const PRIVACY_LABELS = ['email', 'phone', 'address', 'profile-url', 'full-name', 'none'] as const;
export type PrivacyLabel = (typeof PRIVACY_LABELS)[number];

export interface HeldOutLine<L extends string> {
  line: number;
  label: L;
  text: string;
}

export const ISSUE_TARGETS = {
  crisisFirstPersonRecall: 0.95,
  crisisPlanRecall: 0.97,
  crisisNotRiskFalsePositiveRate: 0.05,
  privacyRecall: 0.9,
  privacyNameRecall: 0.9,
  privacyFalsePositiveRate: 0.05,
} as const;
export type Figure = keyof typeof ISSUE_TARGETS;

/** Higher is better for recalls, lower for false-positive rates. */
const LOWER_IS_BETTER: ReadonlySet<Figure> = new Set([
  'crisisNotRiskFalsePositiveRate',
  'privacyFalsePositiveRate',
]);

export function parseHeldOut<L extends string>(
  content: string,
  labels: readonly L[],
  file: string,
): HeldOutLine<L>[] {
  const out: HeldOutLine<L>[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const tab = raw.indexOf('\t');
    const label = raw.slice(0, tab).trim() as L;
    if (tab < 0 || !labels.includes(label)) throw new Error(`${file}:${i + 1}: expected "<label>\\t<text>"`);
    out.push({ line: i + 1, label, text: raw.slice(tab + 1).trim() });
  });
  return out;
}

export interface Count {
  hits: number;
  lines: number;
}
const rate = (c: Count) => (c.lines === 0 ? 0 : c.hits / c.lines);
const add = (c: Count, hit: boolean) => {
  c.lines++;
  if (hit) c.hits++;
};

export interface CrisisHeldOutReport {
  /** Lines flagged as the writer at risk, per label. */
  flagged: Record<CrisisLabel, Count>;
  /** Third-person lines reported as concern for someone else. */
  thirdPersonConcern: Count;
  /** First-person risk lines whose sub-kind (plan or passive) is right. */
  kindRight: Count;
  figures: Pick<
    Record<Figure, number>,
    'crisisFirstPersonRecall' | 'crisisPlanRecall' | 'crisisNotRiskFalsePositiveRate'
  >;
}

export function evaluateCrisisHeldOut(lines: readonly HeldOutLine<CrisisLabel>[]): CrisisHeldOutReport {
  const flagged = Object.fromEntries(CRISIS_LABELS.map((l) => [l, { hits: 0, lines: 0 }])) as Record<
    CrisisLabel,
    Count
  >;
  const thirdPersonConcern = { hits: 0, lines: 0 };
  const kindRight = { hits: 0, lines: 0 };
  for (const l of lines) {
    const r = detectCrisis(l.text);
    add(flagged[l.label], r.risk);
    if (l.label === 'third') add(thirdPersonConcern, r.concernForOther);
    if (l.label === 'plan' || l.label === 'passive') add(kindRight, r.kind === l.label);
  }
  const sum = (labels: CrisisLabel[]) =>
    labels.reduce((a, l) => ({ hits: a.hits + flagged[l].hits, lines: a.lines + flagged[l].lines }), {
      hits: 0,
      lines: 0,
    });
  return {
    flagged,
    thirdPersonConcern,
    kindRight,
    figures: {
      crisisFirstPersonRecall: rate(sum(['plan', 'passive'])),
      crisisPlanRecall: rate(flagged.plan),
      crisisNotRiskFalsePositiveRate: rate(sum(['hyperbole', 'venting', 'recovery', 'grief', 'negation'])),
    },
  };
}

export interface PrivacyHeldOutReport {
  /** Lines with any finding, per label (for `none` these are false positives). */
  warned: Record<PrivacyLabel, Count>;
  /** Positive lines with a finding of the labelled kind. */
  kindMatched: Count;
  figures: Pick<Record<Figure, number>, 'privacyRecall' | 'privacyNameRecall' | 'privacyFalsePositiveRate'>;
}

export function evaluatePrivacyHeldOut(
  lines: readonly HeldOutLine<PrivacyLabel>[],
  detect: (text: string, opts?: PrivacyOptions) => Finding[] = detectIdentifying,
): PrivacyHeldOutReport {
  const warned = Object.fromEntries(PRIVACY_LABELS.map((l) => [l, { hits: 0, lines: 0 }])) as Record<
    PrivacyLabel,
    Count
  >;
  const kindMatched = { hits: 0, lines: 0 };
  const positives = { hits: 0, lines: 0 };
  for (const l of lines) {
    const findings = detect(l.text);
    add(warned[l.label], findings.length > 0);
    if (l.label === 'none') continue;
    add(positives, findings.length > 0);
    add(
      kindMatched,
      findings.some((f) => f.kind === l.label),
    );
  }
  return {
    warned,
    kindMatched,
    figures: {
      privacyRecall: rate(positives),
      privacyNameRecall: rate(warned['full-name']),
      privacyFalsePositiveRate: rate(warned.none),
    },
  };
}

/** Is a figure within the issue's target? */
export function meetsTarget(figure: Figure, value: number): boolean {
  return LOWER_IS_BETTER.has(figure) ? value <= ISSUE_TARGETS[figure] : value >= ISSUE_TARGETS[figure];
}

/** Is a figure no worse than a floor (the first measured value)? */
export function noWorseThan(figure: Figure, value: number, floor: number): boolean {
  return LOWER_IS_BETTER.has(figure) ? value <= floor + 1e-9 : value >= floor - 1e-9;
}

/** The table of one batch; a batch of crisis lines only (batch 6) has no privacy part. */
export function formatHeldOut(crisis: CrisisHeldOutReport, privacy?: PrivacyHeldOutReport): string {
  const c = (x: Count) => `${x.hits}/${x.lines}`;
  const out = ['Held-out evaluation (counts only; no line is printed on purpose)', ''];
  out.push('crisis: flagged as the writer at risk, per label');
  for (const l of CRISIS_LABELS) out.push(`  ${l.padEnd(10)} ${c(crisis.flagged[l])}`);
  out.push(`  third-person lines reported as concern for someone else ${c(crisis.thirdPersonConcern)}`);
  out.push(`  plan/passive sub-kind right ${c(crisis.kindRight)}`);
  if (privacy) {
    out.push('privacy: lines warned about, per label');
    for (const l of PRIVACY_LABELS) out.push(`  ${l.padEnd(11)} ${c(privacy.warned[l])}`);
    out.push(`  positives with a finding of the labelled kind ${c(privacy.kindMatched)}`);
  }
  out.push('', 'figure                          value  issue target');
  const figures = { ...crisis.figures, ...privacy?.figures };
  for (const [name, value] of Object.entries(figures) as [Figure, number][]) {
    const op = LOWER_IS_BETTER.has(name) ? '<=' : '>=';
    const verdict = meetsTarget(name, value) ? 'met' : 'MISSED';
    out.push(`${name.padEnd(31)} ${value.toFixed(3)}  ${op} ${ISSUE_TARGETS[name]} ${verdict}`);
  }
  return out.join('\n');
}
