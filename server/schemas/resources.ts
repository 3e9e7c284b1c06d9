import { z } from 'zod';
import { alertKinds, loopResolutions, surveyStatuses } from '../../db/schema';
import { appearance, ending, question, slugId, targeting, throttling, translations } from '../contracts/survey-config';

// The shapes the API answers with, shared by every route that returns the resource (the
// request schemas are in ./management.ts and beside their routes). Rows go out through
// `present` (server/queries/present.ts): timestamps as ISO strings, no workspace id.

const iso = z.string().describe('ISO 8601 timestamp');

export const touchpoint = z
  .object({ id: z.string(), name: z.string(), description: z.string(), position: z.number().int(), createdAt: iso, updatedAt: iso })
  .meta({
    id: 'Touchpoint',
    example: { id: 'tp_checkout', name: 'Checkout', description: 'After payment', position: 2, createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-10-01T09:00:00.000Z' },
  });

export const cpi = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    createdAt: iso,
    updatedAt: iso,
    targets: z.array(z.object({ touchpointId: z.string(), target: z.number().describe('Target attainment as a share, 0..1') })),
  })
  .meta({
    id: 'Cpi',
    example: { id: 'cpi_fast', name: 'Fast delivery', description: '', createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-10-01T09:00:00.000Z', targets: [{ touchpointId: 'tp_checkout', target: 0.8 }] },
  });

export const survey = z
  .object({
    id: z.string(),
    touchpointId: z.string(),
    name: z.string(),
    status: z.enum(surveyStatuses),
    priority: z.number().int(),
    defaultLocale: z.string(),
    questions: z.array(question),
    targeting,
    throttling,
    appearance,
    translations,
    endings: z.array(ending),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Survey' });

export { slugId };

const nullableIso = iso.nullable();

export const responseTheme = z.object({
  key: z.string(),
  label: z.string(),
  keywords: z.array(z.string()),
  category: z.string().optional(),
  sentiment: z.number().optional(),
  confidence: z.number().optional(),
  source: z.enum(['keywords', 'learned', 'manual']).optional(),
});

export const response = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    touchpointId: z.string(),
    status: z.enum(['partial', 'complete']),
    answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
    scores: z.object({ nps: z.number().int().nullable(), csat: z.number().int().nullable(), ces: z.number().int().nullable() }),
    comment: z.string().nullable(),
    cpiAnswers: z.array(z.object({ cpiId: z.string(), answer: z.enum(['yes', 'partly', 'no']) })),
    respondentId: z.string().nullable(),
    anonymousId: z.string().nullable(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    pageUrl: z.string().nullable(),
    locale: z.string().nullable(),
    deviceClass: z.enum(['desktop', 'mobile', 'tablet']).nullable(),
    sentiment: z
      .object({ score: z.number(), label: z.enum(['negative', 'neutral', 'positive']), explanation: z.array(z.object({ term: z.string(), weight: z.number() })) })
      .nullable(),
    themes: z.array(responseTheme),
    analyzedAt: nullableIso,
    loop: z.object({
      status: z.enum(['open', 'in_progress', 'closed']).nullable(),
      assignee: z.string().nullable().describe("The member's user id (GET /api/v1/members)"),
      resolution: z.object({ reason: z.enum(loopResolutions), note: z.string().nullable() }).nullable().describe('Why it was closed'),
      updatedAt: nullableIso,
    }),
    createdAt: iso,
    updatedAt: iso,
    completedAt: nullableIso,
    matches: z.array(z.string()).optional().describe('With `q`: the words of the comment that matched the search, as written'),
  })
  .meta({
    id: 'Response',
    example: {
      id: 'r_8f2c',
      surveyId: 'checkout-nps',
      touchpointId: 'tp_checkout',
      status: 'complete',
      answers: { nps: 9, why: 'Fast delivery' },
      scores: { nps: 9, csat: null, ces: null },
      comment: 'Fast delivery',
      cpiAnswers: [],
      respondentId: 'user_42',
      anonymousId: null,
      attributes: { plan: 'pro' },
      pageUrl: 'https://shop.example.com/thanks',
      locale: 'en',
      deviceClass: 'desktop',
      sentiment: { score: 0.6, label: 'positive', explanation: [{ term: 'fast', weight: 0.6 }] },
      themes: [{ key: 'delivery', label: 'Delivery', keywords: ['delivery'] }],
      analyzedAt: '2026-10-01T09:00:01.000Z',
      loop: { status: null, assignee: null, updatedAt: null },
      createdAt: '2026-10-01T09:00:00.000Z',
      updatedAt: '2026-10-01T09:00:00.000Z',
      completedAt: '2026-10-01T09:00:00.000Z',
    },
  });

/** A keyset page: pass `nextCursor` back as `cursor` for the next one (null at the end). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const note = z.object({ id: z.string(), responseId: z.string().optional().describe('On the note just added'), author: z.string(), text: z.string(), createdAt: iso }).meta({ id: 'Note' });

export const analysisRun = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    total: z.number().int(),
    processed: z.number().int(),
    progress: z.number().describe('processed / total, 0..1'),
    error: z.string().nullable(),
    createdAt: iso,
    finishedAt: nullableIso,
  })
  .meta({ id: 'AnalysisRun', example: { id: 'run_1', status: 'running', total: 200, processed: 50, progress: 0.25, error: null, createdAt: '2026-10-01T09:00:00.000Z', finishedAt: null } });

export const alert = z
  .object({
    id: z.string(),
    kind: z.enum(alertKinds),
    ruleId: z.string().nullable(),
    touchpointId: z.string(),
    conditionKey: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    createdAt: iso,
  })
  .meta({ id: 'Alert' });

export const alertRule = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(alertKinds),
    touchpointId: z.string(),
    cpiId: z.string().nullable(),
    themeKey: z.string().nullable(),
    active: z.boolean(),
    nextCheckAt: nullableIso,
    lastCheckedAt: nullableIso,
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'AlertRule' });
