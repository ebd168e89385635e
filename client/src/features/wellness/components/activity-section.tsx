import {
  ENDING_LABELS,
  ENDINGS,
  LENGTH_BUCKETS,
  MATCH_BUCKETS,
  type ActivityWeek,
  type ProgrammeWellness,
  type SplitFigures,
} from '@staffroom/shared/schemas/wellness';
import { hiddenCell } from '../model/csv';
import { monthName, oneDecimal, percent, shortWeek } from '../model/format';
import { ChartFigure } from './chart-figure';

const NOT_RECORDED = 'Not recorded';

/** A people count, or why it is not shown. */
const countText = (w: ActivityWeek, n: number | null, k: number) =>
  !w.recorded ? NOT_RECORDED : n === null ? hiddenCell('fewer-than-k', k) : String(n);

/** "under a day: 6; 1 to 3 days: hidden …": a split in words. */
const splitText = (labels: readonly string[], split: SplitFigures, k: number) =>
  labels
    .map((label, i) => {
      const n = split.counts[i];
      return `${label}: ${n === null || n === undefined ? hiddenCell(split.suppressed[i] ?? null, k) : n}`;
    })
    .join('; ');

/** A bar's height, or a gap when the figure is hidden or was not recorded. */
const bar = (n: number | null | undefined) => (n === null || n === undefined ? null : { y: n });

/** Scale ticks from 0 to a round number at or above the largest bar. */
function countTicks(values: (number | null | undefined)[]) {
  const max = Math.max(5, ...values.map((v) => v ?? 0));
  const step = 10 ** Math.floor(Math.log10(max));
  const top = Math.ceil(max / step) * step;
  const ticks = [0, top / 4, top / 2, (3 * top) / 4, top].map((v) => ({
    value: v,
    label: Number.isInteger(v) ? String(v) : v.toFixed(1),
  }));
  return { top, ticks };
}

/** Programme activity as counts and aggregates: group activity, one-to-one support, closing feedback. */
export function ActivitySection({ data }: { data: ProgrammeWellness }) {
  const { k } = data;
  const weeks = data.activityWeeks;
  const xLabels = weeks.map((w) => shortWeek(w.week));
  const messages = countTicks(weeks.map((w) => w.messages));
  const support = countTicks(weeks.flatMap((w) => [w.requests, w.matched?.n, w.ended?.n]));

  return (
    <section className="section panel" aria-labelledby="activity">
      <h2 id="activity">Programme activity</h2>
      <p>
        Counts only, never content or names. A week’s group figures are shown when at least {k} people posted
        in groups that week; each one-to-one figure when it is about at least {k} people. Within a figure, a
        category of fewer than {k} is hidden, and so is the next smallest when subtracting could reveal it.
      </p>

      <h3>Now</h3>
      <dl className="facts">
        <div>
          <dt>Groups</dt>
          <dd>{data.activity.groups}</dd>
        </div>
        <div>
          <dt>Group memberships</dt>
          <dd>{data.activity.groupMembers ?? `Fewer than ${k}`}</dd>
        </div>
        <div>
          <dt>Waiting for one-to-one support</dt>
          <dd>{data.activity.supportWaiting ?? `Fewer than ${k}`}</dd>
        </div>
        <div>
          <dt>In one-to-one support now</dt>
          <dd>{data.activity.supportActive ?? `Fewer than ${k}`}</dd>
        </div>
      </dl>

      <ChartFigure
        kind="bar"
        title="Messages in groups per week"
        summary="Messages posted in all groups each week, as bars. Weeks with fewer than the minimum number of people posting are gaps; the table also lists people who posted, active groups and meetings held."
        xLabels={xLabels}
        yMin={0}
        yMax={messages.top}
        yTicks={messages.ticks}
        series={[{ name: 'Messages', tone: 1, points: weeks.map((w) => bar(w.messages)) }]}
        table={{
          columns: ['Week of', 'People who posted', 'Active groups', 'Messages', 'Meetings held'],
          rows: weeks.map((w) => [
            shortWeek(w.week),
            countText(w, w.activeMembers, k),
            countText(w, w.activeGroups, k),
            countText(w, w.messages, k),
            countText(w, w.meetings, k),
          ]),
        }}
        csvName="activity-groups"
      />

      <ChartFigure
        kind="bar"
        title="One-to-one support per week: requests, matches and endings"
        summary="Bars per week for one-to-one requests made, requests matched, and support that ended. Hidden figures are gaps; the table gives the wait for a match, the length of support and how it ended."
        xLabels={xLabels}
        yMin={0}
        yMax={support.top}
        yTicks={support.ticks}
        series={[
          { name: 'Requests made', tone: 1, points: weeks.map((w) => bar(w.requests)) },
          { name: 'Matched', tone: 2, points: weeks.map((w) => bar(w.matched?.n)) },
          { name: 'Ended', tone: 3, points: weeks.map((w) => bar(w.ended?.n)) },
        ]}
        table={{
          columns: [
            'Week of',
            'Requests made',
            'Matched',
            'Median wait for a match',
            'Wait for a match',
            'Ended',
            'Median length of support',
            'How support ended',
            'Length of support',
          ],
          rows: weeks.map((w) => {
            const hidden = w.recorded ? hiddenCell('fewer-than-k', k) : NOT_RECORDED;
            const m = w.matched;
            const e = w.ended;
            return [
              shortWeek(w.week),
              countText(w, w.requests, k),
              m ? String(m.n) : hidden,
              !m ? hidden : m.medianHours === null ? 'Hidden with its groups' : waitText(m.medianHours),
              m ? splitText(MATCH_BUCKETS, m.buckets, k) : hidden,
              e ? String(e.n) : hidden,
              !e ? hidden : e.medianDays === null ? 'Hidden with its groups' : `${e.medianDays} days`,
              e
                ? splitText(
                    ENDINGS.map((x) => ENDING_LABELS[x]),
                    e.endings,
                    k,
                  )
                : hidden,
              e ? splitText(LENGTH_BUCKETS, e.lengths, k) : hidden,
            ];
          }),
        }}
        csvName="activity-one-to-one"
      />

      {data.closingFeedback.length === 0 ? (
        <p className="empty">No closing feedback from a finished month yet.</p>
      ) : (
        <ChartFigure
          title="Closing feedback: how helpful was the support? (mean, 1 to 5, by month)"
          summary="Mean helpfulness score given when one-to-one support ended, per month, on a scale of 1 to 5 where higher is better. Months with too few responses are gaps."
          xLabels={data.closingFeedback.map((m) => monthName(m.month))}
          yMin={1}
          yMax={5}
          yTicks={[1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v) }))}
          series={[
            {
              name: 'Mean helpfulness',
              tone: 1,
              points: data.closingFeedback.map((m) => bar(m.meanHelpfulness)),
            },
          ]}
          table={{
            columns: ['Month', 'Responses', 'Mean helpfulness', 'Scores', 'Would recommend'],
            rows: data.closingFeedback.map((m) => [
              monthName(m.month),
              m.n === null ? hiddenCell('fewer-than-k', k) : String(m.n),
              m.meanHelpfulness === null ? 'Hidden' : `${oneDecimal.format(m.meanHelpfulness)} / 5`,
              m.scores ? splitText(['1', '2', '3', '4', '5'], m.scores, k) : 'Hidden',
              m.recommend === null ? 'Hidden' : percent.format(m.recommend),
            ]),
          }}
          csvName="closing-feedback"
        />
      )}
    </section>
  );
}

/** "5 hours", "2.5 days". */
function waitText(hours: number): string {
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${oneDecimal.format(hours / 24)} days`;
}
