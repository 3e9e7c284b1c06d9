import { sql, type SQL } from 'drizzle-orm';

// The aggregates behind every metric, written twice: summed from the rollup tables,
// and recomputed from raw responses with the same rules as services/contribution.ts. The
// raw side serves attribute filters (rollups carry no attributes) and the rollup check.

const scored = 'r.sentiment_score IS NOT NULL AND r.sentiment_label IS NOT NULL';
/** Math.round(score × 1000), as contribution.ts does: floor(x + 0.5) without SQLite's optional math functions. */
const milliOf = (score: string) => `CASE WHEN ${scored} THEN (CAST(${score} * 1000 + 0.5 AS INTEGER) - (${score} * 1000 + 0.5 < CAST(${score} * 1000 + 0.5 AS INTEGER))) END`;
const milli = milliOf('r.sentiment_score');
/** A theme mention's sentiment: its aspect's score when the analysis has one, else the comment's. */
const aspectMilli = milliOf(`coalesce(json_extract(j.value, '$.sentiment'), r.sentiment_score)`);
const n = (expr: string) => `coalesce(sum(${expr}), 0)`;

type Aggregates = Record<string, [string, string]>;

/** Output name → [sum over rollup rows `r`, aggregate over raw responses `r`]. */
export const mainAggregates = {
  responses: ['r.responses', 'count(*)'],
  completed: ['r.completed', n(`r.status = 'complete'`)],
  npsN: ['r.nps_n', 'count(r.nps)'],
  promoters: ['r.promoters', n('r.nps >= 9')],
  passives: ['r.passives', n('r.nps BETWEEN 7 AND 8')],
  detractors: ['r.detractors', n('r.nps <= 6')],
  csatN: ['r.csat_n', 'count(r.csat)'],
  csatSum: ['r.csat_sum', n('r.csat')],
  csatSatisfied: ['r.csat_satisfied', n('r.csat >= 4')],
  cesN: ['r.ces_n', 'count(r.ces)'],
  cesSum: ['r.ces_sum', n('r.ces')],
  cesHigh: ['r.ces_high', n('r.ces >= 5')],
  comments: ['r.comments', 'count(r.comment)'],
  sentimentN: ['r.sentiment_n', n(scored)],
  sentimentSumMilli: ['r.sentiment_sum_milli', n(milli)],
  sentimentPositive: ['r.sentiment_positive', n(`${scored} AND r.sentiment_label = 'positive'`)],
  sentimentNeutral: ['r.sentiment_neutral', n(`${scored} AND r.sentiment_label = 'neutral'`)],
  sentimentNegative: ['r.sentiment_negative', n(`${scored} AND r.sentiment_label = 'negative'`)],
} satisfies Aggregates;

const answer = `json_extract(j.value, '$.answer')`;
export const cpiAggregates = {
  answered: ['r.answered', 'count(*)'],
  yes: ['r.yes', n(`${answer} = 'yes'`)],
  partly: ['r.partly', n(`${answer} = 'partly'`)],
  no: ['r."no"', n(`${answer} = 'no'`)],
  yesNpsN: ['r.yes_nps_n', n(`${answer} = 'yes' AND r.nps IS NOT NULL`)],
  yesPromoters: ['r.yes_promoters', n(`${answer} = 'yes' AND r.nps >= 9`)],
  yesDetractors: ['r.yes_detractors', n(`${answer} = 'yes' AND r.nps <= 6`)],
  noNpsN: ['r.no_nps_n', n(`${answer} = 'no' AND r.nps IS NOT NULL`)],
  noPromoters: ['r.no_promoters', n(`${answer} = 'no' AND r.nps >= 9`)],
  noDetractors: ['r.no_detractors', n(`${answer} = 'no' AND r.nps <= 6`)],
} satisfies Aggregates;

export const themeAggregates = {
  mentions: ['r.mentions', 'count(*)'],
  npsN: ['r.nps_n', 'count(r.nps)'],
  promoters: ['r.promoters', n('r.nps >= 9')],
  detractors: ['r.detractors', n('r.nps <= 6')],
  sentimentN: ['r.sentiment_n', n(scored)],
  sentimentSumMilli: ['r.sentiment_sum_milli', n(aspectMilli)],
} satisfies Aggregates;

export type Kind = 'main' | 'cpi' | 'theme';
export const aggregates: Record<Kind, Aggregates> = { main: mainAggregates, cpi: cpiAggregates, theme: themeAggregates };
export type Grain = 'hour' | 'day';
export const rollupTable: Record<Grain, Record<Kind, string>> = {
  hour: { main: 'rollups', cpi: 'cpi_rollups', theme: 'theme_rollups' },
  day: { main: 'daily_rollups', cpi: 'daily_cpi_rollups', theme: 'daily_theme_rollups' },
};
/** The same per segment value (no theme grain: a theme filtered by segment reads raw responses). */
export const segmentRollupTable: Record<Grain, Record<Kind, string>> = {
  hour: { main: 'segment_rollups', cpi: 'segment_cpi_rollups', theme: 'theme_rollups' },
  day: { main: 'daily_segment_rollups', cpi: 'daily_segment_cpi_rollups', theme: 'daily_theme_rollups' },
};
/** Raw responses (`r`) expanded into one row per CPI answer or theme mention (`j`). */
export const rawSource: Record<Kind, string> = {
  main: 'responses r',
  cpi: 'responses r CROSS JOIN json_each(r.cpi_answers) j',
  theme: `responses r CROSS JOIN json_each(r.analysis, '$.themes') j`,
};
/** The extra key of each kind: [rollup column, raw expression]. */
export const extraKey: Record<Kind, [string, string] | null> = {
  main: null,
  cpi: ['r.cpi_id', `json_extract(j.value, '$.cpiId')`],
  theme: ['r.theme_key', `json_extract(j.value, '$.key')`],
};

/**
 * The SELECT list of sums, `sum(expr) AS "name"` for rollups (negated for rows being taken
 * away) or the raw aggregate; only `fields` when given, since every summed column costs
 * time on a year of hour rows.
 */
export function selectListText(kind: Kind, source: 'rollups' | 'raw', fields?: readonly string[], sign: 1 | -1 = 1): string {
  const parts = fieldNames(kind, fields).map((name) => {
    const [rollup, raw] = aggregates[kind][name]!;
    return source === 'rollups' ? `${sign < 0 ? '-' : ''}coalesce(sum(${rollup}), 0) AS "${name}"` : `${raw} AS "${name}"`;
  });
  return parts.join(', ');
}
export const selectList = (kind: Kind, source: 'rollups' | 'raw', fields?: readonly string[], sign: 1 | -1 = 1): SQL => sql.raw(selectListText(kind, source, fields, sign));

/** The output names a select list has: every aggregate of the kind, or only `fields`. */
export const fieldNames = (kind: Kind, fields?: readonly string[]): string[] => Object.keys(aggregates[kind]).filter((name) => !fields || fields.includes(name));
