import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import {
  ConsultantProfileBody,
  ConsultantProfileInput,
  FeedbackBody,
  ReciprocalBody,
  termEndMs,
  INTAKE_COPIES_MAX,
  INTAKE_COPIES_PER_PUT,
  IntakeNotesBody,
} from './consultations.js';

describe('sealed intake notes', () => {
  it('when every field of a notes body is at its largest, then it still fits the HTTP body limit', () => {
    const b64 = (n: number) => 'A'.repeat(n);
    const copy = { ciphertext: b64(2_800), iv: b64(32) };
    const body = {
      requestId: 'r'.repeat(64),
      self: copy,
      copies: Array.from({ length: INTAKE_COPIES_PER_PUT }, (_, i) => ({
        ...copy,
        consultantId: `${i}`.padEnd(64, 'c'),
        publicKey: 'k'.repeat(1_000),
      })),
    };
    expect(IntakeNotesBody.safeParse(body).success).toBe(true);
    expect(new TextEncoder().encode(JSON.stringify(body)).length).toBeLessThan(LIMITS.httpBodyBytes);
    // One more copy, or a longer ciphertext, is refused at the edge.
    const more = { ...body, copies: [...body.copies, { ...body.copies[0]!, consultantId: 'x' }] };
    expect(IntakeNotesBody.safeParse(more).success).toBe(false);
    expect(IntakeNotesBody.safeParse({ ...body, self: { ...copy, ciphertext: b64(2_804) } }).success).toBe(
      false,
    );
    expect(INTAKE_COPIES_MAX).toBeGreaterThan(INTAKE_COPIES_PER_PUT);
  });

  it('when the padded 2,048-byte note is sealed, then its base64 fits the ciphertext bound', () => {
    const sealedBytes = 2_048 + 16; // AES-GCM appends a 16-byte tag
    const b64Length = Math.ceil(sealedBytes / 3) * 4;
    const body = {
      requestId: 'r1',
      self: { ciphertext: 'A'.repeat(b64Length), iv: 'A'.repeat(16) },
      copies: [],
    };
    expect(IntakeNotesBody.safeParse(body).success).toBe(true);
  });
});

describe('free text in consultations is refused when it shows nothing', () => {
  const invisibleOnly = [
    '\u200b\u200b\u200b',
    '\u3164\u3164',
    '\u2800\u2800\u2800',
    '\u00ad\u200d\ufe0f',
    '\u0301\u0301\u0301',
  ];
  const profile = (extra: Record<string, unknown>) => ({
    displayName: 'Ms Grade Two Mentor',
    grades: ['2'],
    subjects: ['mathematics'],
    areas: ['classroom-management'],
    capacity: 3,
    availability: ['mon-pm'],
    paused: false,
    ...extra,
  });

  it('when a consultant display name, school or district is invisible-only, then the profile is refused', () => {
    expect(ConsultantProfileBody.safeParse(profile({ school: 'Cedar Park', district: '' })).success).toBe(
      true,
    );
    for (const text of invisibleOnly) {
      for (const field of ['displayName', 'school', 'district']) {
        expect(
          ConsultantProfileBody.safeParse(profile({ [field]: text })).success,
          `${field} ${JSON.stringify(text)}`,
        ).toBe(false);
      }
    }
    // Visible text among invisibles is still a name.
    expect(ConsultantProfileBody.safeParse(profile({ displayName: '\u200bMentor\u200b' })).success).toBe(
      true,
    );
  });

  it('when a feedback comment is invisible-only, then it is refused; empty or visible is accepted', () => {
    const body = (comment?: string) => ({
      helpfulness: 4,
      recommend: true,
      ...(comment === undefined ? {} : { comment }),
    });
    for (const text of invisibleOnly)
      expect(FeedbackBody.safeParse(body(text)).success, JSON.stringify(text)).toBe(false);
    expect(FeedbackBody.safeParse(body('')).success).toBe(true);
    expect(FeedbackBody.safeParse(body()).success).toBe(true);
    expect(FeedbackBody.safeParse(body('It helped.')).success).toBe(true);
  });
});

describe('volunteer and released consultants', () => {
  const base = {
    displayName: 'Science Guide',
    grades: ['4'],
    subjects: ['science'],
    areas: ['planning'],
    capacity: 3,
    availability: [],
    paused: false,
  };
  it('caps a volunteer at three, asks a released consultant for the last day of the release', () => {
    expect(ConsultantProfileInput.safeParse({ ...base, commitment: 'volunteer' }).success).toBe(true);
    expect(ConsultantProfileInput.safeParse({ ...base, commitment: 'volunteer', capacity: 4 }).success).toBe(
      false,
    );
    expect(ConsultantProfileInput.safeParse({ ...base, commitment: 'released', capacity: 12 }).success).toBe(
      false,
    );
    expect(
      ConsultantProfileInput.safeParse({
        ...base,
        commitment: 'released',
        capacity: 12,
        termEndsAt: '2027-06-30',
      }).success,
    ).toBe(true);
    expect(ConsultantProfileInput.safeParse({ ...base, termEndsAt: '30/06/2027' }).success).toBe(false);
    // Profiles saved before it existed: capacity as set.
    expect(ConsultantProfileInput.safeParse({ ...base, capacity: 20 }).success).toBe(true);
  });
  it('ends a term at the last moment of its day (UTC)', () => {
    expect(new Date(termEndMs('2027-06-30')).toISOString()).toBe('2027-06-30T23:59:59.999Z');
  });
});

describe('reciprocal mentorship opt-in', () => {
  it('takes areas from the fixed list only, one to three each side, never the same area both ways', () => {
    const ok = { offers: ['classroom-technology'], wants: ['classroom-management'] };
    expect(ReciprocalBody.safeParse(ok).success).toBe(true);
    expect(ReciprocalBody.safeParse({ ...ok, wants: ['classroom-technology'] }).success).toBe(false);
    expect(ReciprocalBody.safeParse({ ...ok, offers: ['my own words'] }).success).toBe(false);
    expect(ReciprocalBody.safeParse({ ...ok, offers: [] }).success).toBe(false);
    expect(
      ReciprocalBody.safeParse({ ...ok, offers: ['assessment', 'curriculum', 'planning', 'resources'] })
        .success,
    ).toBe(false);
    expect(ReciprocalBody.safeParse({ ...ok, note: 'hello' }).success).toBe(false);
  });
});
