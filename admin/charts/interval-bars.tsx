/** One bar: a score with its 95 % interval, a label and where it links. */
export interface IntervalBar {
  label: string;
  score: number | null;
  interval: { low: number; high: number } | null;
  n: number;
  href: string | null;
  /** Marked: differs significantly from the rest. */
  significant: boolean;
  smallSample: boolean;
}

const W = 640;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 40, left: 36 };

/**
 * Side-by-side bars with their 95 % intervals as whiskers, on a fixed scale (`min`..`max`,
 * e.g. −100..100 for NPS), each bar a link to the responses behind it.
 */
export function IntervalBars({ bars, min, max, unit, title }: { bars: IntervalBar[]; min: number; max: number; unit: string; title: string }) {
  const y = (v: number) => PAD.top + ((max - Math.max(min, Math.min(max, v))) / (max - min)) * (H - PAD.top - PAD.bottom);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, bars.length);
  const zero = y(Math.max(min, 0));
  return (
    // A group, not an image: an image's children cannot be the links each bar is.
    <svg class="interval-bars" viewBox={`0 0 ${W} ${H}`} role="group" aria-label={title}>
      {[min, (min + max) / 2, max].map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} class="grid" />
          <text x={PAD.left - 4} y={y(t) + 4} text-anchor="end" class="tick">{t}</text>
        </g>
      ))}
      {bars.map((b, i) => {
        const x = PAD.left + i * slot + slot * 0.2;
        const w = slot * 0.6;
        const top = b.score === null ? zero : Math.min(zero, y(b.score));
        const height = b.score === null ? 0 : Math.abs(y(b.score) - zero);
        const label = `${b.label}: ${b.score === null ? 'no answers' : `${b.score.toFixed(1)}${unit}`}${b.interval ? ` (95 % ${b.interval.low.toFixed(1)} to ${b.interval.high.toFixed(1)})` : ''}, n = ${b.n}${b.significant ? ', differs significantly from the rest' : ''}${b.smallSample ? ', small sample' : ''}`;
        const bar = (
          <g class={`bar${b.significant ? ' significant' : ''}${b.smallSample ? ' small' : ''}`}>
            <title>{label}</title>
            <rect x={x} y={top} width={w} height={height} />
            {b.interval && (
              <g class="whisker">
                <line x1={x + w / 2} x2={x + w / 2} y1={y(b.interval.low)} y2={y(b.interval.high)} />
                <line x1={x + w * 0.3} x2={x + w * 0.7} y1={y(b.interval.low)} y2={y(b.interval.low)} />
                <line x1={x + w * 0.3} x2={x + w * 0.7} y1={y(b.interval.high)} y2={y(b.interval.high)} />
              </g>
            )}
          </g>
        );
        // The visible labels sit beside the link, so its name never disagrees with them.
        return (
          <g key={b.label}>
            {b.href ? (
              <a href={b.href} aria-label={label}>
                {bar}
              </a>
            ) : (
              bar
            )}
            <text x={x + w / 2} y={H - PAD.bottom + 16} text-anchor="middle" class="tick">{b.label}</text>
            <text x={x + w / 2} y={H - PAD.bottom + 30} text-anchor="middle" class="tick muted">n {b.n}</text>
          </g>
        );
      })}
    </svg>
  );
}
