/**
 * Evaluation of the privacy and crisis guards against a labelled set (tests/fixtures/guards/): precision, recall and
 * false-positive rates, per-kind recall for the privacy guard, and every miss. Pure: the caller reads the files
 * (scripts/evaluate-guards.ts and tests/unit/guards-evaluation.test.ts do).
 */
import { detectCrisis } from './crisis.js';
import { detectIdentifying, FINDING_KINDS, type Finding, type FindingKind } from './privacy.js';

export const TARGETS = {
  /** Share of identifying lines the privacy guard warns about. */
  privacyRecall: 0.95,
  /** Share of ordinary lines the privacy guard warns about. */
  privacyFalsePositiveRate: 0.05,
  /** Share of crisis lines the crisis guard flags. */
  crisisRecall: 0.95,
} as const;

const KINDS: readonly FindingKind[] = FINDING_KINDS;

export interface Line {
  /** 1-based line number in its file. */
  line: number;
  text: string;
}

export interface LabelledLine extends Line {
  kind: FindingKind;
}

export interface Fixtures {
  identifying: LabelledLine[];
  crisis: Line[];
  ordinary: Line[];
  schools: string[];
}

export interface GuardStats {
  /** Positive lines flagged. */
  truePositives: number;
  /** Positive lines not flagged. */
  falseNegatives: number;
  /** Ordinary lines flagged. */
  falsePositivesOrdinary: number;
  /** Lines from the other guard's positive set flagged (they are negatives for this guard). */
  falsePositivesOther: number;
  positives: number;
  ordinary: number;
  other: number;
  /** TP / (TP + all FP). */
  precision: number;
  /** TP / positives. */
  recall: number;
  /** Ordinary lines flagged / ordinary lines. */
  falsePositiveRate: number;
}

export interface KindStats {
  lines: number;
  /** Lines with any finding (the member is warned). */
  detected: number;
  /** Lines with a finding of the labelled kind. */
  kindMatched: number;
}

export interface Miss {
  file: string;
  line: number;
  text: string;
  detail: string;
}

export interface EvaluationReport {
  privacy: GuardStats & { perKind: Record<FindingKind, KindStats>; kindRecall: number };
  crisis: GuardStats;
  misses: {
    privacyFalseNegatives: Miss[];
    privacyWrongKind: Miss[];
    privacyFalsePositives: Miss[];
    crisisFalseNegatives: Miss[];
    crisisFalsePositives: Miss[];
  };
  failures: string[];
  passed: boolean;
}

/** The contents of the four fixture files. */
export interface FixtureFiles {
  identifying: string;
  crisis: string;
  ordinary: string;
  schools: string;
}

function lines(content: string): Line[] {
  return content
    .split(/\r?\n/)
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}

/** Parses the fixture files: identifying.txt is "<kind>\t<message>"; the others are one item per line. */
export function parseFixtures(files: FixtureFiles): Fixtures {
  const identifying = lines(files.identifying).map((l): LabelledLine => {
    const tab = l.text.indexOf('\t');
    const kind = l.text.slice(0, tab) as FindingKind;
    if (tab < 0 || !KINDS.includes(kind))
      throw new Error(`identifying.txt:${l.line}: expected "<kind>\\t<text>"`);
    return { line: l.line, kind, text: l.text.slice(tab + 1).trim() };
  });
  return {
    identifying,
    crisis: lines(files.crisis),
    ordinary: lines(files.ordinary),
    schools: lines(files.schools).map((l) => l.text),
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const describe = (findings: readonly Finding[]) => findings.map((f) => `${f.kind}: "${f.match}"`).join('; ');

function stats(
  tp: number,
  positives: number,
  fpOrdinary: number,
  ordinary: number,
  fpOther: number,
  other: number,
): GuardStats {
  return {
    truePositives: tp,
    falseNegatives: positives - tp,
    falsePositivesOrdinary: fpOrdinary,
    falsePositivesOther: fpOther,
    positives,
    ordinary,
    other,
    precision: ratio(tp, tp + fpOrdinary + fpOther),
    recall: ratio(tp, positives),
    falsePositiveRate: ratio(fpOrdinary, ordinary),
  };
}

/** Runs both guards over the fixtures and scores them against the targets. */
export function evaluateGuards(fixtures: Fixtures): EvaluationReport {
  const opts = { schoolNames: fixtures.schools };
  const misses: EvaluationReport['misses'] = {
    privacyFalseNegatives: [],
    privacyWrongKind: [],
    privacyFalsePositives: [],
    crisisFalseNegatives: [],
    crisisFalsePositives: [],
  };

  // Privacy guard: positives are identifying.txt; negatives are ordinary.txt and crisis.txt.
  const perKind = Object.fromEntries(
    KINDS.map((k) => [k, { lines: 0, detected: 0, kindMatched: 0 }]),
  ) as Record<FindingKind, KindStats>;
  let privacyTp = 0;
  let kindMatched = 0;
  for (const l of fixtures.identifying) {
    const findings = detectIdentifying(l.text, opts);
    const k = perKind[l.kind];
    k.lines++;
    if (findings.length > 0) {
      privacyTp++;
      k.detected++;
    } else {
      misses.privacyFalseNegatives.push({
        file: 'identifying.txt',
        line: l.line,
        text: l.text,
        detail: `expected ${l.kind}`,
      });
    }
    if (findings.some((f) => f.kind === l.kind)) {
      kindMatched++;
      k.kindMatched++;
    } else if (findings.length > 0) {
      misses.privacyWrongKind.push({
        file: 'identifying.txt',
        line: l.line,
        text: l.text,
        detail: `expected ${l.kind}, found ${describe(findings)}`,
      });
    }
  }
  let privacyFpOrdinary = 0;
  for (const l of fixtures.ordinary) {
    const findings = detectIdentifying(l.text, opts);
    if (findings.length === 0) continue;
    privacyFpOrdinary++;
    misses.privacyFalsePositives.push({
      file: 'ordinary.txt',
      line: l.line,
      text: l.text,
      detail: describe(findings),
    });
  }
  let privacyFpOther = 0;
  for (const l of fixtures.crisis) {
    const findings = detectIdentifying(l.text, opts);
    if (findings.length === 0) continue;
    privacyFpOther++;
    misses.privacyFalsePositives.push({
      file: 'crisis.txt',
      line: l.line,
      text: l.text,
      detail: describe(findings),
    });
  }

  // Crisis guard: positives are crisis.txt; negatives are ordinary.txt and identifying.txt.
  let crisisTp = 0;
  for (const l of fixtures.crisis) {
    if (detectCrisis(l.text).risk) crisisTp++;
    else
      misses.crisisFalseNegatives.push({
        file: 'crisis.txt',
        line: l.line,
        text: l.text,
        detail: 'not flagged',
      });
  }
  let crisisFpOrdinary = 0;
  for (const l of fixtures.ordinary) {
    const r = detectCrisis(l.text);
    if (!r.risk) continue;
    crisisFpOrdinary++;
    misses.crisisFalsePositives.push({
      file: 'ordinary.txt',
      line: l.line,
      text: l.text,
      detail: r.matches.join('; '),
    });
  }
  let crisisFpOther = 0;
  for (const l of fixtures.identifying) {
    const r = detectCrisis(l.text);
    if (!r.risk) continue;
    crisisFpOther++;
    misses.crisisFalsePositives.push({
      file: 'identifying.txt',
      line: l.line,
      text: l.text,
      detail: r.matches.join('; '),
    });
  }

  const privacy = {
    ...stats(
      privacyTp,
      fixtures.identifying.length,
      privacyFpOrdinary,
      fixtures.ordinary.length,
      privacyFpOther,
      fixtures.crisis.length,
    ),
    perKind,
    kindRecall: ratio(kindMatched, fixtures.identifying.length),
  };
  const crisis = stats(
    crisisTp,
    fixtures.crisis.length,
    crisisFpOrdinary,
    fixtures.ordinary.length,
    crisisFpOther,
    fixtures.identifying.length,
  );

  const failures: string[] = [];
  if (privacy.recall < TARGETS.privacyRecall)
    failures.push(`privacy recall ${fmt(privacy.recall)} < ${TARGETS.privacyRecall}`);
  if (privacy.falsePositiveRate > TARGETS.privacyFalsePositiveRate)
    failures.push(
      `privacy false-positive rate ${fmt(privacy.falsePositiveRate)} > ${TARGETS.privacyFalsePositiveRate}`,
    );
  if (crisis.recall < TARGETS.crisisRecall)
    failures.push(`crisis recall ${fmt(crisis.recall)} < ${TARGETS.crisisRecall}`);
  return { privacy, crisis, misses, failures, passed: failures.length === 0 };
}

const fmt = (x: number) => x.toFixed(3);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The printed report: one table per guard, per-kind recall, the targets, and every miss. */
export function formatReport(r: EvaluationReport): string {
  const out: string[] = [];
  const guardRow = (name: string, s: GuardStats, target: string) => [
    name,
    String(s.positives),
    String(s.truePositives),
    String(s.falseNegatives),
    `${s.falsePositivesOrdinary}/${s.ordinary}`,
    `${s.falsePositivesOther}/${s.other}`,
    fmt(s.precision),
    fmt(s.recall),
    fmt(s.falsePositiveRate),
    target,
  ];
  out.push('Guard evaluation (tests/fixtures/guards)', '');
  out.push(
    table(
      [
        'guard',
        'positives',
        'TP',
        'FN',
        'FP ordinary',
        'FP other set',
        'precision',
        'recall',
        'FP rate ordinary',
        'targets',
      ],
      [
        guardRow(
          'privacy',
          r.privacy,
          `recall >= ${TARGETS.privacyRecall}, FP rate <= ${TARGETS.privacyFalsePositiveRate}`,
        ),
        guardRow('crisis', r.crisis, `recall >= ${TARGETS.crisisRecall} (FP rate reported)`),
      ],
    ),
  );
  out.push(
    '',
    'Privacy guard per kind ("detected": any warning; "kind-matched": a finding of the labelled kind)',
    '',
  );
  out.push(
    table(
      ['kind', 'lines', 'detected', 'recall', 'kind-matched', 'kind recall'],
      [
        ...KINDS.map((k) => {
          const s = r.privacy.perKind[k];
          return [
            k,
            String(s.lines),
            String(s.detected),
            fmt(ratio(s.detected, s.lines)),
            String(s.kindMatched),
            fmt(ratio(s.kindMatched, s.lines)),
          ];
        }),
        [
          'all',
          String(r.privacy.positives),
          String(r.privacy.truePositives),
          fmt(r.privacy.recall),
          String(Math.round(r.privacy.kindRecall * r.privacy.positives)),
          fmt(r.privacy.kindRecall),
        ],
      ],
    ),
  );
  const list = (title: string, items: Miss[]) => {
    out.push('', `${title} (${items.length})`);
    for (const m of items) out.push(`  ${m.file}:${m.line}  ${m.text}\n      -> ${m.detail}`);
  };
  list('Privacy misses (false negatives)', r.misses.privacyFalseNegatives);
  list('Privacy wrong kind (warned, but not with the labelled kind)', r.misses.privacyWrongKind);
  list('Privacy false positives', r.misses.privacyFalsePositives);
  list('Crisis misses (false negatives)', r.misses.crisisFalseNegatives);
  list('Crisis false positives', r.misses.crisisFalsePositives);
  out.push('', r.passed ? 'Targets met.' : `Targets NOT met: ${r.failures.join('; ')}`);
  return out.join('\n');
}
