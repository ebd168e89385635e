import { describe, expect, it } from 'vitest';
import type { QueueItem } from '@staffroom/shared/schemas/moderation';
import { nextSteps, urgentFirst } from './landing';

const item = (id: string, createdAt: number, extra: Partial<QueueItem> = {}): QueueItem => ({
  id,
  groupId: 'g1',
  groupName: 'Evenings',
  reason: 'harassment',
  note: '',
  urgent: false,
  automatic: false,
  status: 'received',
  createdAt,
  reporter: null,
  message: null,
  before: [],
  after: [],
  ...extra,
});

describe('the moderator landing page', () => {
  it('when the queue has urgent and ordinary items, then unacknowledged urgent ones come first, then acknowledged, then the oldest', () => {
    const items = [
      item('old', 1),
      item('ack', 2, { urgent: true, acknowledged: { by: 'Wren', at: 3 } }),
      item('new', 5),
      item('urgent', 4, { urgent: true }),
    ];
    expect(urgentFirst(items).map((i) => i.id)).toEqual(['urgent', 'ack', 'old', 'new']);
  });

  it('when an urgent alert waits, then the first step says to open it; the other reports come next', () => {
    const steps = nextSteps({
      groups: [{ id: 'g1', name: 'Evenings' }],
      items: [item('a', 1, { urgent: true }), item('b', 2), item('c', 3)],
    });
    expect(steps[0]).toMatch(/^Open the urgent alert first/);
    expect(steps[1]).toBe('Work through the 2 other open reports in the queue, oldest first.');
  });

  it('when nothing waits, or no group is appointed yet, then it says so', () => {
    expect(nextSteps({ groups: [{ id: 'g1', name: 'Evenings' }], items: [] })[0]).toMatch(/^Nothing waits/);
    const none = nextSteps({ groups: [], items: [] });
    expect(none).toHaveLength(1);
    expect(none[0]).toMatch(/^A coordinator has not appointed you/);
  });

  it('when the member an urgent alert is about has deleted their account, then it waits for nobody: it is ranked with the acknowledged ones and no step asks to open it', () => {
    const items = [
      item('left', 1, { urgent: true, reason: 'crisis', automatic: true, subjectErased: true }),
      item('urgent', 2, { urgent: true, acknowledged: null }),
    ];
    expect(urgentFirst(items).map((i) => i.id)).toEqual(['urgent', 'left']);
    const steps = nextSteps({ groups: [{ id: 'g1', name: 'Evenings' }], items: [items[0] as QueueItem] });
    expect(steps[0]).toBe('Work through the 1 other open report in the queue, oldest first.');
  });
});
