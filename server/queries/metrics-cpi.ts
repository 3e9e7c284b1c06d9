import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cpiTargets, cpis, touchpoints } from '../../db/schema';
import { twoProportionChange } from '../metrics/proportions';
import { attained, cpiStat, type CpiCounts } from '../metrics/scores';
import { flagSeries, isSmall } from '../metrics/series';
import { inPoints } from './metrics';
import { cpiAggregates } from './metrics-sql';
import { aggregate, describeScope, groupBy, sumRows, type MetricsScope } from './metrics-source';

type CpiField = keyof typeof cpiAggregates & string;
/** Attainment only: the NPS split of the answers is for key drivers, and outside the covering index. */
const cpiFields = ['answered', 'yes', 'partly', 'no'] as const satisfies readonly CpiField[];

/**
 * The touchpoint × CPI attainment matrix. A cell exists for every CPI target and for every
 * pair that has answers; each carries its total over the range (Wilson interval, status
 * against the target) and its bucketed trend with two-proportion change flags.
 */
export async function getCpiMatrix(db: Db, s: MetricsScope) {
  const ws = s.workspaceId;
  const [tps, cpiList, targets, rows] = await Promise.all([
    db.select({ id: touchpoints.id, name: touchpoints.name, position: touchpoints.position }).from(touchpoints).where(eq(touchpoints.workspaceId, ws)).orderBy(asc(touchpoints.position)),
    db.select({ id: cpis.id, name: cpis.name }).from(cpis).where(eq(cpis.workspaceId, ws)).orderBy(asc(cpis.createdAt), asc(cpis.id)),
    db.select().from(cpiTargets).where(eq(cpiTargets.workspaceId, ws)),
    aggregate<CpiField>(db, s, 'cpi', { byTouchpoint: true, fields: cpiFields }),
  ]);
  const cellKey = (touchpointId: string, cpiId: string) => `${touchpointId}\u0000${cpiId}`;
  const target = new Map(targets.map((t) => [cellKey(t.touchpointId, t.cpiId), t.target]));
  const data = groupBy(rows, (r) => cellKey(r.touchpointId, r.key));
  const shownTps = s.touchpointId ? tps.filter((t) => t.id === s.touchpointId) : tps;

  const cells = shownTps.flatMap((tp) =>
    cpiList
      .filter((c) => target.has(cellKey(tp.id, c.id)) || data.has(cellKey(tp.id, c.id)))
      .map((c) => {
        const k = cellKey(tp.id, c.id);
        const cellRows = data.get(k) ?? [];
        const perBucket: CpiCounts[] = s.buckets.map(() => sumRows([], cpiFields));
        for (const r of cellRows) perBucket[r.bucket] = sumRows([r], cpiFields);
        const total = cpiStat(sumRows(cellRows, cpiFields), target.get(k) ?? null);
        const trend = perBucket.map((b, i) => ({
          start: s.buckets[i]!.start,
          partial: s.buckets[i]!.partial,
          answered: b.answered,
          attained: attained(b),
          attainment: b.answered > 0 ? attained(b) / b.answered : null,
        }));
        return {
          touchpointId: tp.id,
          cpiId: c.id,
          ...total,
          smallSample: isSmall(total.answered),
          buckets: flagSeries(trend, (b) => b.answered, (a, b) => inPoints(twoProportionChange(a.attained, a.answered, b.attained, b.answered))),
        };
      }),
  );
  return { ...describeScope(s), touchpoints: shownTps, cpis: cpiList, cells };
}
