import { describe, expect, it } from 'vitest';
import { rankConsultants, whyUnmatched, type Candidate, type Need } from './matching.js';

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
    consultant('subject-and-area', { grades: ['5'] }),
    consultant('nothing-in-common', { grades: ['11'], subjects: ['french'], areas: ['resources'] }),
  ];

  it('ranks by grades and subjects in common, then the area of focus, and explains the match', () => {
    const ranked = rankConsultants(need, fixture);
    expect(ranked.map((r) => r.accountId)).toEqual(['exact', 'subject-and-area', 'grade-only', 'area-only']);
    expect(ranked[0]?.matchedOn).toBe('grade 2, mathematics, classroom management');
    expect(ranked.at(-1)?.matchedOn).toBe('classroom management');
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
