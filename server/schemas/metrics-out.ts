import { z } from 'zod';

// What the metrics endpoints answer (docs/METRICS.md gives the formulas).

const change = z
  .object({ delta: z.number(), z: z.number().nullable(), significant: z.boolean() })
  .nullable()
  .describe('Against the previous bucket: the difference, its z statistic and whether it is significant at 95 %');

/** The scope every metrics answer echoes: filters, range, bucket, time zone and where it was read from. */
export const metricsScope = {
  filters: z.object({ touchpoint: z.string().nullable(), survey: z.string().nullable(), attribute: z.object({ key: z.string(), value: z.string() }).nullable() }),
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['day', 'week', 'month']),
  timeZone: z.object({ name: z.string(), hourAligned: z.boolean() }),
  source: z.enum(['responses', 'rollups']),
};
const periodChange = change.describe('Against the comparison period: the difference, its z statistic and whether it is significant at 95 % (never with fewer than 30 answers on either side)');
const period = { from: z.string().describe('First day of the comparison period'), to: z.string().describe('Last day of the comparison period') };
/** A totals-and-buckets answer's comparison: the same figures over the comparison period. */
const seriesComparison = <T extends z.ZodRawShape>(stats: T) =>
  z
    .object({ ...period, total: z.object(stats), buckets: z.array(z.object({ ...bucket, ...stats })), change: periodChange })
    .optional()
    .describe('With `compare` or `compareFrom` / `compareTo`: the comparison period, its figures and the change of the total');

const bucket = { start: z.string(), partial: z.boolean(), smallSample: z.boolean(), change };

const npsStats = { nps: z.number().nullable(), margin: z.number().nullable(), n: z.number().int(), promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int() };
const csatStats = { n: z.number().int(), satisfied: z.number().int(), csat: z.number().nullable(), margin: z.number().nullable() };
const cesStats = { n: z.number().int(), mean: z.number().nullable(), high: z.number().int(), shareHigh: z.number().nullable(), margin: z.number().nullable() };
const shares = z.object({ positive: z.number(), neutral: z.number(), negative: z.number() }).nullable();
const sentimentStats = { n: z.number().int(), mean: z.number().nullable(), positive: z.number().int(), neutral: z.number().int(), negative: z.number().int(), shares };

export const npsMetrics = z
  .object({ total: z.object(npsStats), buckets: z.array(z.object({ ...bucket, ...npsStats })), comparison: seriesComparison(npsStats), ...metricsScope })
  .meta({ id: 'NpsMetrics' });
export const csatMetrics = z.object({ total: z.object(csatStats), buckets: z.array(z.object({ ...bucket, ...csatStats })), comparison: seriesComparison(csatStats), ...metricsScope }).meta({ id: 'CsatMetrics' });
export const cesMetrics = z.object({ total: z.object(cesStats), buckets: z.array(z.object({ ...bucket, ...cesStats })), comparison: seriesComparison(cesStats), ...metricsScope }).meta({ id: 'CesMetrics' });
export const sentimentMetrics = z
  .object({ total: z.object(sentimentStats), buckets: z.array(z.object({ ...bucket, ...sentimentStats })), comparison: seriesComparison(sentimentStats), ...metricsScope })
  .meta({ id: 'SentimentMetrics' });

export const journeyMetrics = z
  .object({
    touchpoints: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        position: z.number().int(),
        responses: z.number().int(),
        nps: z.object(npsStats),
        csat: z.object(csatStats),
        smallSample: z.boolean(),
        change: z.object({ nps: change, csat: change }),
        drop: z.boolean(),
        comparison: z
          .object({ nps: z.object(npsStats), csat: z.object(csatStats), change: z.object({ nps: periodChange, csat: periodChange }) })
          .nullable()
          .optional()
          .describe('With a comparison period: this touchpoint there and the changes (null when it did not exist then)'),
      }),
    ),
    comparison: z.object(period).optional().describe('The comparison period, when one was asked for'),
    ...metricsScope,
  })
  .meta({ id: 'JourneyMetrics' });

export const cpiMetrics = z
  .object({
    touchpoints: z.array(z.object({ id: z.string(), name: z.string(), position: z.number().int() })),
    cpis: z.array(z.object({ id: z.string(), name: z.string() })),
    cells: z.array(
      z.object({
        touchpointId: z.string(),
        cpiId: z.string(),
        answered: z.number().int(),
        yes: z.number().int(),
        partly: z.number().int(),
        no: z.number().int(),
        attained: z.number(),
        attainment: z.number().nullable(),
        interval: z.object({ low: z.number(), high: z.number() }).nullable().describe('Wilson 95 % interval of the attainment'),
        target: z.number().nullable(),
        status: z.enum(['met', 'missed', 'uncertain']).nullable(),
        smallSample: z.boolean(),
        buckets: z.array(z.object({ ...bucket, answered: z.number().int(), attained: z.number(), attainment: z.number().nullable() })),
        comparison: z
          .object({
            answered: z.number().int(),
            attained: z.number(),
            attainment: z.number().nullable(),
            interval: z.object({ low: z.number(), high: z.number() }).nullable(),
            status: z.enum(['met', 'missed', 'uncertain']).nullable(),
            change: periodChange.describe('Attainment change in points against the comparison period (two-proportion test)'),
          })
          .nullable()
          .optional()
          .describe('With a comparison period: this cell there (null when it had no cell)'),
      }),
    ),
    comparison: z.object(period).optional().describe('The comparison period, when one was asked for'),
    ...metricsScope,
  })
  .meta({ id: 'CpiMetrics' });

export const themeMetrics = z
  .object({
    comments: z.number().int(),
    analysedComments: z.number().int(),
    nps: z.number().nullable(),
    themes: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        category: z.string().nullable(),
        mentions: z.number().int(),
        share: z.number().nullable(),
        sentiment: z.number().nullable(),
        npsN: z.number().int(),
        npsImpact: z.number().nullable(),
        smallSample: z.boolean(),
        buckets: z.array(z.object({ ...bucket, mentions: z.number().int(), comments: z.number().int(), share: z.number().nullable() })),
        comparison: z
          .object({
            mentions: z.number().int(),
            share: z.number().nullable(),
            sentiment: z.number().nullable(),
            npsImpact: z.number().nullable(),
            change: periodChange.describe('Share change in points against the comparison period (two-proportion test on mentions / analysed comments)'),
          })
          .optional()
          .describe('With a comparison period: this theme there'),
      }),
    ),
    comparison: z
      .object({ ...period, comments: z.number().int(), analysedComments: z.number().int(), nps: z.number().nullable() })
      .optional()
      .describe('The comparison period and its comment counts, when one was asked for'),
    ...metricsScope,
  })
  .meta({ id: 'ThemeMetrics' });

const split = z.object({ importance: z.number(), performance: z.number() }).nullable();
export const driverMetrics = z
  .object({
    minN: z.number().int(),
    hidden: z.number().int(),
    split: z.object({ cpi: split, theme: split }),
    drivers: z.array(
      z.object({
        kind: z.enum(['cpi', 'theme']),
        key: z.string(),
        label: z.string(),
        importance: z.number(),
        ci: z.tuple([z.number(), z.number()]).describe('95 % interval of the importance: [low, high]'),
        performance: z.number().nullable(),
        n: z.number().int(),
        groups: z.tuple([z.number().int(), z.number().int()]).describe('n of the two groups compared'),
        significant: z.boolean(),
        quadrant: z.enum(['fix-first', 'keep', 'watch', 'maintain']).nullable(),
      }),
    ),
    ...metricsScope,
  })
  .meta({ id: 'DriverMetrics' });

const interval = z.object({ low: z.number(), high: z.number() }).nullable();
export const breakdownMetrics = z
  .object({
    ...metricsScope,
    metric: z.enum(['nps', 'csat', 'ces', 'cpi']),
    by: z.string().describe('The segment key split by'),
    total: z.object({ n: z.number().int(), score: z.number().nullable(), margin: z.number().nullable(), interval }),
    groups: z.array(
      z.object({
        value: z.string().describe('A value of the key; `(none)` without it, `(other)` past the 50 kept values'),
        n: z.number().int(),
        score: z.number().nullable(),
        margin: z.number().nullable(),
        interval,
        delta: z.number().nullable().describe('This group’s score − the rest’s'),
        significant: z.boolean().describe('Differs from the rest at 95 %; never with fewer than 30 on either side'),
        smallSample: z.boolean(),
      }),
    ),
    segmentKeys: z.array(z.string()),
  })
  .meta({ id: 'BreakdownMetrics' });
