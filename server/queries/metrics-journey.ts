import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { touchpoints } from '../../db/schema';
import { npsChange, npsStat } from '../metrics/nps';
import { twoProportionChange } from '../metrics/proportions';
import { csatStat } from '../metrics/scores';
import { isSmall } from '../metrics/series';
import { inPoints, npsCounts, npsFields, type MainField } from './metrics';
import { mainAggregates } from './metrics-sql';
import { aggregate, describeScope, sumRows, type MetricsScope } from './metrics-source';

const mainFields = Object.keys(mainAggregates) as MainField[];

/**
 * The journey: every touchpoint in order with its NPS and CSAT over the whole range, and the
 * change from the touchpoint before it. `drop` marks a significant fall in NPS (difference
 * over combined standard error, neither side a small sample).
 */
export async function getJourney(db: Db, s: MetricsScope) {
  const first = s.buckets[0]!;
  const last = s.buckets[s.buckets.length - 1]!;
  const [list, rows] = await Promise.all([
    db.select().from(touchpoints).where(eq(touchpoints.workspaceId, s.workspaceId)).orderBy(asc(touchpoints.position), asc(touchpoints.createdAt)),
    aggregate<MainField>(db, s, 'main', { byTouchpoint: true, ranges: [{ fromHour: first.fromHour, toHour: last.toHour }], fields: ['responses', ...npsFields, 'csatN', 'csatSatisfied'] }),
  ]);
  const byTouchpoint = new Map(rows.map((r) => [r.touchpointId, sumRows([r], mainFields)]));
  const shown = s.touchpointId ? list.filter((t) => t.id === s.touchpointId) : list;
  const stages = shown.map((t) => {
    const c = byTouchpoint.get(t.id) ?? sumRows<MainField>([], mainFields);
    return { id: t.id, name: t.name, position: t.position, responses: c.responses, nps: npsStat(npsCounts(c)), csat: csatStat({ n: c.csatN, satisfied: c.csatSatisfied }) };
  });
  return {
    ...describeScope(s),
    touchpoints: stages.map((t, i) => {
      const prev = i > 0 ? stages[i - 1]! : null;
      const comparable = prev !== null && !isSmall(prev.nps.n) && !isSmall(t.nps.n);
      const npsDelta = prev ? significantOnlyIf(comparable, npsChange(prev.nps, t.nps)) : null;
      const csatComparable = prev !== null && !isSmall(prev.csat.n) && !isSmall(t.csat.n);
      const csatDelta = prev
        ? significantOnlyIf(csatComparable, inPoints(twoProportionChange(prev.csat.satisfied, prev.csat.n, t.csat.satisfied, t.csat.n)))
        : null;
      return {
        ...t,
        smallSample: isSmall(t.nps.n),
        change: { nps: npsDelta, csat: csatDelta },
        drop: npsDelta !== null && npsDelta.significant && npsDelta.delta < 0,
      };
    }),
  };
}

function significantOnlyIf<T extends { significant: boolean }>(ok: boolean, c: T | null): T | null {
  return c && (ok ? c : { ...c, significant: false });
}
