import { z } from 'zod';
import { attributeKey } from '../contracts/survey-config';

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

const time = z.string().describe('ISO 8601');
const attributes = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const contact = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    attributes,
    unsubscribedAt: time.nullable(),
    suppressed: z.enum(['bounce', 'complaint']).nullable(),
    suppressedAt: time.nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'Contact' });

export const surveyRequest = z
  .object({
    id: z.string(),
    contactId: z.string(),
    surveyId: z.string(),
    status: z.enum(['pending', 'sent', 'answered', 'skipped', 'cancelled']),
    skipReason: z.enum(['throttled', 'unsubscribed', 'bounced', 'recently_surveyed']).nullable(),
    properties: attributes,
    sendAt: time,
    sentAt: time.nullable(),
    remindAt: time.nullable(),
    remindedAt: time.nullable(),
    answeredAt: time.nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'SurveyRequest' });

export const contactImportReport = z
  .object({ created: z.number().int(), updated: z.number().int(), rejected: z.array(z.object({ line: z.number().int(), error: z.string() })) })
  .meta({ id: 'ContactImportReport' });

export const contactRef = z.object({ ref: z.string().min(1).max(320).describe('A contact id or email') });
export const requestId = z.object({ id: z.string().min(1).max(64) });
