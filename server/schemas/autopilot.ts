import { z } from 'zod';
import { contactAttributes, contactInput } from './contacts';

const time = z.string().describe('ISO 8601');
const surveyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const autopilotParam = z.object({ surveyId: surveyIdSchema });
export const memberParam = z.object({ surveyId: surveyIdSchema, ref: z.string().min(1).max(320).describe('A contact id or email') });

export const autopilotInput = z
  .strictObject({
    active: z.boolean().optional(),
    /** Fractions of a day are allowed (at least a second); Delighted's default was 90. */
    frequencyDays: z.number().min(1 / 86_400).max(3650).optional(),
  })
  .meta({ id: 'AutopilotInput' });

export const autopilot = z
  .object({ surveyId: z.string(), active: z.boolean(), frequencyDays: z.number(), createdAt: time, updatedAt: time })
  .meta({ id: 'Autopilot' });

export const memberInput = z
  .strictObject({
    contact: contactInput,
    /** Stored on every survey request the membership makes, and so on its responses. */
    properties: contactAttributes.default({}),
    /** Seconds until the first survey (default: at the next scheduler pass). */
    delaySeconds: z.number().int().min(0).max(3650 * 86_400).default(0),
  })
  .meta({ id: 'AutopilotMemberInput' });

export const member = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    contactId: z.string(),
    email: z.string(),
    properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    nextSurveyAt: time,
    /** The id the next survey request will have (GET /api/v1/survey-requests/{id} once it exists). */
    nextRequestId: z.string(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'AutopilotMember' });

export const memberList = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The last id of the previous page. */
  after: z.string().max(64).optional(),
  /** Only this contact's membership (id or email). */
  contact: z.string().max(320).optional(),
});
