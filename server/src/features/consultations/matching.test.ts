import { describe, expect, it } from 'vitest';
import {
  crosses,
  nearestMatches,
  rankConsultants,
  whyUnmatched,
  withCommitment,
  type Candidate,
  type Need,
} from './matching.js';

const consultant = (accountId: string, extra: Partial<Candidate> = {}): Candidate => ({
  accountId,
  grades: ['2'],
  subjects: ['mathematics'],
  areas: ['classroom-management'],
  capacity: 3,
  active: 0,
  availability: ['mon-pm'],
  paused: false,
  schoolHash: `school-${accountId}`,
  districtHash: `district-${accountId}`,
  ...extra,
});
const need: Need = {
  teacherId: 'teacher',
  grades: ['2'],
  subjects: ['mathematics'],
  focus: 'classroom-management',
  preferredTimes: ['mon-pm', 'tue-pm'],
  schoolHash: 'school-T',
  districtHash: 'district-T',
  passed: [],
};
const ids = (n: Partial<Need>, cs: Candidate[]) =>
  rankConsultants({ ...need, ...n }, cs).map((r) => r.accountId);

describe('rankConsultants', () => {
  const fixture = [
    consultant('exact'),
    consultant('grade-only', { subjects: ['science'], areas: ['assessment'] }),
    consultant('area-only', { grades: ['9'], subjects: ['music'] }),
    consultant('subject-and-area', { grades: ['3'] }),
    consultant('nothing-in-common', { grades: ['11'], subjects: ['french'], areas: ['resources'] }),
  ];

  it('offers only consultants who cover the grade band and a subject, and explains the match', () => {
    const ranked = rankConsultants(need, fixture);
    expect(ranked.map((r) => r.accountId)).toEqual(['exact', 'subject-and-area']);
    expect(ranked[0]?.matchedOn).toBe('grade 2, mathematics, classroom management');
    expect(ranked[1]?.matchedOn).toBe('kindergarten to grade 3, mathematics, classroom management');
  });

  it('keeps anyone with something in common for the coordinator’s list (loose)', () => {
    const ranked = rankConsultants(need, fixture, { loose: true });
    expect(ranked.map((r) => r.accountId)).toEqual(['exact', 'subject-and-area', 'grade-only', 'area-only']);
    expect(ranked.at(-1)?.matchedOn).toBe('classroom management');
  });

  it('widens to another grade band or another subject only when the teacher agreed', () => {
    const other = [
      consultant('maths-secondary', { grades: ['10'] }),
      consultant('grade-2-science', { subjects: ['science'] }),
    ];
    expect(ids({}, other)).toEqual([]);
    expect(ids({ widen: 'grade' }, other)).toEqual(['maths-secondary']);
    expect(ids({ widen: 'subject' }, other)).toEqual(['grade-2-science']);
  });

  it('lets an all-subjects (elementary) consultant cover any subject of their grades', () => {
    expect(ids({}, [consultant('generalist', { subjects: ['all-subjects'], grades: ['1'] })])).toEqual([
      'generalist',
    ]);
  });

  it('never offers a consultant from the same school or district', () => {
    expect(ids({ schoolHash: 'school-exact' }, fixture)).not.toContain('exact');
    expect(ids({ districtHash: 'district-exact' }, fixture)).not.toContain('exact');
    expect(
      ids({ schoolHash: '', districtHash: '' }, [consultant('exact', { schoolHash: '', districtHash: '' })]),
    ).toEqual(['exact']);
  });

  it('respects capacity and the pause switch, and skips those who passed', () => {
    expect(
      ids({}, [consultant('full', { active: 3 }), consultant('paused', { paused: true }), consultant('ok')]),
    ).toEqual(['ok']);
    expect(ids({ passed: ['exact'] }, fixture)[0]).toBe('subject-and-area');
  });

  it('breaks ties by remaining capacity, then availability overlap, then id — deterministically', () => {
    const tied = [
      consultant('b-busy', { active: 2 }),
      consultant('c-free'),
      consultant('a-free'),
      consultant('d-free-available', { availability: ['mon-pm', 'tue-pm'] }),
    ];
    expect(ids({}, tied)).toEqual(['d-free-available', 'a-free', 'c-free', 'b-busy']);
    expect(ids({}, [...tied].reverse())).toEqual(['d-free-available', 'a-free', 'c-free', 'b-busy']);
  });

  it('never offers the teacher their own request', () => {
    expect(ids({ teacherId: 'exact' }, fixture)).not.toContain('exact');
  });

  it('offers a request only to consultants offering its kind (old profiles and requests mean peer support)', () => {
    const kinds = [
      consultant('peer-only', { kinds: ['peer-support'] }),
      consultant('mentor-only', { kinds: ['mentorship'] }),
      consultant('both', { kinds: ['peer-support', 'mentorship'] }),
      consultant('old-profile'),
    ];
    expect(ids({ kind: 'mentorship' }, kinds)).toEqual(['both', 'mentor-only']);
    expect(ids({ kind: 'peer-support' }, kinds)).toEqual(['both', 'old-profile', 'peer-only']);
    expect(ids({}, kinds)).toEqual(['both', 'old-profile', 'peer-only']);
  });
});

describe('whyUnmatched', () => {
  const none = consultant('none', { grades: ['11'], subjects: ['french'], areas: ['resources'] });
  it('says nobody covers the request when no consultant has anything in common with it', () => {
    expect(whyUnmatched(need, [])).toBe('no-coverage');
    expect(whyUnmatched(need, [none, consultant('teacher')])).toBe('no-coverage');
  });
  it('says the teacher’s school or district excludes the ones who cover it', () => {
    expect(whyUnmatched(need, [none, consultant('same', { schoolHash: 'school-T' })])).toBe('excluded');
    expect(whyUnmatched(need, [consultant('same', { districtHash: 'district-T' })])).toBe('excluded');
  });
  it('says they declined when every one allowed passed on it', () => {
    expect(whyUnmatched({ ...need, passed: ['a', 'b'] }, [consultant('a'), consultant('b')])).toBe(
      'declined',
    );
  });
  it('says they are unavailable when those who fit are full or paused', () => {
    const cs = [consultant('full', { active: 3 }), consultant('away', { paused: true })];
    expect(rankConsultants(need, cs)).toEqual([]);
    expect(whyUnmatched(need, cs)).toBe('unavailable');
  });
});

describe('nearestMatches', () => {
  it('offers the subject in another grade band, or the grade band in another subject, in words only', () => {
    const cs = [
      consultant('maths-secondary', { grades: ['10', '11'] }),
      consultant('grade-2-science', { subjects: ['science'] }),
    ];
    expect(nearestMatches(need, cs)).toEqual([
      { widen: 'grade', matchedOn: 'mathematics, taught in grades 8 to 12' },
      { widen: 'subject', matchedOn: 'grade 2, in another subject' },
    ]);
    expect(JSON.stringify(nearestMatches(need, cs))).not.toMatch(/maths-secondary|grade-2-science/);
  });
  it('never suggests a consultant from the teacher’s school or district, nor once widened', () => {
    const same = consultant('maths-secondary', { grades: ['10'], schoolHash: 'school-T' });
    expect(nearestMatches(need, [same])).toEqual([]);
    expect(nearestMatches({ ...need, widen: 'grade' }, [consultant('x', { grades: ['10'] })])).toEqual([]);
  });
});

describe('withCommitment', () => {
  const now = Date.parse('2027-03-01T12:00:00Z');
  it('caps a volunteer at a few teachers', () => {
    expect(withCommitment(consultant('v', { commitment: 'volunteer', capacity: 10 }), now).capacity).toBe(3);
    expect(
      ids({}, [withCommitment(consultant('v', { commitment: 'volunteer', capacity: 9, active: 3 }), now)]),
    ).toEqual([]);
  });
  it('keeps a released consultant’s larger cap until the term ends, then no new requests', () => {
    const during = consultant('r', {
      commitment: 'released',
      capacity: 12,
      active: 8,
      termEndsAt: '2027-06-30',
    });
    expect(ids({}, [withCommitment(during, now)])).toEqual(['r']);
    const after = { ...during, termEndsAt: '2027-02-28' };
    expect(withCommitment(after, now).paused).toBe(true);
    expect(ids({}, [withCommitment(after, now)])).toEqual([]);
  });
});

describe('crosses', () => {
  it('pairs two teachers only when each offers something the other would like to learn', () => {
    const newTeacher = {
      offers: ['classroom-technology' as const],
      wants: ['classroom-management' as const],
    };
    const veteran = { offers: ['classroom-management' as const], wants: ['classroom-technology' as const] };
    const oneWay = { offers: ['classroom-management' as const], wants: ['assessment' as const] };
    expect(crosses(newTeacher, veteran)).toBe(true);
    expect(crosses(newTeacher, oneWay)).toBe(false);
  });
});
