import { Suspense, lazy, useEffect, useId, useMemo } from 'react';
import { tableCsv } from '../model/csv';
import type { PlotSeries } from './plots';

/** visx and the drawing code come in their own chunk, on the first chart a page shows. */
const Plot = lazy(() => import('./plots'));

export interface ChartTable {
  /** Column headings; the first column heads the row labels. */
  columns: string[];
  /** One row per x label: its label first, then one cell per column, as text. */
  rows: string[][];
}

/**
 * One chart as a figure: a title, the picture (a line or bar chart), a legend when there are several series,
 * the same numbers as a table (for screen readers, and anyone who prefers numbers) and as a CSV download.
 */
export function ChartFigure({
  title,
  summary,
  kind = 'line',
  xLabels,
  yMin,
  yMax,
  yTicks,
  series,
  table,
  csvName,
}: {
  title: string;
  /** One sentence a screen reader hears for the picture. */
  summary: string;
  kind?: 'line' | 'bar';
  xLabels: string[];
  yMin: number;
  yMax: number;
  yTicks: { value: number; label: string }[];
  series: PlotSeries[];
  table: ChartTable;
  /** The downloaded file's name, without ".csv". */
  csvName: string;
}) {
  const id = useId();
  const csv = tableCsv(table.columns, table.rows);
  const csvHref = useMemo(() => URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), [csv]);
  useEffect(() => () => URL.revokeObjectURL(csvHref), [csvHref]);

  return (
    <figure className="chart">
      <figcaption className="chart__title" id={`${id}-t`}>
        {title}
      </figcaption>
      <p className="visually-hidden" id={`${id}-d`}>
        {summary}
      </p>
      <Suspense fallback={<p className="chart__loading">Drawing the chart…</p>}>
        <Plot
          kind={kind}
          xLabels={xLabels}
          yMin={yMin}
          yMax={yMax}
          yTicks={yTicks}
          series={series}
          labelledBy={`${id}-t ${id}-d`}
        />
      </Suspense>
      {series.length > 1 && (
        <ul className="chart__legend">
          {series.map((s) => (
            <li key={s.name}>
              <span className={`chart__swatch chart__swatch--${s.tone}`} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <details className="chart__table">
        <summary>Show the numbers as a table</summary>
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className={cell.startsWith('Hidden') ? 'suppressed' : undefined}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <a className="chart__download" href={csvHref} download={`${csvName}.csv`}>
        Download this chart’s numbers (CSV)<span className="visually-hidden">: {title}</span>
      </a>
    </figure>
  );
}
