import type { CesMetrics, CpiMetrics, CsatMetrics, JourneyMetrics, NpsMetrics, SentimentMetrics, ThemeMetrics } from '../hooks/use-metrics';
import type { Cell } from './export';

// The CSV of each chart and table: the API's figures, unrounded, one row per bucket (or per
// touchpoint, cell, theme), with the comparison period's rows after the current ones.

interface Change {
  delta: number;
  significant: boolean;
}
const change = (c: Change | null | undefined): Cell[] => [c?.delta ?? null, c ? c.significant : null];

/** Rows of a bucketed series in both periods: [period, bucket start, partial, …stats, change, significant]. */
function seriesRows<B extends { start: string; partial: boolean; change: Change | null }>(
  m: { buckets: B[]; comparison?: { buckets: B[] } | undefined },
  head: string[],
  stats: (b: B) => Cell[],
): Cell[][] {
  const rows = (period: string, list: B[]) => list.map((b) => [period, b.start, b.partial, ...stats(b), ...change(b.change)]);
  return [['period', 'bucket start', 'partial', ...head, 'change from previous bucket', 'significant'], ...rows('current', m.buckets), ...rows('comparison', m.comparison?.buckets ?? [])];
}

export const npsRows = (m: NpsMetrics) => seriesRows(m, ['n', 'promoters', 'passives', 'detractors', 'nps', 'margin'], (b) => [b.n, b.promoters, b.passives, b.detractors, b.nps, b.margin]);
export const csatRows = (m: CsatMetrics) => seriesRows(m, ['n', 'satisfied', 'csat', 'margin'], (b) => [b.n, b.satisfied, b.csat, b.margin]);
export const cesRows = (m: CesMetrics) => seriesRows(m, ['n', 'mean', 'share >= 5', 'margin'], (b) => [b.n, b.mean, b.shareHigh, b.margin]);
export const sentimentRows = (m: SentimentMetrics) =>
  seriesRows(m, ['n', 'mean', 'positive', 'neutral', 'negative'], (b) => [b.n, b.mean, b.positive, b.neutral, b.negative]);

export const journeyRows = (j: JourneyMetrics): Cell[][] => [
  ['touchpoint', 'position', 'n', 'nps', 'margin', 'csat', 'change from previous step', 'significant', 'comparison nps', 'change vs comparison', 'significant'],
  ...j.touchpoints.map((t) => [t.name, t.position, t.nps.n, t.nps.nps, t.nps.margin, t.csat.csat, ...change(t.change.nps), t.comparison?.nps.nps ?? null, ...change(t.comparison?.change.nps)]),
];

export const cpiRows = (c: CpiMetrics): Cell[][] => {
  const tp = new Map(c.touchpoints.map((t) => [t.id, t.name]));
  const cpi = new Map(c.cpis.map((x) => [x.id, x.name]));
  return [
    ['touchpoint', 'cpi', 'answered', 'attainment', 'interval low', 'interval high', 'target', 'status', 'comparison attainment', 'change vs comparison (points)', 'significant'],
    ...c.cells.map((x) => [tp.get(x.touchpointId) ?? x.touchpointId, cpi.get(x.cpiId) ?? x.cpiId, x.answered, x.attainment, x.interval?.low ?? null, x.interval?.high ?? null, x.target, x.status, x.comparison?.attainment ?? null, ...change(x.comparison?.change)]),
  ];
};

export const themeRows = (t: ThemeMetrics): Cell[][] => [
  ['theme', 'category', 'mentions', 'share', 'sentiment', 'nps impact', 'comparison share', 'share change vs comparison (points)', 'significant'],
  ...t.themes.map((x) => [x.label, x.category, x.mentions, x.share, x.sentiment, x.npsImpact, x.comparison?.share ?? null, ...change(x.comparison?.change)]),
];
