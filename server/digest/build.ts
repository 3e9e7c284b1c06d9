import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { touchpoints, type Workspace } from '../../db/schema';
import { sentimentPerformance } from '../metrics/drivers';
import { MIN_N } from '../metrics/series';
import { isoDate } from '../metrics/time-zone';
import { listAccounts } from '../queries/account-health';
import { dailyAnomalies } from '../queries/anomalies';
import { loopStatus, themeVerbatims } from '../queries/digest-facts';
import { mainSeriesByTouchpoint, scoreSeries, type MainCounts } from '../queries/metrics';
import { getCpiMatrix } from '../queries/metrics-cpi';
import { aggregate, groupBy, resolveScope, sumRows } from '../queries/metrics-source';
import { getThemes } from '../queries/metrics-themes';
import { accountsQuery } from '../schemas/accounts';

const HOUR = 3_600_000;
/** Weeks of volume the digest's week is compared with. */
export const VOLUME_WEEKS = 4;
/** Themes and verbatims the digest shows. */
export const DIGEST_THEMES = 3;

type Series<T> = T & { change: { delta: number; z: number | null; significant: boolean } | null; smallSample: boolean };
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;

/**
 * The weekly digest of week `week` (its local Monday, days since the epoch): what moved,
 * where and why. Every figure comes from the same queries and tests as the dashboard, on
 * five weekly buckets (the week and the four before it), so a change the digest calls
 * significant is the one the NPS, CSAT, CES and CPI charts flag for the same two weeks.
 */
export async function buildDigest(db: Db, workspace: Workspace, week: number, now = Date.now()) {
  const ws = workspace.id;
  const trend = resolveScope(workspace, { bucket: 'week', from: week - 7 * VOLUME_WEEKS, to: week + 6 }, now);
  const only = resolveScope(workspace, { bucket: 'week', from: week, to: week + 6 }, now);
  const fromMs = only.buckets[0]!.fromHour * HOUR;
  const toMs = only.buckets[0]!.toHour * HOUR;
  const redQuery = accountsQuery.parse({ band: 'red', limit: 500 });

  const [tps, main, cpiTrend, cpiWeek, themeList, themeSentiment, loops, redNow, redBefore, days] = await Promise.all([
    db.select({ id: touchpoints.id, name: touchpoints.name }).from(touchpoints).where(eq(touchpoints.workspaceId, ws)).orderBy(asc(touchpoints.position)),
    mainSeriesByTouchpoint(db, trend, ['responses', 'npsN', 'promoters', 'passives', 'detractors', 'csatN', 'csatSatisfied', 'cesN', 'cesSum', 'cesHigh']),
    getCpiMatrix(db, trend),
    getCpiMatrix(db, only),
    getThemes(db, trend),
    aggregate(db, trend, 'theme', { fields: ['sentimentN', 'sentimentSumMilli'] as const }),
    loopStatus(db, ws, fromMs, toMs),
    listAccounts(db, workspace, { ...redQuery, to: week + 6 }, now),
    listAccounts(db, workspace, { ...redQuery, to: week - 1 }, now),
    dailyAnomalies(db, workspace, week, week + 6),
  ]);
  const cpiNames = new Map(cpiWeek.cpis.map((c) => [c.id, c.name]));

  // Per touchpoint: the week's NPS, CSAT and CES with n, margin and the change from the week before.
  const weekOf = <T>(s: Series<T>[]): Series<T> => last(s);
  const perTouchpoint = tps.map((tp) => {
    const counts: MainCounts[] | undefined = main.get(tp.id);
    const cells = cpiTrend.cells.filter((c) => c.touchpointId === tp.id);
    return {
      touchpointId: tp.id,
      name: tp.name,
      responses: counts ? last(counts).responses : 0,
      nps: counts ? weekOf(scoreSeries.nps(trend, counts)) : null,
      csat: counts ? weekOf(scoreSeries.csat(trend, counts)) : null,
      ces: counts ? weekOf(scoreSeries.ces(trend, counts)) : null,
      cpis: cells.map((cell) => {
        const total = cpiWeek.cells.find((c) => c.touchpointId === tp.id && c.cpiId === cell.cpiId);
        const b = last(cell.buckets);
        return { cpiId: cell.cpiId, name: cpiNames.get(cell.cpiId) ?? cell.cpiId, attainment: b.attainment, answered: b.answered, interval: total?.interval ?? null, target: total?.target ?? null, status: total?.status ?? null, change: b.change, smallSample: b.smallSample };
      }),
    };
  });

  const significantChanges = perTouchpoint.flatMap((tp) => {
    const out: { touchpointId: string; touchpoint: string; metric: 'nps' | 'csat' | 'ces' | 'cpi'; cpiId: string | null; label: string; value: number | null; delta: number; z: number | null; n: number; margin: number | null }[] = [];
    const at = { touchpointId: tp.touchpointId, touchpoint: tp.name };
    if (tp.nps?.change?.significant) out.push({ ...at, metric: 'nps', cpiId: null, label: 'NPS', value: tp.nps.nps, delta: tp.nps.change.delta, z: tp.nps.change.z, n: tp.nps.n, margin: tp.nps.margin });
    if (tp.csat?.change?.significant) out.push({ ...at, metric: 'csat', cpiId: null, label: 'CSAT', value: tp.csat.csat, delta: tp.csat.change.delta, z: tp.csat.change.z, n: tp.csat.n, margin: tp.csat.margin });
    if (tp.ces?.change?.significant) out.push({ ...at, metric: 'ces', cpiId: null, label: 'CES (share ≥ 5)', value: tp.ces.shareHigh, delta: tp.ces.change.delta, z: tp.ces.change.z, n: tp.ces.n, margin: tp.ces.margin });
    for (const c of tp.cpis) {
      if (!c.change?.significant) continue;
      const margin = c.interval && c.attainment !== null ? (100 * (c.interval.high - c.interval.low)) / 2 : null;
      out.push({ ...at, metric: 'cpi', cpiId: c.cpiId, label: c.name, value: c.attainment === null ? null : 100 * c.attainment, delta: c.change.delta, z: c.change.z, n: c.answered, margin });
    }
    return out;
  });

  const cpisBelowTarget = perTouchpoint.flatMap((tp) =>
    tp.cpis.filter((c) => c.status === 'missed').map((c) => ({ touchpointId: tp.touchpointId, touchpoint: tp.name, cpiId: c.cpiId, name: c.name, attainment: c.attainment, interval: c.interval, target: c.target, answered: c.answered })),
  );

  // Themes: the share change (two-proportion test, points) and the aspect-sentiment change
  // (on the 0–100 performance scale of key drivers) from the week before; the larger moves first.
  const sentimentRows = groupBy(themeSentiment, (r) => r.key);
  const meanAt = (key: string, bucket: number) => {
    const t = sumRows((sentimentRows.get(key) ?? []).filter((r) => r.bucket === bucket), ['sentimentN', 'sentimentSumMilli'] as const);
    return t.sentimentN > 0 ? t.sentimentSumMilli / 1000 / t.sentimentN : null;
  };
  const wk = trend.buckets.length - 1;
  const moved = themeList.themes
    .map((t) => {
      const [before, after] = [t.buckets[wk - 1]!, t.buckets[wk]!];
      const [sBefore, sAfter] = [meanAt(t.key, wk - 1), meanAt(t.key, wk)];
      const sentimentDelta = sBefore !== null && sAfter !== null ? sAfter - sBefore : null;
      const movement = Math.max(Math.abs(after.change?.delta ?? 0), Math.abs(50 * (sentimentDelta ?? 0)));
      return {
        key: t.key,
        label: t.label,
        mentions: after.mentions,
        share: after.share,
        shareBefore: before.share,
        shareChange: after.change,
        sentiment: sAfter,
        sentimentBefore: sBefore,
        sentimentDelta,
        sentimentPerformance: sentimentPerformance(sAfter),
        movement,
      };
    })
    .filter((t) => t.mentions > 0 && t.movement > 0)
    .sort((a, b) => Number(!!b.shareChange?.significant) - Number(!!a.shareChange?.significant) || b.movement - a.movement || a.key.localeCompare(b.key))
    .slice(0, DIGEST_THEMES);
  const quotes = await themeVerbatims(db, ws, moved.map((t) => ({ key: t.key, worstFirst: (t.sentimentDelta ?? 0) < 0 || (t.shareChange?.delta ?? 0) > 0 })), fromMs, toMs);
  const themesMoved = moved.map((t) => ({ ...t, verbatims: quotes.get(t.key) ?? [] }));

  const totals = trend.buckets.map((_, i) => [...main.values()].reduce((s, c) => s + c[i]!.responses, 0));
  const previous = totals.slice(0, VOLUME_WEEKS);
  const previousMean = previous.reduce((a, b) => a + b, 0) / VOLUME_WEEKS;
  const redBeforeSet = new Set(redBefore.accounts.map((a) => a.account));

  return {
    workspace: { id: ws, name: workspace.name, timeZone: trend.tz },
    week: isoDate(week),
    weekEnd: isoDate(week + 6),
    previousWeek: isoDate(week - 7),
    significantChanges,
    touchpoints: perTouchpoint,
    themes: themesMoved,
    cpisBelowTarget,
    loops,
    volume: {
      responses: last(totals),
      previousWeeks: previous.map((n, i) => ({ week: trend.buckets[i]!.start, responses: n })),
      previousMean,
      changePercent: previousMean > 0 ? (100 * (last(totals) - previousMean)) / previousMean : null,
    },
    accountsTurnedRed: redNow.accounts
      .filter((a) => !redBeforeSet.has(a.account))
      .map((a) => ({ account: a.account, revenue: a.revenue, renewalDate: a.renewalDate, score: a.health.score, lastResponseAt: a.lastResponseAt })),
    arrAtRisk: redNow.summary.arrAtRisk,
    anomalies: days.flatMap((d) => [
      ...(d.volume?.flaggedAt.length ? [{ day: d.day, metric: 'volume' as const, n: d.responses, ...d.volume }] : []),
      ...(d.npsScore?.flaggedAt.length ? [{ day: d.day, metric: 'nps' as const, n: d.npsN, ...d.npsScore }] : []),
    ]),
    /** Changes are tested only when both weeks have at least this many answers. */
    minN: MIN_N,
  };
}

export type Digest = Awaited<ReturnType<typeof buildDigest>>;
