import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cpis, themes } from '../../db/schema';
import { npsDifference, quadrants, sentimentPerformance, themeImpact, type Estimate } from '../metrics/drivers';
import type { NpsCounts } from '../metrics/nps';
import { MIN_N } from '../metrics/series';
import { cpiAggregates, mainAggregates, themeAggregates } from './metrics-sql';
import { aggregate, describeScope, sumRows, type MetricsScope } from './metrics-source';

type CpiField = keyof typeof cpiAggregates & string;

const counts = (n: number, promoters: number, detractors: number): NpsCounts => ({ n: Number(n), promoters: Number(promoters), passives: Number(n) - Number(promoters) - Number(detractors), detractors: Number(detractors) });

/** A driver of NPS: a CPI or a theme, with its importance in NPS points and performance on 0..1. */
export interface Driver {
  kind: 'cpi' | 'theme';
  key: string;
  label: string;
  importance: number;
  ci: [number, number];
  performance: number | null;
  /** Respondents in the two groups compared (yes + no; mentioning + not mentioning). */
  n: number;
  groups: [number, number];
  significant: boolean;
}

const driver = (kind: Driver['kind'], key: string, label: string, e: Estimate, performance: number | null, groups: [number, number]): Driver => ({
  kind, key, label, importance: e.estimate, ci: e.ci, performance, n: groups[0] + groups[1], groups, significant: e.significant,
});

/**
 * Key drivers over the whole range, read from the rollups (the CPI rollups keep the NPS split
 * of the yes and no answers; with an attribute filter, the raw responses): per CPI, importance = NPS(yes) − NPS(no) and performance
 * = attainment; per theme, importance = NPS impact (NPS(all) − NPS(without)) and performance
 * = mean aspect sentiment on 0..1. Drivers with a group under MIN_N are left out (`hidden`).
 */
export async function getDrivers(db: Db, s: MetricsScope) {
  const range = [{ fromHour: s.buckets[0]!.fromHour, toHour: s.buckets[s.buckets.length - 1]!.toHour }];
  const ws = s.workspaceId;
  const [cpiRows, main, themeRows, cpiList, taxonomy] = await Promise.all([
    aggregate<CpiField>(db, s, 'cpi', { ranges: range }),
    aggregate<keyof typeof mainAggregates & string>(db, s, 'main', { ranges: range, fields: ['npsN', 'promoters', 'passives', 'detractors'] }),
    aggregate<keyof typeof themeAggregates & string>(db, s, 'theme', { ranges: range }),
    db.select({ id: cpis.id, name: cpis.name }).from(cpis).where(eq(cpis.workspaceId, ws)).orderBy(asc(cpis.createdAt)),
    db.select({ key: themes.key, label: themes.label, hidden: themes.hidden }).from(themes).where(eq(themes.workspaceId, ws)),
  ]);
  const cpiNames = new Map(cpiList.map((c) => [c.id, c.name]));
  const labels = new Map(taxonomy.map((t) => [t.key, t]));
  const drivers: Driver[] = [];
  let hidden = 0;
  for (const c of cpiRows) {
    const yes = counts(c.yesNpsN, c.yesPromoters, c.yesDetractors);
    const no = counts(c.noNpsN, c.noPromoters, c.noDetractors);
    const e = npsDifference(yes, no);
    if (!e) {
      hidden++;
      continue;
    }
    const answered = Number(c.answered);
    drivers.push(driver('cpi', c.key, cpiNames.get(c.key) ?? c.key, e, (Number(c.yes) + Number(c.partly) / 2) / answered, [yes.n, no.n]));
  }
  const total = sumRows(main, ['npsN', 'promoters', 'detractors'] as const);
  const all = counts(total.npsN, total.promoters, total.detractors);
  for (const r of themeRows) {
    if (labels.get(r.key)?.hidden) continue; // as in GET /metrics/themes
    const label = labels.get(r.key)?.label ?? r.key;
    const mentioning = counts(r.npsN, r.promoters, r.detractors);
    const e = themeImpact(all, mentioning);
    if (!e) {
      hidden++;
      continue;
    }
    const sentiment = Number(r.sentimentN) > 0 ? Number(r.sentimentSumMilli) / 1000 / Number(r.sentimentN) : null;
    drivers.push(driver('theme', r.key, label, e, sentimentPerformance(sentiment), [mentioning.n, all.n - mentioning.n]));
  }
  drivers.sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance) || a.key.localeCompare(b.key));
  // The quadrant of each driver for the importance × performance chart, CPIs and themes apart.
  const cpiQ = quadrants(drivers.filter((d) => d.kind === 'cpi'));
  const themeQ = quadrants(drivers.filter((d) => d.kind === 'theme'));
  return {
    ...describeScope(s),
    minN: MIN_N,
    hidden,
    split: { cpi: cpiQ.split, theme: themeQ.split },
    drivers: drivers.map((d) => ({ ...d, quadrant: (d.kind === 'cpi' ? cpiQ : themeQ).quadrant(d) })),
  };
}
