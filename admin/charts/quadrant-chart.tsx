/** One driver placed on the importance × performance plane. */
export interface QuadrantPoint {
  key: string;
  label: string;
  shape: 'circle' | 'square';
  /** 0..1 */
  x: number;
  /** ≥ 0, in points */
  y: number;
  yLo: number;
  yHi: number;
  quadrant: string;
  significant: boolean;
  note: string;
  /** Written beside the point (the others only in their tooltip). */
  labelled: boolean;
}

const W = 560;
const H = 400;
const M = { l: 52, r: 16, t: 24, b: 44 };
const corner: Record<string, [string, 'start' | 'end', number, number]> = {
  'fix-first': ['Fix first', 'start', M.l + 6, M.t + 12],
  keep: ['Keep', 'end', W - M.r - 6, M.t + 12],
  watch: ['Watch', 'start', M.l + 6, H - M.b - 8],
  maintain: ['Maintain', 'end', W - M.r - 6, H - M.b - 8],
};

/**
 * Importance (|NPS points|, with its interval as a whisker) against performance (0–100 %),
 * split into quadrants at the API's split; hollow marks are not significant.
 */
export function QuadrantChart({ points, split, yMax, xTitle }: { points: QuadrantPoint[]; split: { importance: number; performance: number }; yMax: number; xTitle: string }) {
  const px = (v: number) => M.l + (W - M.l - M.r) * v;
  const py = (v: number) => M.t + (H - M.t - M.b) * (1 - Math.min(v, yMax) / yMax);
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  return (
    <figure class="chart quadrant">
      {/* A group, not an image: its points take focus (to read each driver), which an image's children may not. */}
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label="Key drivers: importance against performance; fix first is important and underperforming">
        <rect class="q-fix" x={px(0)} y={py(yMax)} width={px(split.performance) - px(0)} height={py(split.importance) - py(yMax)} />
        {yTicks.map((t) => (
          <g key={`y${t}`} class={`tick ${t === 0 ? 'zero' : ''}`}>
            <line x1={M.l} x2={W - M.r} y1={py(t)} y2={py(t)} />
            <text x={M.l - 6} y={py(t) + 4} text-anchor="end">
              {Math.round(t * 10) / 10}
            </text>
          </g>
        ))}
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={`x${t}`} class="tick">
            <text x={px(t)} y={H - M.b + 16} text-anchor="middle">
              {Math.round(t * 100)} %
            </text>
          </g>
        ))}
        <line class="split" x1={px(split.performance)} x2={px(split.performance)} y1={M.t} y2={H - M.b} />
        <line class="split" x1={M.l} x2={W - M.r} y1={py(split.importance)} y2={py(split.importance)} />
        {Object.entries(corner).map(([q, [text, anchor, x, y]]) => (
          <text key={q} class={`corner ${q}`} x={x} y={y} text-anchor={anchor}>
            {text}
          </text>
        ))}
        <text class="axis-title" x={(M.l + W - M.r) / 2} y={H - 6} text-anchor="middle">
          {xTitle}
        </text>
        <text class="axis-title" x={12} y={(M.t + H - M.b) / 2} transform={`rotate(-90 12 ${(M.t + H - M.b) / 2})`} text-anchor="middle">
          Importance (NPS points)
        </text>
        {points.map((p) => {
          const cx = px(p.x);
          const cy = py(p.y);
          const cls = `drv ${p.quadrant} ${p.significant ? '' : 'ns'}`;
          return (
            <g key={p.key} tabIndex={0} role="img" aria-label={`${p.label}: ${p.note}`}>
              <line class="err" x1={cx} x2={cx} y1={py(p.yHi)} y2={py(Math.max(0, p.yLo))} />
              {p.shape === 'circle' ? <circle class={cls} cx={cx} cy={cy} r={6} /> : <rect class={cls} x={cx - 5.5} y={cy - 5.5} width={11} height={11} />}
              {p.labelled && (
                <text class="drv-label" x={cx + 9} y={cy + 4}>
                  {p.label.length > 24 ? `${p.label.slice(0, 23)}…` : p.label}
                </text>
              )}
              <title>{`${p.label}\n${p.note}`}</title>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
