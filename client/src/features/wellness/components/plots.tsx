import { AxisBottom, AxisLeft } from '@visx/axis';
import { GridRows } from '@visx/grid';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear, scalePoint } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';

/**
 * The pictures of the wellness charts, drawn with visx (SVG from React, no eval, no injected style sheet, so it
 * runs under the app's CSP). Colours and dash patterns come from CSS classes. This module is loaded on demand
 * (`chart-figure.tsx`), so visx is fetched only by the pages that chart something.
 */

export interface PlotPoint {
  y: number;
  /** A 95% interval, drawn as a bar. */
  lo?: number;
  hi?: number;
}
export interface PlotSeries {
  name: string;
  /** One of `chart__series--1` … `--4`. */
  tone: 1 | 2 | 3 | 4;
  /** One per x label; null where there is nothing to show (skipped, or hidden for privacy). Never interpolated. */
  points: (PlotPoint | null)[];
}

export interface PlotProps {
  kind: 'line' | 'bar';
  xLabels: string[];
  yMin: number;
  yMax: number;
  yTicks: { value: number; label: string }[];
  series: PlotSeries[];
  /** The SVG's accessible name and description (ids of elements outside it). */
  labelledBy: string;
}

const W = 640;
const H = 240;
const M = { top: 12, right: 16, bottom: 40, left: 48 };
const innerW = W - M.left - M.right;
const innerH = H - M.top - M.bottom;

const tickLabel = { className: 'chart__tick', fontSize: 12 } as const;

export default function Plot({ kind, xLabels, yMin, yMax, yTicks, series, labelledBy }: PlotProps) {
  const y = scaleLinear<number>({ domain: [yMin, yMax === yMin ? yMin + 1 : yMax], range: [innerH, 0] });
  const every = Math.max(1, Math.ceil(xLabels.length / 8));
  const shownLabels = xLabels.filter((_, i) => i % every === 0 || i === xLabels.length - 1);
  const tickValues = yTicks.map((t) => t.value);
  const tickText = new Map(yTicks.map((t) => [t.value, t.label]));

  const band = scaleBand<string>({ domain: xLabels, range: [0, innerW], padding: 0.25 });
  const point = scalePoint<string>({ domain: xLabels, range: [0, innerW], padding: 0.5 });
  const xAt = (i: number) =>
    kind === 'bar'
      ? (band(xLabels[i] as string) ?? 0) + band.bandwidth() / 2
      : (point(xLabels[i] as string) ?? 0);
  const xScale = kind === 'bar' ? band : point;
  const slot = band.bandwidth() / Math.max(1, series.length);

  return (
    <svg className="chart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={labelledBy}>
      <Group left={M.left} top={M.top}>
        <GridRows scale={y} width={innerW} tickValues={tickValues} className="chart__grid" />
        {series.map((s, si) => (
          <g key={s.name} className={`chart__series chart__series--${s.tone}`}>
            {kind === 'line' ? (
              <>
                <LinePath<PlotPoint | null>
                  data={s.points}
                  defined={(p) => p !== null}
                  x={(_p, i) => xAt(i)}
                  y={(p) => y(p?.y ?? yMin)}
                  className="chart__line"
                />
                {s.points.map((p, i) =>
                  p ? (
                    <g key={i}>
                      {p.lo !== undefined && p.hi !== undefined && (
                        <line className="chart__ci" x1={xAt(i)} x2={xAt(i)} y1={y(p.lo)} y2={y(p.hi)} />
                      )}
                      <circle className="chart__dot" cx={xAt(i)} cy={y(p.y)} r={4} />
                    </g>
                  ) : null,
                )}
              </>
            ) : (
              s.points.map((p, i) =>
                p ? (
                  <Bar
                    key={i}
                    className="chart__bar"
                    x={(band(xLabels[i] as string) ?? 0) + si * slot}
                    y={y(p.y)}
                    width={Math.max(1, slot - 2)}
                    height={Math.max(0, innerH - y(p.y))}
                  />
                ) : null,
              )
            )}
          </g>
        ))}
        <AxisLeft
          scale={y}
          tickValues={tickValues}
          tickFormat={(v) => tickText.get(Number(v)) ?? String(v)}
          tickLabelProps={tickLabel}
          axisClassName="chart__axis"
          hideTicks
        />
        <AxisBottom
          top={innerH}
          scale={xScale}
          tickValues={shownLabels}
          tickLabelProps={tickLabel}
          axisClassName="chart__axis"
          hideTicks
        />
      </Group>
    </svg>
  );
}
