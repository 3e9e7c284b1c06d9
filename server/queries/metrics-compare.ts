import type { Db } from '../../db/client';
import type { Workspace } from '../../db/schema';
import { ApiError } from '../errors';
import { periodChange, previousPeriod } from '../metrics/compare';
import { npsChange } from '../metrics/nps';
import { twoProportionChange } from '../metrics/proportions';
import { isoDate, parseIsoDate } from '../metrics/time-zone';
import type { ComparedQuery } from '../schemas/metrics';
import { getCes, getCsat, getNps, getSentiment, inPoints } from './metrics';
import { getCpiMatrix } from './metrics-cpi';
import { getJourney } from './metrics-journey';
import { getThemes } from './metrics-themes';
import { resolveScope, withSegments, type MetricsScope } from './metrics-source';

/**
 * The comparison period of a request, with the same filters and bucket; null without one.
 * `compare=previous` is the same number of days just before `from`; `compareFrom` and
 * `compareTo` choose one.
 */
export function comparisonScope(workspace: Workspace, q: ComparedQuery, s: MetricsScope): MetricsScope | null {
  const custom = q.compareFrom !== undefined || q.compareTo !== undefined;
  if (q.compare && custom) throw new ApiError(400, 'invalid_comparison', 'Use either compare=previous or compareFrom and compareTo, not both');
  if (custom && (q.compareFrom === undefined || q.compareTo === undefined)) throw new ApiError(400, 'invalid_comparison', '"compareFrom" and "compareTo" go together');
  if (!q.compare && !custom) return null;
  if (custom && q.compareFrom! > q.compareTo!) throw new ApiError(400, 'invalid_comparison', `"compareFrom" (${isoDate(q.compareFrom!)}) is after "compareTo" (${isoDate(q.compareTo!)})`);
  const [from, to] = custom ? [q.compareFrom!, q.compareTo!] : previousPeriod(parseIsoDate(s.from)!, parseIsoDate(s.to)!);
  const c = resolveScope(workspace, { ...q, tz: s.tz, from, to });
  return s.segment ? { ...c, segment: true } : c;
}

/** A request's period and its comparison period (null without one). */
export interface Periods {
  s: MetricsScope;
  c: MetricsScope | null;
}

/** Resolves both periods of a request; `segments` reads a ready segment key's rollups (all endpoints but themes). */
export async function resolvePeriods(db: Db, workspace: Workspace, q: ComparedQuery, segments = true): Promise<Periods> {
  const s = segments ? await withSegments(db, resolveScope(workspace, q)) : resolveScope(workspace, q);
  return { s, c: comparisonScope(workspace, q, s) };
}

const period = (c: MetricsScope) => ({ from: c.from, to: c.to });

/** Runs `get` on both periods at once and joins them; without a comparison, the plain answer. */
async function compared<T, C>(db: Db, { s, c }: Periods, get: (db: Db, s: MetricsScope) => Promise<T>, join: (now: T, before: T, c: MetricsScope) => T & { comparison: C }) {
  if (!c) return (await get(db, s)) as T & { comparison?: C };
  const [now, before] = await Promise.all([get(db, s), get(db, c)]);
  return join(now, before, c) as T & { comparison?: C };
}

/** A totals-and-buckets answer with the comparison period's total, its buckets and the change of the total. */
const series =
  <T extends { total: { n: number }; buckets: unknown[] }>(test: (before: T['total'], now: T['total']) => ReturnType<typeof npsChange>) =>
  (now: T, before: T, c: MetricsScope) => ({
    ...now,
    comparison: { ...period(c), total: before.total as T['total'], buckets: before.buckets as T['buckets'], change: periodChange(test(before.total, now.total), before.total.n, now.total.n) },
  });

type Nps = Awaited<ReturnType<typeof getNps>>;
type Csat = Awaited<ReturnType<typeof getCsat>>;
type Ces = Awaited<ReturnType<typeof getCes>>;
type Sentiment = Awaited<ReturnType<typeof getSentiment>>;

/** NPS with the comparison period: the change is tested as a difference over its combined standard error. */
export const getNpsCompared = (db: Db, p: Periods) => compared(db, p, getNps, series<Nps>((a, b) => npsChange(a, b)));
/** CSAT with the comparison period: two-proportion test on the satisfied share, in points. */
export const getCsatCompared = (db: Db, p: Periods) =>
  compared(db, p, getCsat, series<Csat>((a, b) => inPoints(twoProportionChange(a.satisfied, a.n, b.satisfied, b.n))));
/** CES with the comparison period: two-proportion test on the share ≥ 5, in points. */
export const getCesCompared = (db: Db, p: Periods) => compared(db, p, getCes, series<Ces>((a, b) => inPoints(twoProportionChange(a.high, a.n, b.high, b.n))));
/** Sentiment with the comparison period: two-proportion test on the negative share, in points. */
export const getSentimentCompared = (db: Db, p: Periods) =>
  compared(db, p, getSentiment, series<Sentiment>((a, b) => inPoints(twoProportionChange(a.negative, a.n, b.negative, b.n))));

/** The journey with each touchpoint's NPS and CSAT in the comparison period and their changes. */
export const getJourneyCompared = (db: Db, p: Periods) =>
  compared(db, p, getJourney, (now, before, c) => {
    const prev = new Map(before.touchpoints.map((t) => [t.id, t]));
    return {
      ...now,
      comparison: period(c),
      touchpoints: now.touchpoints.map((t) => {
        const b = prev.get(t.id);
        if (!b) return { ...t, comparison: null };
        return {
          ...t,
          comparison: {
            nps: b.nps,
            csat: b.csat,
            change: {
              nps: periodChange(npsChange(b.nps, t.nps), b.nps.n, t.nps.n),
              csat: periodChange(inPoints(twoProportionChange(b.csat.satisfied, b.csat.n, t.csat.satisfied, t.csat.n)), b.csat.n, t.csat.n),
            },
          },
        };
      }),
    };
  });

/** The CPI matrix with each cell's attainment in the comparison period and the change (two-proportion test, points). */
export const getCpiCompared = (db: Db, p: Periods) =>
  compared(db, p, getCpiMatrix, (now, before, c) => {
    const prev = new Map(before.cells.map((x) => [`${x.touchpointId}\u0000${x.cpiId}`, x]));
    return {
      ...now,
      comparison: period(c),
      cells: now.cells.map((x) => {
        const b = prev.get(`${x.touchpointId}\u0000${x.cpiId}`);
        if (!b) return { ...x, comparison: null };
        const change = periodChange(inPoints(twoProportionChange(b.attained, b.answered, x.attained, x.answered)), b.answered, x.answered);
        return { ...x, comparison: { answered: b.answered, attained: b.attained, attainment: b.attainment, interval: b.interval, status: b.status, change } };
      }),
    };
  });

/** Themes with each theme's mentions, share and NPS impact in the comparison period; the share change is tested. */
export const getThemesCompared = (db: Db, p: Periods) =>
  compared(db, p, getThemes, (now, before, c) => {
    const prev = new Map(before.themes.map((t) => [t.key, t]));
    return {
      ...now,
      comparison: { ...period(c), comments: before.comments, analysedComments: before.analysedComments, nps: before.nps },
      themes: now.themes.map((t) => {
        const b = prev.get(t.key);
        const mentions = b?.mentions ?? 0;
        const change = periodChange(inPoints(twoProportionChange(mentions, before.analysedComments, t.mentions, now.analysedComments)), before.analysedComments, now.analysedComments);
        return { ...t, comparison: { mentions, share: before.analysedComments > 0 ? mentions / before.analysedComments : null, sentiment: b?.sentiment ?? null, npsImpact: b?.npsImpact ?? null, change } };
      }),
    };
  });
