import { Z95, type Change } from './nps';

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a proportion `successes / n` (successes may be fractional, as
 * CPI attainment counts `partly` as half). Better than the normal interval near 0 and 1 and
 * for small n, which is where CPI targets live. Null when n = 0.
 *
 * @example wilson(8, 10) // { low: 0.4902…, high: 0.9433… }
 */
export function wilson(successes: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt(Math.max(0, (p * (1 - p)) / n + z2 / (4 * n * n)));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** 95 % normal-approximation margin of a proportion, in percentage points. */
export function proportionMargin(successes: number, n: number): number | null {
  if (n <= 0) return null;
  const p = successes / n;
  return Z95 * 100 * Math.sqrt(Math.max(0, p * (1 - p)) / n);
}

/**
 * Pooled two-proportion z-test of x₁/n₁ → x₂/n₂; `delta` is in proportion units (0..1).
 * Null when either side is empty. A zero pooled variance (both sides all-or-nothing and
 * equal) means no change.
 */
export function twoProportionChange(x1: number, n1: number, x2: number, n2: number): Change | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(Math.max(0, pooled * (1 - pooled)) * (1 / n1 + 1 / n2));
  const delta = p2 - p1;
  if (se === 0) return { delta, z: null, significant: false };
  const z = delta / se;
  return { delta, z, significant: Math.abs(z) > Z95 };
}
