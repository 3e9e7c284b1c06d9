import { z } from 'zod';
import { appearance, ending, question, slugId, targeting, throttling, translations } from '../contracts/survey-config';
import { surveyStatuses } from '../../db/schema';

export const idParam = z.object({ id: slugId });

export const touchpointInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).optional(),
  /** Journey order; omitted appends at the end. */
  position: z.number().int().min(0).max(10_000).optional(),
});
export const touchpointPatch = touchpointInput.partial();

const target = z.strictObject({
  touchpointId: slugId,
  /** Target attainment as a share, 0..1 (0.8 = 80 %). */
  target: z.number().min(0).max(1),
});

export const cpiInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  targets: z.array(target).max(100).default([]),
});
export const cpiPatch = z.strictObject({
  name: cpiInput.shape.name.optional(),
  description: cpiInput.shape.description,
  targets: z.array(target).max(100).optional(),
});

const uniqueIds = (qs: { id: string }[]) => new Set(qs.map((q) => q.id)).size === qs.length;

export const surveyInput = z.strictObject({
  touchpointId: slugId,
  name: z.string().trim().min(1).max(200),
  status: z.enum(surveyStatuses).default('draft'),
  priority: z.number().int().min(-1000).max(1000).default(0),
  defaultLocale: z.string().min(2).max(35).default('en'),
  questions: z.array(question).min(1).max(30).refine(uniqueIds, 'question ids must be unique'),
  targeting: targeting.default(targeting.parse({})),
  throttling: throttling.default(throttling.parse({})),
  appearance: appearance.default(appearance.parse({})),
  translations: translations.default({}),
  endings: z.array(ending).max(20).default([]),
});
export type SurveyInput = z.infer<typeof surveyInput>;

export const surveyPatch = z.strictObject({
  touchpointId: slugId.optional(),
  name: surveyInput.shape.name.optional(),
  status: z.enum(surveyStatuses).optional(),
  priority: surveyInput.shape.priority.unwrap().optional(),
  defaultLocale: z.string().min(2).max(35).optional(),
  questions: z.array(question).min(1).max(30).refine(uniqueIds, 'question ids must be unique').optional(),
  targeting: targeting.optional(),
  throttling: throttling.optional(),
  appearance: appearance.optional(),
  translations: translations.optional(),
  endings: z.array(ending).max(20).optional(),
});
export type SurveyPatch = z.infer<typeof surveyPatch>;
