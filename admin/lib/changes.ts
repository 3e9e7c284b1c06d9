import type { CpiMetrics, CsatMetrics, JourneyMetrics, NpsMetrics } from '../hooks/use-metrics';
import { bucketRange, responsesLink } from './chart-data';

/** One change the API flagged as significant, ready to list. */
export interface Callout {
  text: string;
  direction: 'up' | 'down';
  href: string;
}

const sign = (d: number) => `${d > 0 ? '+' : ''}${d.toFixed(1)}`;

/**
 * Collects the changes the API marked `significant` (it applies the tests and the small-sample
 * rule); nothing is tested here. The latest buckets come first.
 */
export function significantChanges(
  npsByTp: { name: string; id: string; metrics: NpsMetrics }[],
  csat: CsatMetrics | undefined,
  journey: JourneyMetrics | undefined,
  cpi: CpiMetrics | undefined,
): Callout[] {
  const out: (Callout & { at: string })[] = [];
  for (const t of npsByTp) {
    t.metrics.buckets.forEach((b, i) => {
      if (b.change?.significant)
        out.push({ at: b.start, direction: b.change.delta < 0 ? 'down' : 'up', text: `${t.name}: NPS ${sign(b.change.delta)} points in the bucket of ${b.start} (now ${Math.round(b.nps ?? 0)}, n = ${b.n})`, href: responsesLink(t.metrics, bucketRange(t.metrics, t.metrics.buckets, i), { touchpoint: t.id }) });
    });
  }
  csat?.buckets.forEach((b, i) => {
    if (b.change?.significant) out.push({ at: b.start, direction: b.change.delta < 0 ? 'down' : 'up', text: `CSAT ${sign(b.change.delta)} points in the bucket of ${b.start}`, href: responsesLink(csat, bucketRange(csat, csat.buckets, i)) });
  });
  if (cpi) {
    const tpName = new Map(cpi.touchpoints.map((t) => [t.id, t.name]));
    const cpiName = new Map(cpi.cpis.map((c) => [c.id, c.name]));
    for (const cell of cpi.cells)
      cell.buckets.forEach((b, i) => {
        if (b.change?.significant)
          out.push({ at: b.start, direction: b.change.delta < 0 ? 'down' : 'up', text: `${tpName.get(cell.touchpointId)} · “${cpiName.get(cell.cpiId)}”: attainment ${sign(b.change.delta)} points in the bucket of ${b.start}`, href: responsesLink(cpi, bucketRange(cpi, cell.buckets, i), { touchpoint: cell.touchpointId }) });
      });
  }
  const sorted = out.sort((a, b) => b.at.localeCompare(a.at));
  const drops: Callout[] = (journey?.touchpoints ?? [])
    .filter((t) => t.drop)
    .map((t) => ({ direction: 'down', text: `Journey: NPS drops at ${t.name} (${t.change.nps ? sign(t.change.nps.delta) : ''} points from the step before)`, href: responsesLink(journey!, null, { touchpoint: t.id }) }));
  return [...drops, ...sorted];
}
