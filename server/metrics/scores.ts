import { proportionMargin, wilson, type Interval } from './proportions';

/** CSAT: share of answers 4–5 on the 1–5 scale, in percent, with its 95 % margin in points. */
export interface CsatStat {
  n: number;
  satisfied: number;
  csat: number | null;
  margin: number | null;
}

export function csatStat(c: { n: number; satisfied: number }): CsatStat {
  return { n: c.n, satisfied: c.satisfied, csat: c.n > 0 ? (100 * c.satisfied) / c.n : null, margin: proportionMargin(c.satisfied, c.n) };
}

/**
 * CES: mean on 1–7 and the share of answers ≥ 5 (percent). The rollups keep no sum of
 * squares, so only the share carries a margin.
 */
export interface CesStat {
  n: number;
  mean: number | null;
  high: number;
  shareHigh: number | null;
  margin: number | null;
}

export function cesStat(c: { n: number; sum: number; high: number }): CesStat {
  return {
    n: c.n,
    mean: c.n > 0 ? c.sum / c.n : null,
    high: c.high,
    shareHigh: c.n > 0 ? (100 * c.high) / c.n : null,
    margin: proportionMargin(c.high, c.n),
  };
}

export interface CpiCounts {
  answered: number;
  yes: number;
  partly: number;
  no: number;
}

export type CpiStatus = 'met' | 'missed' | 'uncertain';

/** CPI attainment (0..1) with its Wilson interval and, when a target is set, its status. */
export interface CpiStat extends CpiCounts {
  attained: number;
  attainment: number | null;
  interval: Interval | null;
  target: number | null;
  status: CpiStatus | null;
}

/** `yes` counts 1, `partly` ½, `no` 0. */
export const attained = (c: CpiCounts): number => c.yes + c.partly / 2;

/**
 * Met when the whole 95 % Wilson interval lies above the target, missed when it lies below,
 * uncertain otherwise (including no answers); null status when there is no target.
 */
export function cpiStat(c: CpiCounts, target: number | null): CpiStat {
  const a = attained(c);
  const interval = wilson(a, c.answered);
  let status: CpiStatus | null = null;
  if (target !== null) {
    status = interval && interval.low > target ? 'met' : interval && interval.high < target ? 'missed' : 'uncertain';
  }
  return { ...c, attained: a, attainment: c.answered > 0 ? a / c.answered : null, interval, target, status };
}

/** Sentiment of analysed comments: mean score in [−1, 1] and label shares (0..1). */
export interface SentimentStat {
  n: number;
  mean: number | null;
  positive: number;
  neutral: number;
  negative: number;
  shares: { positive: number; neutral: number; negative: number } | null;
}

export function sentimentStat(c: { n: number; sumMilli: number; positive: number; neutral: number; negative: number }): SentimentStat {
  return {
    n: c.n,
    // Scores are summed in thousandths so that rollup updates stay exact integers.
    mean: c.n > 0 ? c.sumMilli / 1000 / c.n : null,
    positive: c.positive,
    neutral: c.neutral,
    negative: c.negative,
    shares: c.n > 0 ? { positive: c.positive / c.n, neutral: c.neutral / c.n, negative: c.negative / c.n } : null,
  };
}
