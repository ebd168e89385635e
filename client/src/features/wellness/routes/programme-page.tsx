import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  COHORT_LABELS,
  GROUP_LABELS,
  PULSE_ITEMS,
  type GroupFigures,
  type ProgrammeWellness,
  type PulseGroup,
  type WeekFigures,
} from '@staffroom/shared/schemas/wellness';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { wellnessApi } from '../api/wellness-api';
import { ChartFigure } from '../components/chart-figure';
import type { PlotSeries } from '../components/plots';
import { ActivitySection } from '../components/activity-section';
import { programmeCsv, suppressionText } from '../model/csv';
import { oneDecimal, percent, shortWeek } from '../model/format';
import '../wellness.css';

const load = () => wellnessApi.programme(12);

/** The comparisons a coordinator can chart: everyone, the three cohorts, or first-year vs the rest. */
const VIEWS: { id: string; label: string; groups: PulseGroup[] }[] = [
  { id: 'all', label: 'All teachers', groups: ['all'] },
  { id: 'cohorts', label: 'By support received', groups: ['one-to-one', 'groups-only', 'neither'] },
  { id: 'bands', label: 'First-year vs others', groups: ['first-year', 'not-first-year'] },
];

const groupOf = (week: WeekFigures, group: PulseGroup) => week.groups.find((g) => g.group === group);

/** One group's figures for one item, as the text of a table cell. */
function cellText(g: GroupFigures | undefined, item: string, k: number): string {
  if (!g || g.suppressed || !g.items) return g?.suppressed ? suppressionText(g.suppressed, k) : 'No data';
  const f = g.items[item as keyof typeof g.items];
  if (!f) return '–';
  const mean =
    f.mean === null || !f.ci
      ? `Too few answers for a mean (${f.counts.reduce((s, x) => s + x, 0)} of ${g.n})`
      : `${oneDecimal.format(f.mean)} (95% ${oneDecimal.format(f.ci[0])}–${oneDecimal.format(f.ci[1])})`;
  return `${mean}; n = ${g.n}; answers ${f.counts.join(' / ')}; skipped ${f.skipped}`;
}

function ItemCharts({ data, view }: { data: ProgrammeWellness; view: (typeof VIEWS)[number] }) {
  const weeks = data.weeks;
  return (
    <>
      {PULSE_ITEMS.map((item) => {
        const series: PlotSeries[] = view.groups.map((group, i) => ({
          name: GROUP_LABELS[group],
          tone: (i + 1) as 1 | 2 | 3,
          points: weeks.map((w) => {
            const f = groupOf(w, group)?.items?.[item.id];
            return f && f.mean !== null && f.ci ? { y: f.mean, lo: f.ci[0], hi: f.ci[1] } : null;
          }),
        }));
        const hidden = weeks.filter((w) => view.groups.some((g) => groupOf(w, g)?.suppressed)).length;
        return (
          <ChartFigure
            key={item.id}
            title={`${item.question.split('?')[0]}? — weekly mean with 95% interval`}
            summary={`Weekly mean answer (1 to ${item.labels.length}; ${
              item.higherIsWorse ? 'higher means harder' : 'higher means better'
            }) for ${view.groups.map((g) => GROUP_LABELS[g]).join(', ')}. ${
              hidden > 0
                ? `${hidden} week(s) have hidden figures to protect privacy; the table says why.`
                : ''
            }`}
            xLabels={weeks.map((w) => shortWeek(w.week))}
            yMin={1}
            yMax={item.labels.length}
            yTicks={item.labels.map((label, i) => ({ value: i + 1, label: String(i + 1) }))}
            series={series}
            table={{
              columns: ['Week of', ...view.groups.map((g) => GROUP_LABELS[g])],
              rows: weeks.map((w) => [
                shortWeek(w.week),
                ...view.groups.map((g) => cellText(groupOf(w, g), item.id, data.k)),
              ]),
            }}
            csvName={`pulse-${item.id}-${view.id}`}
          />
        );
      })}
    </>
  );
}

const cohortCell = (c: WeekFigures['cohorts'][number], k: number) =>
  c.participation === null || c.teachers === null
    ? c.suppressed === 'fewer-than-k'
      ? `Hidden: fewer than ${k} teachers in this group, or fewer than ${k} of them did not answer`
      : 'Hidden: it would let a smaller figure be worked out by subtraction'
    : `${percent.format(c.participation)} of ${c.teachers}`;

/** Who took the pulse, overall and per support cohort, week by week. */
function ParticipationSection({ data }: { data: ProgrammeWellness }) {
  const weeks = data.weeks;
  const cohortOf = (w: WeekFigures, c: string) => w.cohorts.find((x) => x.cohort === c);
  return (
    <section className="section panel" aria-labelledby="participation">
      <h2 id="participation">Participation</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Took the pulse</th>
            <th scope="col">Teachers signed up</th>
            <th scope="col">Participation</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}>
              <th scope="row">{shortWeek(w.week)}</th>
              <td>{w.respondents ?? <span className="suppressed">Fewer than {data.k}</span>}</td>
              <td>{w.teachers ?? <span className="suppressed">Hidden</span>}</td>
              <td>
                {w.participation === null ? (
                  <span className="suppressed">
                    Hidden: fewer than {data.k} teachers took it, or fewer than {data.k} did not.
                  </span>
                ) : (
                  percent.format(w.participation)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChartFigure
        title="Participation by support received — share of each group’s teachers who took the pulse"
        summary={`Weekly participation, in percent, of all teachers and of teachers in one-to-one support, in groups only, and in neither. Hidden weeks are gaps; the table says why.`}
        xLabels={weeks.map((w) => shortWeek(w.week))}
        yMin={0}
        yMax={100}
        yTicks={[0, 25, 50, 75, 100].map((v) => ({ value: v, label: `${v}%` }))}
        series={[
          {
            name: 'All teachers',
            tone: 4,
            points: weeks.map((w) => (w.participation === null ? null : { y: w.participation * 100 })),
          },
          ...(['one-to-one', 'groups-only', 'neither'] as const).map((c, i) => ({
            name: COHORT_LABELS[c],
            tone: (i + 1) as 1 | 2 | 3,
            points: weeks.map((w) => {
              const p = cohortOf(w, c)?.participation;
              return p === null || p === undefined ? null : { y: p * 100 };
            }),
          })),
        ]}
        table={{
          columns: ['Week of', 'All teachers', ...Object.values(COHORT_LABELS)],
          rows: weeks.map((w) => [
            shortWeek(w.week),
            w.participation === null || w.teachers === null
              ? `Hidden: fewer than ${data.k} took it, or fewer than ${data.k} did not`
              : `${percent.format(w.participation)} of ${w.teachers}`,
            ...(['one-to-one', 'groups-only', 'neither'] as const).map((c) => {
              const x = cohortOf(w, c);
              return x ? cohortCell(x, data.k) : 'No data';
            }),
          ]),
        }}
        csvName="pulse-participation"
      />
      <p className="figure-detail">
        Each group’s teachers are counted when the week closes. First-year teachers have no participation
        rate: the band is said only on the pulse, so how many first-year teachers there are is not known.
        Their answers are compared under “Weekly trends”.
      </p>
    </section>
  );
}

/** Coordinators: is the programme helping? Closed weeks only, every figure about at least k people. */
export function ProgrammePage() {
  const programme = useResource(load);
  const [viewId, setViewId] = useState('all');
  const view = VIEWS.find((v) => v.id === viewId) ?? (VIEWS[0] as (typeof VIEWS)[number]);
  const data = programme.data;
  const csvHref = useMemo(
    () => (data ? URL.createObjectURL(new Blob([programmeCsv(data)], { type: 'text/csv' })) : null),
    [data],
  );
  useEffect(() => () => (csvHref ? URL.revokeObjectURL(csvHref) : undefined), [csvHref]);
  // The printed report shows the tables too: open every "show as a table" before printing.
  useEffect(() => {
    const open = () => document.querySelectorAll('details').forEach((d) => (d.open = true));
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);

  const latest = data?.weeks.at(-1);
  const hiddenLatest = latest?.groups.filter((g) => g.suppressed) ?? [];

  return (
    <>
      <PageTitle documentTitle="Programme">Programme: wellness and activity</PageTitle>
      <p className="lead">
        Weekly pulse results and programme activity, as totals only. No figure here rests on fewer than{' '}
        {data?.k ?? 5} people, even by subtracting one figure from another; hidden figures say why.{' '}
        <Link to={paths.pulseAbout.getHref()}>About the pulse and its sources</Link>
      </p>
      {programme.error && <Alert>{programme.error}</Alert>}
      {!data ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <div className="programme-actions">
            {csvHref && (
              <a className="button button--secondary" href={csvHref} download="staffroom-pulse.csv">
                Download all pulse figures (CSV)
              </a>
            )}
            <Button variant="secondary" onClick={() => window.print()}>
              Print report
            </Button>
          </div>

          <ParticipationSection data={data} />

          {hiddenLatest.length > 0 && latest && (
            <section className="section panel" aria-labelledby="hidden-title">
              <h2 id="hidden-title">Why some figures are hidden (week of {shortWeek(latest.week)})</h2>
              <ul>
                {hiddenLatest.map((g) => (
                  <li key={g.group}>
                    <strong>{GROUP_LABELS[g.group]}:</strong>{' '}
                    {suppressionText(g.suppressed ?? 'fewer-than-k', data.k)}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="section panel" aria-labelledby="trends">
            <h2 id="trends">Weekly trends</h2>
            <fieldset className="pulse-form__options">
              <legend>Compare</legend>
              {VIEWS.map((v) => (
                <label key={v.id}>
                  <input
                    type="radio"
                    name="programme-view"
                    value={v.id}
                    checked={viewId === v.id}
                    onChange={() => setViewId(v.id)}
                  />
                  {v.label}
                </label>
              ))}
            </fieldset>
            <ItemCharts data={data} view={view} />
          </section>

          <section className="section panel" aria-labelledby="feedback-title">
            <h2 id="feedback-title">Anonymous feedback box</h2>
            {data.feedback.length === 0 ? (
              <p className="empty">
                No comments to show yet. Comments appear together once at least {data.k} have come in, so none
                can be traced to the week someone wrote it alone.
              </p>
            ) : (
              data.feedback
                .slice()
                .reverse()
                .map((batch) => (
                  <section
                    key={batch.from}
                    aria-label={`Comments, weeks of ${shortWeek(batch.from)} to ${shortWeek(batch.to)}`}
                  >
                    <h3>
                      Weeks of {shortWeek(batch.from)}
                      {batch.to !== batch.from ? ` to ${shortWeek(batch.to)}` : ''} ({batch.comments.length}{' '}
                      comments, in alphabetical order)
                    </h3>
                    <ul>
                      {batch.comments.map((c, i) => (
                        <li key={i}>{c}</li>
                      ))}
                    </ul>
                  </section>
                ))
            )}
            <p>Comments from the latest weeks wait until there are at least {data.k} of them.</p>
          </section>

          <ActivitySection data={data} />
        </>
      )}
    </>
  );
}
