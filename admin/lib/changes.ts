import type { CpiMetrics, CsatMetrics, JourneyMetrics, NpsMetrics, ThemeMetrics } from '../hooks/use-metrics';
import { signed } from '../components/change-badge';
import { bucketRange, responsesLink, round } from './chart-data';

/** One finding for "What to fix first": a change the API tested as significant, or a missed CPI target. */
export interface Finding {
  text: string;
  direction: 'up' | 'down';
  href: string;
  /** |change| × n: how big it is and how many responses it concerns (significant changes only). */
  impact: number;
  /** The change in points (for a missed target, attainment − target). */
  delta: number;
}

interface Sources {
  npsByTp: { name: string; id: string; metrics: NpsMetrics }[];
  all: NpsMetrics | undefined;
  csat: CsatMetrics | undefined;
  journey: JourneyMetrics | undefined;
  cpi: CpiMetrics | undefined;
  themes: ThemeMetrics | undefined;
  /** "the previous 30 days", for the text of period changes. */
  against: string;
}

const dir = (d: number): Finding['direction'] => (d < 0 ? 'down' : 'up');
const pts = (d: number) => `${signed(d)} points`;

/**
 * Everything the API flagged as significant (it applies the tests and the small-sample rule;
 * nothing is tested here), plus the CPIs whose interval lies below target, ranked by impact:
 * problems first (falls, missed targets, negative themes growing), then improvements, each by
 * |change| × n. Period changes are against the comparison period; bucket changes against the
 * bucket before.
 */
export function rankFindings({ npsByTp, all, csat, journey, cpi, themes, against }: Sources): { problems: Finding[]; improvements: Finding[] } {
  const out: Finding[] = [];
  const add = (f: Omit<Finding, 'impact'>, n: number, problem = f.direction === 'down') => out.push({ ...f, impact: Math.abs(f.delta) * n, direction: problem ? 'down' : 'up' });
  for (const t of [...(all ? [{ name: 'All touchpoints', id: '', metrics: all }] : []), ...npsByTp]) {
    const m = t.metrics;
    const scope = t.id ? { touchpoint: t.id } : {};
    const c = m.comparison;
    if (c?.change?.significant)
      add({ direction: dir(c.change.delta), delta: c.change.delta, text: `${t.name}: NPS ${pts(c.change.delta)} vs ${against} (now ${round(m.total.nps)}, was ${round(c.total.nps)}; n = ${m.total.n})`, href: responsesLink(m, null, scope) }, m.total.n);
    if (!t.id) continue; // the whole scope's buckets repeat its touchpoints' changes
    m.buckets.forEach((b, i) => {
      if (b.change?.significant)
        add({ direction: dir(b.change.delta), delta: b.change.delta, text: `${t.name}: NPS ${pts(b.change.delta)} in the ${m.bucket} of ${b.start} from the one before (now ${round(b.nps)}, n = ${b.n})`, href: responsesLink(m, bucketRange(m, m.buckets, i), scope) }, b.n);
    });
  }
  if (csat) {
    const c = csat.comparison;
    if (c?.change?.significant) add({ direction: dir(c.change.delta), delta: c.change.delta, text: `CSAT ${pts(c.change.delta)} vs ${against} (now ${round(csat.total.csat)} %, was ${round(c.total.csat)} %; n = ${csat.total.n})`, href: responsesLink(csat, null) }, csat.total.n);
    csat.buckets.forEach((b, i) => {
      if (b.change?.significant) add({ direction: dir(b.change.delta), delta: b.change.delta, text: `CSAT ${pts(b.change.delta)} in the ${csat.bucket} of ${b.start} (now ${round(b.csat)} %, n = ${b.n})`, href: responsesLink(csat, bucketRange(csat, csat.buckets, i)) }, b.n);
    });
  }
  if (cpi) {
    const tpName = new Map(cpi.touchpoints.map((t) => [t.id, t.name]));
    const cpiName = new Map(cpi.cpis.map((c) => [c.id, c.name]));
    for (const cell of cpi.cells) {
      const name = `${tpName.get(cell.touchpointId)} · “${cpiName.get(cell.cpiId)}”`;
      const link = responsesLink(cpi, null, { touchpoint: cell.touchpointId });
      if (cell.status === 'missed' && cell.attainment !== null && cell.target !== null)
        add({ direction: 'down', delta: 100 * (cell.attainment - cell.target), text: `${name}: attainment ${round(cell.attainment * 100)} %, below its ${round(cell.target * 100)} % target (missed; n = ${cell.answered})`, href: link }, cell.answered);
      const c = cell.comparison?.change;
      if (c?.significant) add({ direction: dir(c.delta), delta: c.delta, text: `${name}: attainment ${pts(c.delta)} vs ${against} (n = ${cell.answered})`, href: link }, cell.answered);
      cell.buckets.forEach((b, i) => {
        if (b.change?.significant)
          add({ direction: dir(b.change.delta), delta: b.change.delta, text: `${name}: attainment ${pts(b.change.delta)} in the ${cpi.bucket} of ${b.start} (n = ${b.answered})`, href: responsesLink(cpi, bucketRange(cpi, cell.buckets, i), { touchpoint: cell.touchpointId }) }, b.answered);
      });
    }
  }
  for (const t of themes?.themes ?? []) {
    const c = t.comparison?.change;
    // A theme is a problem when a negative one grows or a positive one shrinks.
    if (c?.significant && t.sentiment !== null)
      add({ direction: dir(c.delta), delta: c.delta, text: `Theme “${t.label}”: share of comments ${pts(c.delta)} vs ${against} (sentiment ${round(t.sentiment, 2)}, ${t.mentions} mentions)`, href: responsesLink(themes!, null, { theme: t.key }) }, themes!.analysedComments, (c.delta > 0) === (t.sentiment < 0));
  }
  for (const t of journey?.touchpoints ?? []) {
    if (t.drop && t.change.nps) add({ direction: 'down', delta: t.change.nps.delta, text: `Journey: NPS drops at ${t.name}, ${pts(t.change.nps.delta)} from the step before (n = ${t.nps.n})`, href: responsesLink(journey!, null, { touchpoint: t.id }) }, t.nps.n);
  }
  const byImpact = (a: Finding, b: Finding) => b.impact - a.impact;
  return { problems: out.filter((f) => f.direction === 'down').sort(byImpact), improvements: out.filter((f) => f.direction === 'up').sort(byImpact) };
}
