import type { Db } from '../../db/client';
import { npsChange, npsStat, type NpsStat } from '../metrics/nps';
import { twoProportionChange } from '../metrics/proportions';
import { cesStat, csatStat, sentimentStat } from '../metrics/scores';
import { flagSeries } from '../metrics/series';
import { mainAggregates } from './metrics-sql';
import { aggregate, describeScope, sumRows, type MetricsScope } from './metrics-source';

export type MainField = keyof typeof mainAggregates & string;
export type MainCounts = Record<MainField, number>;
const mainFields = Object.keys(mainAggregates) as MainField[];

/** The main rollup sums of `fields` in each bucket (zeros elsewhere), in bucket order. */
export async function mainSeries(db: Db, s: MetricsScope, fields: readonly MainField[]): Promise<MainCounts[]> {
  const rows = await aggregate<MainField>(db, s, 'main', { fields });
  const out = s.buckets.map(() => sumRows<MainField>([], mainFields));
  for (const r of rows) out[r.bucket] = sumRows([r], mainFields);
  return out;
}

export const npsFields: MainField[] = ['npsN', 'promoters', 'passives', 'detractors'];
export const npsCounts = (c: MainCounts) => ({ n: c.npsN, promoters: c.promoters, passives: c.passives, detractors: c.detractors });

/** Pairs each bucket's stat with its start date and range flag. */
function series<T>(s: MetricsScope, stats: T[]) {
  return stats.map((stat, i) => ({ start: s.buckets[i]!.start, partial: s.buckets[i]!.partial, ...stat }));
}

/** NPS per bucket with margins; changes tested as a difference over its combined standard error. */
export async function getNps(db: Db, s: MetricsScope) {
  const counts = await mainSeries(db, s, npsFields);
  const stats = counts.map((c) => npsStat(npsCounts(c)));
  return {
    ...describeScope(s),
    total: npsStat(npsCounts(sumRows(counts, mainFields))),
    buckets: flagSeries(series(s, stats), (b) => b.n, (a: NpsStat, b: NpsStat) => npsChange(a, b)),
  };
}

/** CSAT per bucket; changes tested on the satisfied share (two-proportion test), delta in points. */
export async function getCsat(db: Db, s: MetricsScope) {
  const counts = await mainSeries(db, s, ['csatN', 'csatSatisfied']);
  const csat = (c: MainCounts) => csatStat({ n: c.csatN, satisfied: c.csatSatisfied });
  return {
    ...describeScope(s),
    total: csat(sumRows(counts, mainFields)),
    buckets: flagSeries(series(s, counts.map(csat)), (b) => b.n, (a, b) => inPoints(twoProportionChange(a.satisfied, a.n, b.satisfied, b.n))),
  };
}

/** CES per bucket; changes tested on the share ≥ 5 (two-proportion test), delta in points. */
export async function getCes(db: Db, s: MetricsScope) {
  const counts = await mainSeries(db, s, ['cesN', 'cesSum', 'cesHigh']);
  const ces = (c: MainCounts) => cesStat({ n: c.cesN, sum: c.cesSum, high: c.cesHigh });
  return {
    ...describeScope(s),
    total: ces(sumRows(counts, mainFields)),
    buckets: flagSeries(series(s, counts.map(ces)), (b) => b.n, (a, b) => inPoints(twoProportionChange(a.high, a.n, b.high, b.n))),
  };
}

/**
 * Mean sentiment and label shares per bucket. The rollups keep no sum of squared scores, so
 * the change flag tests the share of negative comments (two-proportion test).
 */
export async function getSentiment(db: Db, s: MetricsScope) {
  const counts = await mainSeries(db, s, ['sentimentN', 'sentimentSumMilli', 'sentimentPositive', 'sentimentNeutral', 'sentimentNegative']);
  const sentiment = (c: MainCounts) =>
    sentimentStat({ n: c.sentimentN, sumMilli: c.sentimentSumMilli, positive: c.sentimentPositive, neutral: c.sentimentNeutral, negative: c.sentimentNegative });
  return {
    ...describeScope(s),
    total: sentiment(sumRows(counts, mainFields)),
    buckets: flagSeries(series(s, counts.map(sentiment)), (b) => b.n, (a, b) => inPoints(twoProportionChange(a.negative, a.n, b.negative, b.n))),
  };
}

/** Proportion changes are reported in percentage points, like the figures they compare. */
export function inPoints<T extends { delta: number }>(c: T | null): T | null {
  return c && { ...c, delta: 100 * c.delta };
}
