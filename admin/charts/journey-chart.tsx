/** One touchpoint of the journey in chart terms. */
export interface JourneyStep {
  label: string;
  value: number | null;
  lo?: number | undefined;
  hi?: number | undefined;
  note: string;
  href?: string | undefined;
  /** The API says the score drops here compared with the step before. */
  drop: boolean;
}

const W = 640;
const H = 220;
const M = { l: 44, r: 12, t: 16, b: 44 };

/** Touchpoints in journey order as bars (NPS −100..100), with drops called out. */
export function JourneyChart({ steps, yLabel }: { steps: JourneyStep[]; yLabel: string }) {
  const bw = (W - M.l - M.r) / Math.max(1, steps.length);
  const py = (v: number) => M.t + ((H - M.t - M.b) * (100 - v)) / 200;
  return (
    <figure class="chart">
      {/* A group, not an image: its bars are links, and an image's children are not interactive. */}
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={`${yLabel} by touchpoint, in journey order`}>
        {[-100, -50, 0, 50, 100].map((t) => (
          <g key={t} class={`tick ${t === 0 ? 'zero' : ''}`}>
            <line x1={M.l} x2={W - M.r} y1={py(t)} y2={py(t)} />
            <text x={M.l - 6} y={py(t) + 4} text-anchor="end">
              {t}
            </text>
          </g>
        ))}
        <text class="axis-title" x={12} y={H / 2} transform={`rotate(-90 12 ${H / 2})`} text-anchor="middle">
          {yLabel}
        </text>
        {steps.map((s, i) => {
          const x = M.l + i * bw + bw * 0.2;
          const w = bw * 0.6;
          const cx = x + w / 2;
          // The link is the bar; the labels under it are plain text beside it, so the link's
          // name (full label and note) never disagrees with a truncated visible label.
          return (
            <g key={s.label}>
              <a href={s.href} aria-label={`${s.label}: ${s.note}${s.drop ? ', score drops here' : ''}`}>
                <rect class="hit" x={M.l + i * bw} width={bw} y={M.t} height={H - M.t - M.b} />
                {s.value !== null && <rect class={`bar ${s.drop ? 'drop' : ''}`} x={x} width={w} y={Math.min(py(s.value), py(0))} height={Math.abs(py(s.value) - py(0))} />}
                {s.lo !== undefined && s.hi !== undefined && <line class="err" x1={cx} x2={cx} y1={py(s.hi)} y2={py(s.lo)} />}
                <title>{`${s.label}\n${s.note}${s.drop ? '\nScore drops here' : ''}`}</title>
              </a>
              <text class="xlabel" x={cx} y={H - M.b + 16} text-anchor="middle">
                {s.label.length > 14 ? `${s.label.slice(0, 13)}…` : s.label}
              </text>
              <text class="val" x={cx} y={H - M.b + 32} text-anchor="middle">
                {s.value === null ? '–' : Math.round(s.value)}
                {s.drop ? ' ▼' : ''}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
