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
  return (await mainSeriesByTouchpoint(db, s, fields, false)).get('') ?? s.buckets.map(() => sumRows<MainField>([], mainFields));
}

/** The same per touchpoint (one read): touchpoint id → its series; only touchpoints with data. */
export async function mainSeriesByTouchpoint(db: Db, s: MetricsScope, fields: readonly MainField[], byTouchpoint = true): Promise<Map<string, MainCounts[]>> {
  const rows = await aggregate<MainField>(db, s, 'main', { fields, byTouchpoint });
  const out = new Map<string, MainCounts[]>();
  for (const r of rows) {
    let list = out.get(r.touchpointId);
    if (!list) out.set(r.touchpointId, (list = s.buckets.map(() => sumRows<MainField>([], mainFields))));
    list[r.bucket] = sumRows([r], mainFields);
  }
  return out;
}

export const npsFields: MainField[] = ['npsN', 'promoters', 'passives', 'detractors'];
export const npsCounts = (c: MainCounts) => ({ n: c.npsN, promoters: c.promoters, passives: c.passives, detractors: c.detractors });

/** Pairs each bucket's stat with its start date and range flag. */
function series<T>(s: MetricsScope, stats: T[]) {
  return stats.map((stat, i) => ({ start: s.buckets[i]!.start, partial: s.buckets[i]!.partial, ...stat }));
}

const npsOf = (c: MainCounts) => npsStat(npsCounts(c));
const csatOf = (c: MainCounts) => csatStat({ n: c.csatN, satisfied: c.csatSatisfied });
const cesOf = (c: MainCounts) => cesStat({ n: c.cesN, sum: c.cesSum, high: c.cesHigh });

/**
 * The NPS, CSAT and CES series of bucketed counts with their change flags: NPS changes
 * tested as a difference over its combined standard error, CSAT on the satisfied share and
 * CES on the share ≥ 5 (two-proportion tests, delta in points). Shared by the metrics
 * endpoints and the weekly digest, so both flag exactly the same changes.
 */
export const scoreSeries = {
  nps: (s: MetricsScope, counts: MainCounts[]) => flagSeries(series(s, counts.map(npsOf)), (b) => b.n, (a: NpsStat, b: NpsStat) => npsChange(a, b)),
  csat: (s: MetricsScope, counts: MainCounts[]) => flagSeries(series(s, counts.map(csatOf)), (b) => b.n, (a, b) => inPoints(twoProportionChange(a.satisfied, a.n, b.satisfied, b.n))),
  ces: (s: MetricsScope, counts: MainCounts[]) => flagSeries(series(s, counts.map(cesOf)), (b) => b.n, (a, b) => inPoints(twoProportionChange(a.high, a.n, b.high, b.n))),
};

/** NPS per bucket with margins. */
export async function getNps(db: Db, s: MetricsScope) {
  const counts = await mainSeries(db, s, npsFields);
  return { ...describeScope(s), total: npsOf(sumRows(counts, mainFields)), buckets: scoreSeries.nps(s, counts) };
}

/** CSAT per bucket with margins. */
export async function getCsat(db: Db, s: MetricsScope) {
  const counts = await mainSeries(db, s, ['csatN', 'csatSatisfied']);
  return { ...describeScope(s), total: csatOf(sumRows(counts, mainFields)), buckets: scoreSeries.csat(s, counts) };
}

/** CES per bucket (mean, share ≥ 5 with its margin). */
export async function getCes(db: Db, s: MetricsScope) {
  const counts = await mainSeries(db, s, ['cesN', 'cesSum', 'cesHigh']);
  return { ...describeScope(s), total: cesOf(sumRows(counts, mainFields)), buckets: scoreSeries.ces(s, counts) };
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
