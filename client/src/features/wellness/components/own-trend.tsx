import { PULSE_ITEMS, type HistoryEntry } from '@staffroom/shared/schemas/wellness';
import { shortWeek } from '../model/format';
import { ChartFigure } from './chart-figure';

/** The teacher's own answers, week by week, one small chart per question (scales differ). Drawn on the device. */
export function OwnTrend({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0)
    return <p className="empty">Your trend appears here once you have taken a pulse.</p>;
  const weeks = entries.map((e) => shortWeek(e.week));
  return (
    <div className="own-trend">
      {PULSE_ITEMS.map((item) => {
        const points = entries.map((e) => {
          const v = e.answers[item.id];
          return v === undefined ? null : { y: v };
        });
        const answered = points.filter((p) => p !== null).length;
        return (
          <ChartFigure
            key={item.id}
            title={item.question}
            summary={`Your answers over ${entries.length} week${entries.length === 1 ? '' : 's'}, ${answered} answered; ${
              item.higherIsWorse ? 'higher means harder' : 'higher means better'
            }. The table below lists each week.`}
            xLabels={weeks}
            yMin={1}
            yMax={item.labels.length}
            yTicks={item.labels.map((_, i) => ({ value: i + 1, label: String(i + 1) }))}
            series={[{ name: 'You', tone: 1, points }]}
            table={{
              columns: ['Week of', 'Your answer'],
              rows: entries.map((e) => {
                const v = e.answers[item.id];
                return [
                  shortWeek(e.week),
                  v === undefined ? 'Skipped' : `${v} – ${item.labels[v - 1] ?? ''}`,
                ];
              }),
            }}
            csvName={`my-pulse-${item.id}`}
          />
        );
      })}
    </div>
  );
}
