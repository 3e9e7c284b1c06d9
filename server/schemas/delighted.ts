import { z } from 'zod';
import { contactAttributes, contactEmail } from './contacts';

// Delighted's clients send fields Chorus has no use for (phone_number, channel, locale…):
// those are ignored rather than refused, so existing integrations keep working.
const unixSeconds = z.coerce.number().int().min(0).max(32_503_680_000).transform((s) => s * 1000);
const perPage = z.coerce.number().int().min(1).max(100).default(20);
const page = z.coerce.number().int().min(1).max(100_000).default(1);

/** The `properties` key naming which survey to email (else the workspace's email survey). */
export const SURVEY_PROPERTY = 'chorus_survey_id';

export const personInput = z.object({
  email: contactEmail,
  name: z.string().max(200).nullable().optional(),
  /** Seconds to wait before sending. */
  delay: z.coerce.number().int().min(0).max(90 * 86_400).default(0),
  properties: contactAttributes.default({}),
  /** false: create or update the person without scheduling a survey. */
  send: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(true),
});

export const peopleQuery = z.object({
  per_page: perPage,
  /** The cursor from the previous page's `Link: <…>; rel="next"`. */
  page_info: z.string().max(320).optional(),
});

export const emailParam = z.object({ email: contactEmail });

export const responsesQuery = z.object({
  per_page: perPage,
  page,
  since: unixSeconds.optional(),
  until: unixSeconds.optional(),
  updated_since: unixSeconds.optional(),
  'expand[]': z.union([z.enum(['person', 'notes']), z.array(z.enum(['person', 'notes'])).max(2)]).optional(),
});

export const responseInput = z.object({
  /** The person's id (as `POST /people` returned it) or email. */
  person: z.union([z.string().min(1).max(320), z.number().int()]).transform(String),
  score: z.coerce.number().int().min(0).max(10),
  comment: z.string().max(10_000).nullable().optional(),
  person_properties: contactAttributes.default({}),
});

export const metricsQuery = z.object({ since: unixSeconds.optional(), until: unixSeconds.optional(), trend: z.string().max(64).optional() });
export const pageQuery = z.object({ per_page: perPage, page });
export const unsubscribeInput = z.object({ person_email: contactEmail });

const unix = z.number().int().describe('Unix seconds');
const props = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export const delightedPerson = z
  .object({ id: z.string(), email: z.string(), name: z.string().nullable(), phone_number: z.null(), created_at: unix })
  .meta({ id: 'DelightedPerson' });
export const delightedPersonCreated = delightedPerson.extend({ survey_scheduled_at: unix.nullable() }).meta({ id: 'DelightedPersonCreated' });
export const delightedResponse = z
  .object({
    id: z.string(),
    person: z.union([z.string(), delightedPerson]).nullable().describe('The person id, or the person with expand[]=person'),
    survey_type: z.literal('nps'),
    score: z.number().int().nullable(),
    comment: z.string().nullable(),
    permalink: z.string(),
    created_at: unix,
    updated_at: unix,
    person_properties: props,
    notes: z.array(z.string()).describe('Always empty: notes are not kept'),
    tags: z.array(z.string()).describe('Always empty'),
    additional_answers: z.array(z.string()).describe('Always empty'),
  })
  .meta({ id: 'DelightedSurveyResponse' });
export const delightedMetrics = z
  .object({
    nps: z.number().int(),
    promoter_count: z.number().int(),
    promoter_percent: z.number(),
    passive_count: z.number().int(),
    passive_percent: z.number(),
    detractor_count: z.number().int(),
    detractor_percent: z.number(),
    response_count: z.number().int(),
  })
  .meta({ id: 'DelightedMetrics' });
export const delightedUnsubscribe = z.object({ person_id: z.string(), email: z.string(), name: z.string().nullable(), unsubscribed_at: unix.nullable() }).meta({ id: 'DelightedUnsubscribe' });
export const delightedBounce = z.object({ person_id: z.string(), email: z.string(), name: z.string().nullable(), bounced_at: unix.nullable() }).meta({ id: 'DelightedBounce' });
export const delightedOk = z.object({ ok: z.literal(true) });

// Autopilot (recurring surveys). Chorus has no SMS channel: `email` is the only platform.
export const platformParam = z.object({ platform: z.enum(['email']).describe('Only `email`: Chorus sends no SMS') });
const surveyRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().describe("The autopilot's survey; default the workspace's email survey");
export const membershipsQuery = z.object({
  per_page: perPage,
  /** The cursor from the previous page's `Link: <…>; rel="next"`. */
  page_info: z.string().max(64).optional(),
  person_id: z.string().max(64).optional(),
  person_email: contactEmail.optional(),
  [SURVEY_PROPERTY]: surveyRef,
});
export const membershipInput = z.object({
  person_email: contactEmail,
  person_name: z.string().max(200).nullable().optional(),
  properties: contactAttributes.default({}),
});
/** In the query (Delighted's Node client) or the body (its curl docs): person_email or person_id. */
export const membershipRef = z.object({ person_email: contactEmail.optional(), person_id: z.string().min(1).max(64).optional(), [SURVEY_PROPERTY]: surveyRef });

export const delightedAutopilot = z
  .object({ platform_id: z.literal('email'), active: z.boolean(), frequency: unix.describe('Seconds between two surveys to one person'), created_at: unix, updated_at: unix })
  .meta({ id: 'DelightedAutopilot' });
export const delightedMembership = z
  .object({
    created_at: unix,
    updated_at: unix,
    person: delightedPerson,
    next_survey_request: z.object({ id: z.string(), created_at: unix, survey_scheduled_at: unix, properties: props }),
  })
  .meta({ id: 'DelightedAutopilotMembership' });
export const delightedMembershipChange = z.object({ ok: z.literal(true), person: delightedPerson, properties: props.optional() }).meta({ id: 'DelightedAutopilotMembershipChange' });

/** Documents the form-encoded twin of a JSON body (formBodyAsJson turns it into that JSON before validation). */
export const formTwin = { schema: { type: 'object' as const, description: "The JSON body's fields form-encoded, nested keys in brackets as in Delighted's curl examples: `email=ana@acme.com&properties[plan]=Pro`" } };
