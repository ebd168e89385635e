import { useId, type ReactNode } from 'react';

export interface ChartPoint {
  y: number;
  /** A 95% interval, drawn as a bar. */
  lo?: number;
  hi?: number;
}
export interface ChartSeries {
  name: string;
  /** One of `trend-chart__series--1` … `--4` (colours and dash patterns in CSS, so no inline style). */
  tone: 1 | 2 | 3 | 4;
  /** One per x label; null where there is nothing to show (skipped, or hidden for privacy). */
  points: (ChartPoint | null)[];
}

const W = 640;
const H = 240;
const M = { top: 12, right: 16, bottom: 40, left: 44 };

/**
 * A small line chart drawn as SVG with classes only (it works under a CSP without 'unsafe-inline'), with the
 * same numbers as a table for screen readers and anyone who prefers them. Gaps are gaps, never interpolated.
 */
export function TrendChart({
  title,
  summary,
  xLabels,
  yMin,
  yMax,
  yTicks,
  series,
  table,
}: {
  title: string;
  /** One sentence a screen reader hears for the picture. */
  summary: string;
  xLabels: string[];
  yMin: number;
  yMax: number;
  yTicks: { value: number; label: string }[];
  series: ChartSeries[];
  /** The data-table alternative. */
  table: ReactNode;
}) {
  const id = useId();
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (xLabels.length <= 1 ? innerW / 2 : (i * innerW) / (xLabels.length - 1));
  const y = (v: number) => M.top + innerH - ((v - yMin) / (yMax - yMin || 1)) * innerH;
  const every = Math.max(1, Math.ceil(xLabels.length / 8));

  return (
    <figure className="trend-chart">
      <figcaption className="trend-chart__title" id={`${id}-t`}>
        {title}
      </figcaption>
      <svg
        className="trend-chart__svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        preserveAspectRatio="xMidYMid meet"
      >
        <desc id={`${id}-d`}>{summary}</desc>
        {yTicks.map((t) => (
          <g key={t.value}>
            <line
              className="trend-chart__grid"
              x1={M.left}
              x2={W - M.right}
              y1={y(t.value)}
              y2={y(t.value)}
            />
            <text className="trend-chart__tick" x={M.left - 6} y={y(t.value) + 4} textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        {xLabels.map((label, i) =>
          i % every === 0 || i === xLabels.length - 1 ? (
            <text
              key={label}
              className="trend-chart__tick"
              x={x(i)}
              y={H - M.bottom + 18}
              textAnchor="middle"
            >
              {label}
            </text>
          ) : null,
        )}
        {series.map((s) => {
          const segments: string[] = [];
          let current = '';
          s.points.forEach((p, i) => {
            if (!p) {
              if (current) segments.push(current);
              current = '';
              return;
            }
            current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.y).toFixed(1)}`;
          });
          if (current) segments.push(current);
          return (
            <g key={s.name} className={`trend-chart__series trend-chart__series--${s.tone}`}>
              {segments.map((d) => (
                <path key={d} className="trend-chart__line" d={d} />
              ))}
              {s.points.map((p, i) =>
                p ? (
                  <g key={i}>
                    {p.lo !== undefined && p.hi !== undefined && (
                      <line className="trend-chart__ci" x1={x(i)} x2={x(i)} y1={y(p.lo)} y2={y(p.hi)} />
                    )}
                    <circle className="trend-chart__dot" cx={x(i)} cy={y(p.y)} r={4} />
                  </g>
                ) : null,
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <ul className="trend-chart__legend">
          {series.map((s) => (
            <li key={s.name}>
              <span className={`trend-chart__swatch trend-chart__swatch--${s.tone}`} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <details className="trend-chart__table">
        <summary>Show the numbers as a table</summary>
        {table}
      </details>
    </figure>
  );
}
