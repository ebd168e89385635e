import {
  AREA_LABELS,
  SUBJECT_LABELS,
  VOLUNTEER_CAPACITY_MAX,
  termEndMs,
  type Area,
  type Commitment,
  type NearestMatch,
  type ReciprocalArea,
  type Widen,
  type Grade,
  type Slot,
  type Subject,
  type SupportKind,
} from '@staffroom/shared/schemas/consultations';

export interface Candidate {
  accountId: string;
  grades: readonly Grade[];
  subjects: readonly Subject[];
  areas: readonly Area[];
  capacity: number;
  active: number;
  availability: readonly Slot[];
  paused: boolean;
  schoolHash: string;
  districtHash: string;
  /** Absent on profiles saved before kinds existed: peer support only. */
  kinds?: readonly SupportKind[];
  commitment?: Commitment;
  termEndsAt?: string;
}

export interface Need {
  teacherId: string;
  grades: readonly Grade[];
  subjects: readonly Subject[];
  focus: Area;
  preferredTimes: readonly Slot[];
  schoolHash: string;
  districtHash: string;
  /** Consultants who declined or let the offer expire. */
  passed: readonly string[];
  /** Absent on requests stored before kinds existed: peer support. */
  kind?: SupportKind;
  /** What the teacher agreed to widen the request to: another grade band, or another subject. */
  widen?: Widen | null;
}

/**
 * A consultant as matching must see them now: a volunteer never above their small cap, a released consultant
 * whose term is over takes no new requests (treated as paused).
 */
export function withCommitment<C extends Candidate>(c: C, now: number): C {
  const capacity = c.commitment === 'volunteer' ? Math.min(c.capacity, VOLUNTEER_CAPACITY_MAX) : c.capacity;
  const termOver = c.commitment === 'released' && c.termEndsAt !== undefined && termEndMs(c.termEndsAt) < now;
  return { ...c, capacity, paused: c.paused || termOver };
}

/** Grade bands: primary (K–3), intermediate (4–7), secondary (8–12). */
const BANDS: readonly (readonly Grade[])[] = [
  ['K', '1', '2', '3'],
  ['4', '5', '6', '7'],
  ['8', '9', '10', '11', '12'],
];
const bandsOf = (grades: readonly Grade[]) =>
  BANDS.map((b, i) => (grades.some((g) => b.includes(g)) ? i : -1)).filter((i) => i >= 0);
const BAND_WORDS = ['kindergarten to grade 3', 'grades 4 to 7', 'grades 8 to 12'];
const sameBand = (a: readonly Grade[], b: readonly Grade[]) => bandsOf(a).some((i) => bandsOf(b).includes(i));
/** A consultant who teaches all subjects (elementary) covers any subject of their grades. */
const sameSubject = (need: readonly Subject[], c: readonly Subject[]) =>
  c.includes('all-subjects') || need.some((s) => c.includes(s));

/** Whether a consultant offers the kind of support a request asks for. */
export const offersKind = (c: Pick<Candidate, 'kinds'>, kind: SupportKind | undefined): boolean =>
  (c.kinds ?? ['peer-support']).includes(kind ?? 'peer-support');

export interface Ranked {
  accountId: string;
  score: number;
  matchedOn: string;
}

const overlap = <T>(a: readonly T[], b: readonly T[]) => a.filter((x) => b.includes(x));
const gradeLabel = (g: Grade) => (g === 'K' ? 'kindergarten' : `grade ${g}`);

/**
 * Ranks the consultants who may be offered a request, best first. Deterministic: grades and subjects in common
 * weigh most, then the area of focus, then remaining capacity, then availability overlap, then account id.
 * Never a consultant from the same school or district, paused, full, already passed, or the teacher themself;
 * never one who does not offer the kind of support asked for (peer support or mentorship); never one who does not
 * cover the request (its grade band and a subject, unless the teacher agreed to widen it: `covers`). `loose`
 * (the coordinator's list) keeps anyone with something in common.
 */
export function rankConsultants(
  need: Need,
  candidates: readonly Candidate[],
  opts: { loose?: boolean } = {},
): Ranked[] {
  return candidates
    .filter(
      (c) =>
        c.accountId !== need.teacherId &&
        !c.paused &&
        c.active < c.capacity &&
        !need.passed.includes(c.accountId) &&
        offersKind(c, need.kind) &&
        !(need.schoolHash && c.schoolHash === need.schoolHash) &&
        !(need.districtHash && c.districtHash === need.districtHash),
    )
    .map((c) => {
      const grades = overlap(need.grades, c.grades);
      const subjects = overlap(need.subjects, c.subjects);
      const area = c.areas.includes(need.focus);
      const score = grades.length * 3 + subjects.length * 3 + (area ? 2 : 0);
      const matchedOn = [
        ...(grades.length > 0
          ? grades.map(gradeLabel)
          : bandsOf(need.grades)
              .filter((b) => bandsOf(c.grades).includes(b))
              .map((b) => BAND_WORDS[b] ?? '')),
        ...(subjects.length > 0
          ? subjects.map((s) => SUBJECT_LABELS[s].toLowerCase())
          : c.subjects.includes('all-subjects')
            ? ['all subjects']
            : []),
        ...(area ? [AREA_LABELS[need.focus].toLowerCase()] : []),
      ].join(', ');
      return {
        c,
        score,
        matchedOn,
        room: c.capacity - c.active,
        times: overlap(need.preferredTimes, c.availability).length,
      };
    })
    .filter((x) => (opts.loose ? x.score > 0 : covers(need, x.c)))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.room - a.room ||
        b.times - a.times ||
        a.c.accountId.localeCompare(b.c.accountId),
    )
    .map((x) => ({ accountId: x.c.accountId, score: x.score, matchedOn: x.matchedOn }));
}

/**
 * Whether a consultant covers the need: the same grade band and a subject in common. A teacher who agreed to widen
 * it accepts the subject in another grade band (`grade`) or the grade band in another subject (`subject`). Nobody
 * is offered a request that only shares an area of focus, and nothing is widened without the teacher's consent.
 */
export const covers = (need: Pick<Need, 'grades' | 'subjects' | 'widen'>, c: Candidate): boolean => {
  const band = sameBand(need.grades, c.grades);
  const subject = sameSubject(need.subjects, c.subjects);
  if (need.widen === 'grade') return subject;
  if (need.widen === 'subject') return band;
  return band && subject;
};

/**
 * The nearer matches a teacher may accept when nobody covers their request: a consultant (from another school and
 * district, offering the kind asked for, not paused, not passed over) who covers the subject in another grade band, or the
 * grade band in another subject. In words only: never who, never how many.
 */
export function nearestMatches(need: Need, candidates: readonly Candidate[]): NearestMatch[] {
  if (need.widen) return [];
  const open = candidates.filter(
    (c) =>
      c.accountId !== need.teacherId &&
      !c.paused &&
      offersKind(c, need.kind) &&
      !need.passed.includes(c.accountId) &&
      !excludedFor(need, c),
  );
  const out: NearestMatch[] = [];
  const bySubject = open.filter(
    (c) => sameSubject(need.subjects, c.subjects) && !sameBand(need.grades, c.grades),
  );
  if (bySubject[0]) {
    const subjects = need.subjects.filter((s) => bySubject.some((c) => sameSubject([s], c.subjects)));
    const bands = [...new Set(bySubject.flatMap((c) => bandsOf(c.grades)))].sort();
    out.push({
      widen: 'grade',
      matchedOn: `${subjects.map((s) => SUBJECT_LABELS[s].toLowerCase()).join(', ')}, taught in ${bands
        .map((b) => BAND_WORDS[b])
        .join(' or ')}`,
    });
  }
  const byBand = open.filter(
    (c) => sameBand(need.grades, c.grades) && !sameSubject(need.subjects, c.subjects),
  );
  if (byBand[0]) {
    const grades = need.grades.filter((g) => byBand.some((c) => sameBand([g], c.grades)));
    out.push({
      widen: 'subject',
      matchedOn: `${grades.map(gradeLabel).join(', ')}, in another subject`,
    });
  }
  return out;
}

/** Whether two reciprocal partners cross: each offers something the other would like to learn. */
export const crosses = (
  a: { offers: readonly ReciprocalArea[]; wants: readonly ReciprocalArea[] },
  b: { offers: readonly ReciprocalArea[]; wants: readonly ReciprocalArea[] },
): boolean => a.offers.some((x) => b.wants.includes(x)) && b.offers.some((x) => a.wants.includes(x));

/** The teacher's own school or district: never matched, not even by hand. */
export const excludedFor = (need: Pick<Need, 'schoolHash' | 'districtHash'>, c: Candidate) =>
  (need.schoolHash !== '' && c.schoolHash === need.schoolHash) ||
  (need.districtHash !== '' && c.districtHash === need.districtHash);

/**
 * Why `rankConsultants` found nobody for this need, checked in the order a coordinator can act on: nobody covers
 * it, those who do are from the teacher's school or district, they all passed on it, or they are full or paused.
 */
export function whyUnmatched(
  need: Need,
  candidates: readonly Candidate[],
): 'no-coverage' | 'excluded' | 'declined' | 'unavailable' {
  const covering = candidates.filter((c) => c.accountId !== need.teacherId && covers(need, c));
  if (covering.length === 0) return 'no-coverage';
  const allowed = covering.filter((c) => !excludedFor(need, c));
  if (allowed.length === 0) return 'excluded';
  if (allowed.every((c) => need.passed.includes(c.accountId))) return 'declined';
  return 'unavailable';
}
