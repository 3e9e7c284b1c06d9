import { z } from 'zod';
import { attributeKey } from './survey-config';

export const contactEmail = z.email().max(320);
const attributeValue = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
export const contactAttributes = z.record(attributeKey, attributeValue).refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes');

export const contactInput = z.strictObject({
  email: contactEmail,
  name: z.string().max(200).nullable().optional(),
  /** Merged over stored attributes; null removes one. */
  attributes: z.record(attributeKey, attributeValue.nullable()).refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes').optional(),
});

export const contactList = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The last email of the previous page. */
  after: z.string().max(320).optional(),
});

export const surveyRequestInput = z
  .strictObject({
    surveyId: z.string().min(1).max(64).optional(),
    /** The touchpoint's active survey, when no surveyId is given. */
    touchpointId: z.string().min(1).max(64).optional(),
    contact: contactInput,
    delaySeconds: z.number().int().min(0).max(90 * 86_400).default(0),
    properties: contactAttributes.default({}),
  })
  .refine((v) => (v.surveyId === undefined) !== (v.touchpointId === undefined), { message: 'give either surveyId or touchpointId', path: ['surveyId'] });

export const surveyRequestList = z.strictObject({
  status: z.enum(['pending', 'sent', 'answered', 'skipped', 'cancelled']).optional(),
  /** A contact id or email. */
  contact: z.string().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const bounceInput = z.strictObject({
  email: contactEmail,
  type: z.enum(['bounce', 'complaint']).default('bounce'),
});
