import { PULSE_ITEMS, type HistoryEntry } from '@staffroom/shared/schemas/wellness';
import { TrendChart } from './trend-chart';

const shortWeek = (week: string) =>
  new Date(`${week}T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

/** The teacher's own answers, week by week, one small chart per question (scales differ). */
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
          <TrendChart
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
            table={
              <table className="data-table">
                <caption className="visually-hidden">{item.question}</caption>
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col">Your answer</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => {
                    const v = e.answers[item.id];
                    return (
                      <tr key={e.week}>
                        <th scope="row">{shortWeek(e.week)}</th>
                        <td>{v === undefined ? 'Skipped' : `${v} – ${item.labels[v - 1] ?? ''}`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            }
          />
        );
      })}
    </div>
  );
}
