/** The 95 % two-sided normal quantile, as written in PRODUCT.md ("1.96 × …"). */
export const Z95 = 1.96;

/** Counts behind one NPS figure. */
export interface NpsCounts {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** An NPS with its counts and 95 % margin of error in NPS points; null when n = 0. */
export interface NpsStat extends NpsCounts {
  nps: number | null;
  margin: number | null;
}

/** A bucket-over-bucket (or touchpoint-over-touchpoint) change and whether it is significant at 95 %. */
export interface Change {
  delta: number;
  /** The test statistic; null when the standard error is zero. */
  z: number | null;
  significant: boolean;
}

/**
 * NPS = 100 × (promoters − detractors) / n.
 *
 * @example nps({ n: 10, promoters: 5, passives: 3, detractors: 2 }) // 30
 */
export function nps(c: NpsCounts): number | null {
  return c.n > 0 ? (100 * (c.promoters - c.detractors)) / c.n : null;
}

/**
 * Standard error of the NPS in points. Each answer scores +1, 0 or −1, so the variance of
 * one answer is p + d − (p − d)² with p, d the promoter and detractor shares.
 */
export function npsStandardError(c: NpsCounts): number | null {
  if (c.n <= 0) return null;
  const p = c.promoters / c.n;
  const d = c.detractors / c.n;
  // max(0, …) absorbs floating-point noise when every answer is in one group.
  return 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / c.n);
}

/** 95 % margin of error: 1.96 × 100 × √((p + d − (p − d)²) / n) (PRODUCT.md). */
export function npsMargin(c: NpsCounts): number | null {
  const se = npsStandardError(c);
  return se === null ? null : Z95 * se;
}

export function npsStat(c: NpsCounts): NpsStat {
  return { n: c.n, promoters: c.promoters, passives: c.passives, detractors: c.detractors, nps: nps(c), margin: npsMargin(c) };
}

/**
 * The change from `before` to `after`, significant when |difference| / √(se₁² + se₂²) > 1.96.
 * With both standard errors zero (each side unanimous) any difference is certain. Null when
 * either side has no answers.
 */
export function npsChange(before: NpsCounts, after: NpsCounts): Change | null {
  const a = nps(before);
  const b = nps(after);
  if (a === null || b === null) return null;
  const se = Math.hypot(npsStandardError(before)!, npsStandardError(after)!);
  const delta = b - a;
  if (se === 0) return { delta, z: null, significant: delta !== 0 };
  const z = delta / se;
  return { delta, z, significant: Math.abs(z) > Z95 };
}
