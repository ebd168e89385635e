import { describe, expect, it } from 'vitest';
import type { CheckIn } from '@staffroom/shared/schemas/consultations';
import type { ConversationRecord } from './consultations.store.js';
import { recognitionCsv, recognitionRecord } from './recognition.js';

const at = (iso: string) => Date.parse(iso);
const convo = (id: string, teacherId: string, createdAt: number, closedAt?: number): ConversationRecord => ({
  id,
  teacherId,
  consultantId: 'consultant',
  teacherName: `Calm Heron ${id}`,
  consultantName: 'Sam',
  createdAt,
  status: closedAt ? 'closed' : 'active',
  closeProposedBy: null,
  feedbackDone: false,
  blocked: false,
  ...(closedAt ? { closedAt } : {}),
});
const checkIn = (startsAt: number, durationMinutes: number, status: CheckIn['status']): CheckIn => ({
  id: `c${startsAt}`,
  type: 'observation',
  startsAt,
  durationMinutes,
  proposedBy: 'consultant',
  status,
  note: null,
});

describe('recognition record', () => {
  const now = at('2026-12-06T12:00:00Z');
  const record = recognitionRecord(
    [
      {
        c: convo('a', 'teacher-a', at('2026-10-20T09:00:00Z'), at('2026-11-10T09:00:00Z')),
        checkIns: [
          checkIn(at('2026-10-22T15:00:00Z'), 45, 'accepted'),
          checkIn(at('2026-11-03T15:00:00Z'), 30, 'accepted'),
          checkIn(at('2026-11-05T15:00:00Z'), 60, 'declined'),
        ],
      },
      {
        c: convo('b', 'teacher-b', at('2026-11-20T09:00:00Z')),
        checkIns: [
          checkIn(at('2026-11-25T15:00:00Z'), 60, 'accepted'),
          // Agreed but not held yet: not counted.
          checkIn(at('2026-12-20T15:00:00Z'), 60, 'accepted'),
        ],
      },
    ],
    now,
  );

  it('counts hours of sessions held and teachers supported, per month', () => {
    expect(record.months).toEqual([
      { month: '2026-10', hours: 0.75, sessions: 1, teachers: 1 },
      { month: '2026-11', hours: 1.5, sessions: 2, teachers: 2 },
      { month: '2026-12', hours: 0, sessions: 0, teachers: 1 },
    ]);
    expect(record.totals).toEqual({ hours: 2.25, sessions: 3, teachers: 2 });
  });

  it('says nothing finer than the month and names nobody', () => {
    const csv = recognitionCsv(record);
    expect(csv.split('\r\n')[0]).toBe('month,hours,sessions,teachers_supported');
    expect(csv).toContain('total,2.25,3,2');
    for (const secret of ['teacher-a', 'teacher-b', 'Heron', '2026-10-22', '2026-11-25']) {
      expect(csv).not.toContain(secret);
      expect(JSON.stringify(record)).not.toContain(secret);
    }
  });
});
