import { nps, npsStandardError, Z95, type NpsCounts } from './nps';
import { MIN_N } from './series';

/** An estimate in NPS points with its 95 % interval; significant when the interval excludes 0. */
export interface Estimate {
  estimate: number;
  /** Standard error in points. */
  se: number;
  ci: [number, number];
  significant: boolean;
}

function estimate(value: number, se: number): Estimate {
  const ci: [number, number] = [value - Z95 * se, value + Z95 * se];
  // se = 0 (both groups unanimous): the difference is certain, as in npsChange.
  return { estimate: value, se, ci, significant: ci[0] > 0 || ci[1] < 0 };
}

/**
 * NPS(a) − NPS(b) for two disjoint groups of respondents, over the combined standard error
 * √(se_a² + se_b²) (the same test as an NPS change). Null when either group is smaller than
 * MIN_N: below it the normal approximation is not trustworthy and nothing is shown.
 *
 * @example npsDifference({ n: 40, promoters: 24, passives: 10, detractors: 6 }, { n: 40, promoters: 8, passives: 12, detractors: 20 })
 * // { estimate: 75, se: 17.01…, ci: [41.65…, 108.34…], significant: true }
 */
export function npsDifference(a: NpsCounts, b: NpsCounts, minN = MIN_N): Estimate | null {
  if (a.n < minN || b.n < minN) return null;
  return estimate(nps(a)! - nps(b)!, Math.hypot(npsStandardError(a)!, npsStandardError(b)!));
}

/**
 * A theme's NPS impact, NPS(all) − NPS(without the theme), with its interval. All is the
 * mix w·NPS(with) + (1 − w)·NPS(without), w = n_with / n_all, so the impact is
 * w·(NPS(with) − NPS(without)): a difference of two disjoint groups scaled by w, whose
 * standard error is w·√(se_with² + se_without²). Null under MIN_N in either group.
 * `without` is got by subtracting the theme's counts from the totals.
 */
export function themeImpact(all: NpsCounts, mentioning: NpsCounts, minN = MIN_N): Estimate | null {
  const without = {
    n: all.n - mentioning.n,
    promoters: all.promoters - mentioning.promoters,
    passives: all.passives - mentioning.passives,
    detractors: all.detractors - mentioning.detractors,
  };
  const diff = npsDifference(mentioning, without, minN);
  if (!diff) return null;
  const w = mentioning.n / all.n;
  return estimate(nps(all)! - nps(without)!, w * diff.se);
}

/** Sentiment mean in [−1, 1] put on the 0..1 scale of CPI attainment, so both share one axis. */
export const sentimentPerformance = (mean: number | null): number | null => (mean === null ? null : (mean + 1) / 2);

export type Quadrant = 'fix-first' | 'keep' | 'watch' | 'maintain';
export interface Split {
  importance: number;
  performance: number;
}

/**
 * Importance × performance quadrants, split at the mean |importance| and the mean
 * performance of the drivers given: important and underperforming is `fix-first`, important
 * and performing `keep`, unimportant and underperforming `watch`, else `maintain`. Callers
 * split CPIs and themes apart: a CPI's importance is a gap between two groups of
 * respondents, a theme's its weighted effect on the whole NPS, so they are not on one footing.
 */
export function quadrants<T extends { importance: number; performance: number | null }>(drivers: readonly T[]): { split: Split | null; quadrant: (d: T) => Quadrant | null } {
  const placed = drivers.filter((d) => d.performance !== null);
  if (placed.length === 0) return { split: null, quadrant: () => null };
  const split = {
    importance: placed.reduce((s, d) => s + Math.abs(d.importance), 0) / placed.length,
    performance: placed.reduce((s, d) => s + d.performance!, 0) / placed.length,
  };
  const quadrant = (d: T): Quadrant | null => {
    if (d.performance === null) return null;
    const important = Math.abs(d.importance) >= split.importance;
    const under = d.performance < split.performance;
    return important ? (under ? 'fix-first' : 'keep') : under ? 'watch' : 'maintain';
  };
  return { split, quadrant };
}
