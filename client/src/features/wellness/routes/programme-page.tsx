import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
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
import { TrendChart, type ChartSeries } from '../components/trend-chart';
import { programmeCsv, suppressionText } from '../model/csv';
import '../wellness.css';

const load = () => wellnessApi.programme(12);
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const shortWeek = (week: string) =>
  new Date(`${week}T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

/** The comparisons a coordinator can chart: everyone, the three cohorts, or first-year vs the rest. */
const VIEWS: { id: string; label: string; groups: PulseGroup[] }[] = [
  { id: 'all', label: 'All teachers', groups: ['all'] },
  { id: 'cohorts', label: 'By support received', groups: ['one-to-one', 'groups-only', 'neither'] },
  { id: 'bands', label: 'First-year vs others', groups: ['first-year', 'not-first-year'] },
];

const groupOf = (week: WeekFigures, group: PulseGroup) => week.groups.find((g) => g.group === group);

function Cell({ g, item, k }: { g: GroupFigures | undefined; item: string; k: number }) {
  if (!g || g.suppressed || !g.items) {
    return <td className="suppressed">{g?.suppressed ? suppressionText(g.suppressed, k) : 'No data'}</td>;
  }
  const f = g.items[item as keyof typeof g.items];
  if (!f) return <td>–</td>;
  return (
    <td>
      {f.mean === null || !f.ci
        ? `Too few answers for a mean (${f.counts.reduce((s, x) => s + x, 0)} of ${g.n})`
        : `${oneDecimal.format(f.mean)} (95% ${oneDecimal.format(f.ci[0])}–${oneDecimal.format(f.ci[1])})`}
      <br />
      <span className="figure-detail">
        n = {g.n}; answers {f.counts.join(' / ')}; skipped {f.skipped}
      </span>
    </td>
  );
}

function ItemCharts({ data, view }: { data: ProgrammeWellness; view: (typeof VIEWS)[number] }) {
  const weeks = data.weeks;
  return (
    <>
      {PULSE_ITEMS.map((item) => {
        const series: ChartSeries[] = view.groups.map((group, i) => ({
          name: GROUP_LABELS[group],
          tone: (i + 1) as 1 | 2 | 3,
          points: weeks.map((w) => {
            const f = groupOf(w, group)?.items?.[item.id];
            return f && f.mean !== null && f.ci ? { y: f.mean, lo: f.ci[0], hi: f.ci[1] } : null;
          }),
        }));
        const hidden = weeks.filter((w) => view.groups.some((g) => groupOf(w, g)?.suppressed)).length;
        return (
          <TrendChart
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
            table={
              <table className="data-table">
                <caption className="visually-hidden">{item.question}</caption>
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    {view.groups.map((g) => (
                      <th key={g} scope="col">
                        {GROUP_LABELS[g]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {weeks.map((w) => (
                    <tr key={w.week}>
                      <th scope="row">{shortWeek(w.week)}</th>
                      {view.groups.map((g) => (
                        <Cell key={g} g={groupOf(w, g)} item={item.id} k={data.k} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        );
      })}
    </>
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
                Download CSV
              </a>
            )}
            <Button variant="secondary" onClick={() => window.print()}>
              Print report
            </Button>
          </div>

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
                {data.weeks.map((w) => (
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
          </section>

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

          <section className="section panel" aria-labelledby="activity">
            <h2 id="activity">Programme activity</h2>
            <dl className="facts">
              <div>
                <dt>Groups</dt>
                <dd>{data.activity.groups}</dd>
              </div>
              <div>
                <dt>Group memberships</dt>
                <dd>{data.activity.groupMembers ?? `Fewer than ${data.k}`}</dd>
              </div>
              <div>
                <dt>Waiting for one-to-one support</dt>
                <dd>{data.activity.supportWaiting ?? `Fewer than ${data.k}`}</dd>
              </div>
              <div>
                <dt>In one-to-one support now</dt>
                <dd>{data.activity.supportActive ?? `Fewer than ${data.k}`}</dd>
              </div>
              <div>
                <dt>Closing feedback: helpfulness</dt>
                <dd>
                  {data.activity.meanHelpfulness === null
                    ? `Fewer than ${data.k} responses`
                    : `${oneDecimal.format(data.activity.meanHelpfulness)} / 5 (${data.activity.feedbackResponses} responses)`}
                </dd>
              </div>
            </dl>
          </section>
        </>
      )}
    </>
  );
}
