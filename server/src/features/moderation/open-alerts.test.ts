import { describe, expect, it } from 'vitest';
import { createMemoryModerationStore } from './moderation.memory-store.js';
import type { ReportRecord } from './moderation.store.js';

/** Embedded mode: the alerts about one member are found whole, however long their group's queue is. */
const alert = (id: string, subjectId: string, createdAt: number, extra: Partial<ReportRecord> = {}) => ({
  id,
  groupId: 'g',
  seq: createdAt,
  reason: 'crisis' as const,
  note: '',
  reporterId: '',
  urgent: true,
  status: 'received' as const,
  createdAt,
  subjectId,
  ...extra,
});

describe('memory moderation store: open alerts about a member', () => {
  it('when an acknowledged alert sits behind more than 50 open urgent reports, then it is still found with the others; a handled one leaves', async () => {
    const store = createMemoryModerationStore();
    await store.createReport(alert('first', 'writer', 1), 'a1');
    for (let i = 0; i < 60; i++) await store.createReport(alert(`other-${i}`, 'other', 10 + i), `o${i}`);
    await store.createReport(alert('late', 'writer', 100), 'a2');
    await store.updateReport('late', { unacknowledged: true }, (r) => ({ ...r, acknowledgedAt: 101 }));
    await store.createReport(alert('elsewhere', 'writer', 102, { groupId: 'h' }), 'a3');
    expect((await store.openReports(['g'], 50)).map((r) => r.id)).not.toContain('late');

    const ids = async () => (await store.openAlertsAbout('g', 'writer')).map((r) => r.id);
    expect(await ids()).toEqual(['first', 'late']);
    await store.updateReport('late', { status: 'received' }, (r) => ({
      ...r,
      status: 'reviewed',
      resolvedAt: 103,
    }));
    expect(await ids()).toEqual(['first']);
  });
});
