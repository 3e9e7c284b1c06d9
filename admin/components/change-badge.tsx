/** A change against the comparison period as the API tested it. */
export interface PeriodChange {
  delta: number;
  significant: boolean;
}

/** "+12.0" / "−3.4" with a real minus sign. */
export const signed = (d: number, digits = 1): string => `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d).toFixed(digits)}`;

/**
 * The change and its significance in words, e.g. "▲ +12.0 points (significant)" or
 * "+3.0 points (not significant)": only a significant change gets an arrow and a colour.
 */
export function ChangeBadge({ change, unit = 'points', before, label }: { change: PeriodChange | null | undefined; unit?: string; before?: string; label?: string }) {
  if (!change) return before !== undefined ? <span class="change none">no figure in the comparison period</span> : null;
  const dir = change.delta < 0 ? 'down' : 'up';
  return (
    <span class={`change ${change.significant ? `sig ${dir}` : 'ns'}`} data-delta={change.delta.toFixed(1)} data-significant={String(change.significant)}>
      {label ? `${label} ` : ''}
      {change.significant ? (dir === 'down' ? '▼ ' : '▲ ') : ''}
      {signed(change.delta)}
      {unit ? ` ${unit}` : ''} ({change.significant ? 'significant' : 'not significant'}){before !== undefined ? ` vs ${before}` : ''}
    </span>
  );
}
