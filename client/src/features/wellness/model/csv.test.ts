import { describe, expect, it } from 'vitest';
import type { ProgrammeWellness } from '@staffroom/shared/schemas/wellness';
import { programmeCsv, tableCsv } from './csv';

const data: ProgrammeWellness = {
  k: 5,
  feedback: [],
  activity: {
    groups: 0,
    groupMembers: null,
    supportWaiting: null,
    supportActive: null,
    feedbackResponses: null,
  },
  activityWeeks: [],
  closingFeedback: [],
  weeks: [
    {
      week: '2026-10-05',
      teachers: null,
      respondents: 12,
      participation: null,
      groups: [
        {
          group: 'all',
          n: 12,
          suppressed: null,
          items: { stress: { counts: [1, 2, 3, 4, 2], skipped: 0, mean: 3.25, ci: [2.5, 4] } },
        },
        { group: 'neither', n: null, suppressed: 'complementary', items: null },
      ],
      cohorts: [],
    },
  ],
};

describe('programme CSV', () => {
  it('has one row per week, group and item, and says in words why a figure is hidden', () => {
    const lines = programmeCsv(data).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(
      /^"week","group","item","people","mean","ci_low","ci_high","skipped","answered_1"/,
    );
    expect(lines).toContain(
      '"2026-10-05","All teachers","stress","12","3.25","2.50","4.00","0","1","2","3","4","2",""',
    );
    const hidden = lines.find((l) => l.startsWith('"2026-10-05","Neither","stress"'));
    expect(hidden).toMatch(
      /^"2026-10-05","Neither","stress",("",){10}"Hidden: .*subtracting it from the total\."$/,
    );
  });
});

describe('a chart’s CSV', () => {
  it('quotes every cell and defuses what a spreadsheet would run', () => {
    expect(
      tableCsv(
        ['Week of', 'Messages'],
        [
          ['Oct 5', '12'],
          ['Oct 12', '=HYPERLINK("x")'],
        ],
      ),
    ).toBe('"Week of","Messages"\r\n"Oct 5","12"\r\n"Oct 12","\'=HYPERLINK(""x"")"\r\n');
  });
});
