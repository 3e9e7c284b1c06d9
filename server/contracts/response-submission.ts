import { z } from 'zod';
import { answers, slugId } from './survey-config';
import { freeText, idText } from './text';

export const attributeValue = z.union([freeText(500), z.number().finite(), z.boolean()]);

/** What the widget (or any client) posts for one response; partial until `complete: true`. */
export const responseSubmission = z.strictObject({
  /** Client-generated, so retries and the later completion land on the same response. */
  id: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "_" and "-" only'),
  surveyId: slugId,
  answers,
  complete: z.boolean().optional(),
  respondentId: idText(200).optional(),
  anonymousId: idText(200).optional(),
  attributes: z
    .record(idText(100), attributeValue)
    .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes')
    .optional(),
  pageUrl: freeText(2000).optional(),
  locale: idText(35).min(2).optional(),
  deviceClass: z.enum(['desktop', 'mobile', 'tablet']).optional(),
  /** When the respondent answered (ms since epoch); for answers retried after being offline. */
  answeredAt: z.number().int().positive().optional(),
});
export type ResponseSubmission = z.infer<typeof responseSubmission>;
