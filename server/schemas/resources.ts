import { z } from 'zod';
import { surveyStatuses } from '../../db/schema';
import { appearance, question, slugId, targeting, throttling, translations } from './survey-config';

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
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Survey' });

export { slugId };
