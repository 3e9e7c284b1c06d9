import { z } from 'zod';
import { metricsQuery } from './metrics';
import { sensitivities } from '../metrics/anomaly';

/** `?week=YYYY-MM-DD`: any day of the ISO week wanted (local); default the last complete week. */
export const digestQuery = z.strictObject({ week: metricsQuery.shape.from });

export const digestSubscriptionInput = z.strictObject({ subscribed: z.boolean() });

const num = z.number().nullable();
const change = z.object({ delta: z.number(), z: z.number().nullable(), significant: z.boolean() }).nullable();
const interval = z.object({ low: z.number(), high: z.number() }).nullable();
/** A week's figure with its n, margin and change from the week before (as the metrics endpoints give it). */
const weekFigure = z.looseObject({ n: z.number().int(), margin: num, change }).nullable();

/** What `GET /api/v1/digest` answers (docs/METRICS.md, "Weekly digest"). */
export const digestBody = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
    week: z.string().describe('Monday of the week, local (YYYY-MM-DD)'),
    weekEnd: z.string(),
    previousWeek: z.string(),
    significantChanges: z.array(
      z.object({
        touchpointId: z.string(),
        touchpoint: z.string(),
        metric: z.enum(['nps', 'csat', 'ces', 'cpi']),
        cpiId: z.string().nullable(),
        label: z.string(),
        value: num,
        delta: z.number(),
        z: num,
        n: z.number().int(),
        margin: num,
      }),
    ),
    touchpoints: z.array(
      z.object({
        touchpointId: z.string(),
        name: z.string(),
        responses: z.number().int(),
        nps: weekFigure,
        csat: weekFigure,
        ces: weekFigure,
        cpis: z.array(z.looseObject({ cpiId: z.string(), name: z.string(), attainment: num, answered: z.number().int(), interval, target: num, status: z.string().nullable(), change, smallSample: z.boolean() })),
      }),
    ),
    themes: z.array(
      z.looseObject({
        key: z.string(),
        label: z.string(),
        mentions: z.number().int(),
        share: num,
        shareBefore: num,
        shareChange: change,
        sentiment: num,
        sentimentBefore: num,
        sentimentDelta: num,
        verbatims: z.array(z.object({ responseId: z.string(), comment: z.string(), nps: z.number().int().nullable() })),
      }),
    ),
    cpisBelowTarget: z.array(z.object({ touchpointId: z.string(), touchpoint: z.string(), cpiId: z.string(), name: z.string(), attainment: num, interval, target: num, answered: z.number().int() })),
    loops: z
      .object({ detractors: z.number().int(), open: z.number().int(), inProgress: z.number().int(), closed: z.number().int(), medianHoursToClose: num })
      .describe('Detractors of the week by loop status, and the median hours to close'),
    volume: z.object({ responses: z.number().int(), previousWeeks: z.array(z.object({ week: z.string(), responses: z.number().int() })), previousMean: z.number(), changePercent: num }),
    accountsTurnedRed: z.array(z.object({ account: z.string(), revenue: num, renewalDate: z.string().nullable(), score: z.number(), lastResponseAt: z.string() })),
    arrAtRisk: z.number(),
    anomalies: z.array(
      z.object({
        day: z.string(),
        metric: z.enum(['volume', 'nps']),
        n: z.number(),
        value: z.number(),
        median: z.number(),
        scale: z.number(),
        z: z.number(),
        direction: z.enum(['up', 'down']),
        flaggedAt: z.array(z.enum(sensitivities)),
      }),
    ),
    minN: z.number().int(),
  })
  .meta({ id: 'Digest' });

export const digestSent = z.object({ week: z.string(), emailed: z.array(z.string()), failed: z.array(z.object({ email: z.string(), error: z.string() })) }).meta({ id: 'DigestSent' });
export const digestSubscription = z.object({ subscribed: z.boolean(), default: z.boolean().describe('True while the member has not chosen (owners are subscribed by default)') }).meta({ id: 'DigestSubscription' });
