import { asc, eq } from 'drizzle-orm';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cpis, themes } from '../../db/schema';
import { npsDifference, quadrants, sentimentPerformance, themeImpact, type Estimate } from '../metrics/drivers';
import type { NpsCounts } from '../metrics/nps';
import { MIN_N } from '../metrics/series';
import { mainAggregates, themeAggregates } from './metrics-sql';
import { aggregate, attributeText, describeScope, sumRows, type MetricsScope } from './metrics-source';

const HOUR = 3_600_000;

interface CpiSplit {
  cpiId: string;
  answered: number;
  yes: number;
  partly: number;
  no: number;
  yesN: number;
  yesP: number;
  yesD: number;
  noN: number;
  noP: number;
  noD: number;
}

/**
 * Per CPI, its answers and the NPS counts of the respondents who answered yes and no. The
 * rollups count CPI answers and NPS separately, so this joint split reads the raw responses
 * of the range: one statement over the (workspace, touchpoint, created_at) index range (or
 * the (workspace, created_at) one), cost linear in the responses in range (docs/METRICS.md).
 */
async function cpiSplit(db: Db, s: MetricsScope, fromMs: number, toMs: number): Promise<CpiSplit[]> {
  const filters: SQL[] = [sql`r.workspace_id = ${s.workspaceId}`];
  if (s.touchpointId) filters.push(sql`r.touchpoint_id = ${s.touchpointId}`);
  if (s.surveyId) filters.push(sql`r.survey_id = ${s.surveyId}`);
  filters.push(sql`r.created_at >= ${fromMs} AND r.created_at < ${toMs}`);
  if (s.attribute) filters.push(sql`${attributeText(s.attribute.key)} = ${s.attribute.value}`);
  // Rows without CPI answers are skipped before json_each expands anything.
  filters.push(sql`r.cpi_answers <> '[]'`);
  return db.all<CpiSplit>(sql`SELECT "cpiId", count(*) AS "answered",
      coalesce(sum(a = 'yes'), 0) AS "yes", coalesce(sum(a = 'partly'), 0) AS "partly", coalesce(sum(a = 'no'), 0) AS "no",
      coalesce(sum(a = 'yes' AND nps IS NOT NULL), 0) AS "yesN", coalesce(sum(a = 'yes' AND nps >= 9), 0) AS "yesP", coalesce(sum(a = 'yes' AND nps <= 6), 0) AS "yesD",
      coalesce(sum(a = 'no' AND nps IS NOT NULL), 0) AS "noN", coalesce(sum(a = 'no' AND nps >= 9), 0) AS "noP", coalesce(sum(a = 'no' AND nps <= 6), 0) AS "noD"
    FROM (SELECT json_extract(j.value, '$.cpiId') AS "cpiId", json_extract(j.value, '$.answer') AS a, r.nps AS nps
      FROM responses r CROSS JOIN json_each(r.cpi_answers) j WHERE ${sql.join(filters, sql` AND `)})
    GROUP BY 1`);
}

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
 * Key drivers over the whole range: per CPI, importance = NPS(yes) − NPS(no) and performance
 * = attainment; per theme, importance = NPS impact (NPS(all) − NPS(without)) and performance
 * = mean aspect sentiment on 0..1. Drivers with a group under MIN_N are left out (`hidden`).
 */
export async function getDrivers(db: Db, s: MetricsScope) {
  const range = [{ fromHour: s.buckets[0]!.fromHour, toHour: s.buckets[s.buckets.length - 1]!.toHour }];
  const ws = s.workspaceId;
  const [cpiRows, main, themeRows, cpiList, taxonomy] = await Promise.all([
    cpiSplit(db, s, range[0]!.fromHour * HOUR, range[0]!.toHour * HOUR),
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
    const yes = counts(c.yesN, c.yesP, c.yesD);
    const no = counts(c.noN, c.noP, c.noD);
    const e = npsDifference(yes, no);
    if (!e) {
      hidden++;
      continue;
    }
    const answered = Number(c.answered);
    drivers.push(driver('cpi', c.cpiId, cpiNames.get(c.cpiId) ?? c.cpiId, e, (Number(c.yes) + Number(c.partly) / 2) / answered, [yes.n, no.n]));
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
