import {
  AREA_LABELS,
  SUBJECT_LABELS,
  type Area,
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
}

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
 * never one who does not offer the kind of support asked for (peer support or mentorship); never one with nothing
 * in common.
 */
export function rankConsultants(need: Need, candidates: readonly Candidate[]): Ranked[] {
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
        ...grades.map(gradeLabel),
        ...subjects.map((s) => SUBJECT_LABELS[s].toLowerCase()),
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
    .filter((x) => x.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.room - a.room ||
        b.times - a.times ||
        a.c.accountId.localeCompare(b.c.accountId),
    )
    .map((x) => ({ accountId: x.c.accountId, score: x.score, matchedOn: x.matchedOn }));
}

/** Whether a consultant has anything in common with the need (what makes a match worth offering). */
const covers = (need: Need, c: Candidate) =>
  overlap(need.grades, c.grades).length > 0 ||
  overlap(need.subjects, c.subjects).length > 0 ||
  c.areas.includes(need.focus);
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
