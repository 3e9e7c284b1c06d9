import { npsChange, npsStat, type NpsCounts } from './nps';
import { twoProportionChange, wilson } from './proportions';
import { attained, cesStat, csatStat, type CpiCounts } from './scores';
import { isSmall } from './series';

export const breakdownMetrics = ['nps', 'csat', 'ces', 'cpi'] as const;
export type BreakdownMetric = (typeof breakdownMetrics)[number];

/** The counts one group (or the rest) contributes to each metric. */
export interface GroupCounts {
  nps: NpsCounts;
  csat: { n: number; satisfied: number };
  ces: { n: number; sum: number; high: number };
  cpi: CpiCounts;
}

/** One bar of a breakdown: the score with its 95 % interval, and how it compares with everyone else. */
export interface BreakdownGroup {
  value: string;
  n: number;
  score: number | null;
  margin: number | null;
  interval: { low: number; high: number } | null;
  /** Score of this group − score of the rest. */
  delta: number | null;
  /** Differs from the rest at 95 %; never with a small sample on either side. */
  significant: boolean;
  smallSample: boolean;
}

const minus = <T extends object>(a: T, b: T): T =>
  Object.fromEntries(Object.keys(a).map((k) => [k, (a as Record<string, number>)[k]! - (b as Record<string, number>)[k]!])) as T;

/**
 * A group against the rest (total − group): NPS with the difference over its combined
 * standard error; CSAT, CES (share ≥ 5, since rollups keep no sum of squares for the mean)
 * and CPI attainment (`partly` = ½, Wilson interval) with the two-proportion test. Scores in
 * points (NPS −100..100, the others percent).
 *
 * @example breakdownGroup('csat', 'pro', group, total).significant
 */
export function breakdownGroup(metric: BreakdownMetric, value: string, group: GroupCounts, total: GroupCounts): BreakdownGroup {
  const rest = { nps: minus(total.nps, group.nps), csat: minus(total.csat, group.csat), ces: minus(total.ces, group.ces), cpi: minus(total.cpi, group.cpi) };
  let n = 0;
  let restN = 0;
  let score: number | null;
  let margin: number | null;
  let interval: { low: number; high: number } | null;
  let change;
  if (metric === 'nps') {
    const s = npsStat(group.nps);
    n = s.n;
    restN = rest.nps.n;
    score = s.nps;
    margin = s.margin;
    interval = s.nps === null || s.margin === null ? null : { low: s.nps - s.margin, high: s.nps + s.margin };
    change = npsChange(rest.nps, group.nps);
  } else if (metric === 'cpi') {
    const a = attained(group.cpi);
    n = group.cpi.answered;
    restN = rest.cpi.answered;
    const w = wilson(a, n);
    score = n > 0 ? (100 * a) / n : null;
    interval = w && { low: 100 * w.low, high: 100 * w.high };
    margin = interval && (interval.high - interval.low) / 2;
    change = twoProportionChange(attained(rest.cpi), restN, a, n);
  } else {
    const csat = metric === 'csat';
    const x = csat ? group.csat.satisfied : group.ces.high;
    const restX = csat ? rest.csat.satisfied : rest.ces.high;
    n = csat ? group.csat.n : group.ces.n;
    restN = csat ? rest.csat.n : rest.ces.n;
    const c = csatStat(group.csat);
    const e = cesStat(group.ces);
    score = csat ? c.csat : e.shareHigh;
    margin = csat ? c.margin : e.margin;
    interval = score === null || margin === null ? null : { low: score - margin, high: score + margin };
    change = twoProportionChange(restX, restN, x, n);
  }
  const delta = change ? (metric === 'nps' ? change.delta : 100 * change.delta) : null;
  return { value, n, score, margin, interval, delta, significant: !!change?.significant && !isSmall(n) && !isSmall(restN), smallSample: isSmall(n) };
}
