/** One point of a trend, already in chart terms (the page maps API values to these). */
export interface TrendPoint {
  /** Bucket label on the x axis, e.g. "12 Mar". */
  x: string;
  y: number | null;
  /** Band around y (e.g. NPS ± its margin of error), as given by the API. */
  lo?: number | undefined;
  hi?: number | undefined;
  /** Tooltip text (n, margin…). */
  note: string;
  /** Where clicking the point goes (the responses behind it). */
  href?: string | undefined;
  /** A significant change the API flagged, or too few answers to read. */
  mark?: 'up' | 'down' | 'small' | undefined;
}
export interface TrendSeries {
  name: string;
  points: TrendPoint[];
  /** A comparison period's line: dashed and grey, so colour still means one series. */
  compare?: boolean;
}

interface Props {
  title: string;
  yLabel: string;
  domain: [number, number];
  series: TrendSeries[];
  /** Formats a y value for ticks. */
  format?: (v: number) => string;
  /** viewBox width: smaller for small multiples, so their text stays readable when scaled down. */
  width?: number;
}

const H = 240;
const M = { l: 48, r: 12, t: 12, b: 40 };
const palette = ['#4338ca', '#0891b2', '#c2410c', '#15803d', '#a21caf', '#b45309', '#475569', '#be123c'];

/**
 * A small SVG trend chart: labelled axes, one line per series, an optional uncertainty band,
 * and every point a link with its details on hover and focus. Buckets are evenly spaced.
 */
export function LineChart({ title, yLabel, domain, series, format = (v) => String(Math.round(v)), width: W = 640 }: Props) {
  const xs = series[0]?.points.map((p) => p.x) ?? [];
  const n = Math.max(1, xs.length - 1);
  const px = (i: number) => M.l + ((W - M.l - M.r) * i) / n;
  const py = (v: number) => M.t + ((H - M.t - M.b) * (domain[1] - Math.min(domain[1], Math.max(domain[0], v)))) / (domain[1] - domain[0]);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => domain[0] + f * (domain[1] - domain[0]));
  const every = Math.ceil(xs.length / (W < 500 ? 5 : 8)); // at most ~5–8 x labels, so they never overlap
  return (
    <figure class="chart">
      {/* A group, not an image: its points are links, and an image's children are not interactive. */}
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={title}>
        {ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={M.l} x2={W - M.r} y1={py(t)} y2={py(t)} />
            <text x={M.l - 6} y={py(t) + 4} text-anchor="end">
              {format(t)}
            </text>
          </g>
        ))}
        {xs.map((x, i) =>
          i % every === 0 ? (
            <text key={i} class="xlabel" x={px(i)} y={H - M.b + 16} text-anchor="middle">
              {x}
            </text>
          ) : null,
        )}
        <text class="axis-title" x={12} y={H / 2} transform={`rotate(-90 12 ${H / 2})`} text-anchor="middle">
          {yLabel}
        </text>
        {series.map((s, si) => {
          const c = palette[si % palette.length];
          const pts = s.points.map((p, i) => ({ ...p, i })).filter((p) => p.y !== null);
          const band = pts.filter((p) => p.lo !== undefined && p.hi !== undefined);
          const line = pts.map((p, k) => `${k ? 'L' : 'M'}${px(p.i).toFixed(1)},${py(p.y!).toFixed(1)}`).join('');
          const area =
            band.length > 1
              ? `${band.map((p, k) => `${k ? 'L' : 'M'}${px(p.i).toFixed(1)},${py(p.hi!).toFixed(1)}`).join('')}${[...band]
                  .reverse()
                  .map((p) => `L${px(p.i).toFixed(1)},${py(p.lo!).toFixed(1)}`)
                  .join('')}Z`
              : '';
          return (
            <g key={s.name} class={s.compare ? 'series compare' : 'series'} stroke={s.compare ? '#6b7280' : c} fill={s.compare ? '#6b7280' : c}>
              {area && <path class="band" d={area} />}
              <path class="line" d={line} fill="none" />
              {pts.map((p) => (
                <a key={p.i} href={p.href} aria-label={`${s.name}, ${p.x}: ${p.note}`}>
                  <circle class={`pt ${p.mark ?? ''}`} cx={px(p.i)} cy={py(p.y!)} r={p.mark === 'up' || p.mark === 'down' ? 6 : 4}>
                    <title>{`${s.name} · ${p.x}\n${p.note}`}</title>
                  </circle>
                </a>
              ))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <figcaption class="legend">
          {series.map((s, si) => (
            <span key={s.name}>
              <i class={s.compare ? 'swatch compare' : `swatch c${si % palette.length}`} aria-hidden="true" />
              {s.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
