/**
 * Anomalies of a daily figure against its trailing baseline: the same weekday in each of
 * the 8 weeks before (weekly seasonality is the strongest pattern in survey traffic).
 * A robust z-score, (x − median) / scale with scale = 1.4826 × MAD, so one odd week in the
 * baseline does not hide the next one. The scale is floored by the noise the figure has
 * anyway (√median for a count, the day's own standard error for NPS): a perfectly steady
 * baseline (MAD 0) must not turn a single response more into an infinite z.
 */
export const sensitivities = ['low', 'medium', 'high'] as const;
export type Sensitivity = (typeof sensitivities)[number];

/** |z| at or above which a day is flagged at each sensitivity (high flags the most days). */
export const ANOMALY_THRESHOLDS: Record<Sensitivity, number> = { low: 5, medium: 3.5, high: 2.5 };
/** Same-weekday days in the baseline, and how many must have data for a verdict. */
export const BASELINE_WEEKS = 8;
export const MIN_BASELINE = 4;
/** 1 / Φ⁻¹(0.75): makes the MAD estimate σ for normal data. */
const MAD_TO_SIGMA = 1.4826;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Anomaly {
  value: number;
  median: number;
  /** The scale z is measured in: max(1.4826 × MAD, noise floor). */
  scale: number;
  z: number;
  direction: 'up' | 'down';
  /** The sensitivities at which this day is flagged; empty when it is not unusual. */
  flaggedAt: Sensitivity[];
}

/**
 * Scores `value` against `baseline`; null when the baseline has fewer than MIN_BASELINE points.
 *
 * @example robustAnomaly(40, [10, 11, 9, 10, 12, 10, 9, 11], Math.sqrt(10)) // z ≈ 9.5, flagged at all three
 */
export function robustAnomaly(value: number, baseline: readonly number[], noiseFloor: number): Anomaly | null {
  if (baseline.length < MIN_BASELINE) return null;
  const m = median(baseline);
  const mad = median(baseline.map((x) => Math.abs(x - m)));
  const scale = Math.max(MAD_TO_SIGMA * mad, noiseFloor, 1e-9);
  const z = (value - m) / scale;
  const flaggedAt = sensitivities.filter((s) => Math.abs(z) >= ANOMALY_THRESHOLDS[s]);
  return { value, median: m, scale, z, direction: z >= 0 ? 'up' : 'down', flaggedAt };
}

/** Volume: zero is a real count, so every baseline day counts; Poisson noise √median (at least 1). */
export const volumeAnomaly = (count: number, baseline: readonly number[]): Anomaly | null =>
  robustAnomaly(count, baseline, Math.max(1, Math.sqrt(median(baseline.length ? baseline : [0]))));

/**
 * NPS: only baseline days with enough answers count; the floor is the day's standard error
 * in NPS points (`se`, npsStandardError), so a small day cannot be flagged on noise alone.
 */
export const npsAnomaly = (value: number, se: number, baseline: readonly number[]): Anomaly | null => robustAnomaly(value, baseline, se);
