import type { Db } from '../../db/client';
import { ApiError } from '../errors';
import { breakdownGroup, type BreakdownMetric, type GroupCounts } from '../metrics/breakdown';
import { NONE, OTHER, segmentState } from '../services/segments';
import type { MainField } from './metrics';
import { cpiAggregates } from './metrics-sql';
import { aggregate, describeScope, sumRows, type MetricsScope } from './metrics-source';

const mainFields: MainField[] = ['npsN', 'promoters', 'passives', 'detractors', 'csatN', 'csatSatisfied', 'cesN', 'cesSum', 'cesHigh'];
type CpiField = keyof typeof cpiAggregates & string;
const cpiFields: CpiField[] = ['answered', 'yes', 'partly', 'no'];

const counts = (m: Record<MainField, number>, c: Record<CpiField, number>): GroupCounts => ({
  nps: { n: m.npsN, promoters: m.promoters, passives: m.passives, detractors: m.detractors },
  csat: { n: m.csatN, satisfied: m.csatSatisfied },
  ces: { n: m.cesN, sum: m.cesSum, high: m.cesHigh },
  cpi: { answered: c.answered, yes: c.yes, partly: c.partly, no: c.no },
});

/**
 * One metric per value of a segment key over the whole period, each value against the rest
 * (docs/METRICS.md), read from the key's segment rollups. The groups' n add up to the total.
 */
export async function getBreakdown(db: Db, s: MetricsScope, metric: BreakdownMetric, requested: string | undefined) {
  if (s.attribute) throw new ApiError(400, 'invalid_filter', 'A breakdown takes no attribute filter; it splits by one segment key');
  const keys = (await segmentState(db, s.workspaceId, true)).keys;
  const key = requested === undefined ? keys[0] : keys.find((k) => k.key === requested);
  if (!key) {
    const message = requested === undefined ? 'This workspace has no segment keys; add one to settings.segmentKeys first' : `"${requested}" is not a segment key of this workspace; add it to settings.segmentKeys first`;
    throw new ApiError(400, 'unknown_segment_key', message, { segmentKeys: keys.map((k) => k.key) });
  }
  const by = key.key;
  if (!key.ready) throw new ApiError(409, 'segment_backfilling', `The rollups of "${by}" are still being backfilled; try again shortly`, undefined, { 'Retry-After': '5' });
  const split = { key: by, values: [...(key.values ?? []), NONE, OTHER] };
  const ranges = [{ fromHour: s.buckets[0]!.fromHour, toHour: s.buckets.at(-1)!.toHour }];
  const [main, cpi] = await Promise.all([
    metric === 'cpi' ? Promise.resolve([]) : aggregate<MainField>(db, s, 'main', { ranges, bySegment: split, fields: mainFields }),
    metric === 'cpi' ? aggregate<CpiField>(db, s, 'cpi', { ranges, bySegment: split, fields: cpiFields }) : Promise.resolve([]),
  ]);
  const values = [...new Set([...main, ...cpi].map((r) => r.key))];
  const of = (value: string) => counts(sumRows(main.filter((r) => r.key === value), mainFields), sumRows(cpi.filter((r) => r.key === value), cpiFields));
  const total = counts(sumRows(main, mainFields), sumRows(cpi, cpiFields));
  const groups = values
    .map((value) => breakdownGroup(metric, value, of(value), total))
    .filter((g) => g.n > 0)
    .sort((a, b) => b.n - a.n || a.value.localeCompare(b.value));
  const all = breakdownGroup(metric, 'all', total, total);
  return {
    ...describeScope(s),
    metric,
    by,
    total: { n: all.n, score: all.score, margin: all.margin, interval: all.interval },
    groups,
    segmentKeys: keys.map((k) => k.key),
  };
}
