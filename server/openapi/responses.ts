import { z, type ZodType } from 'zod';

/** One field a validator refused: where (dot path) and why. */
export const fieldIssue = z.object({ path: z.string(), message: z.string() }).meta({ id: 'FieldIssue' });

/**
 * Every error code the API answers with, by status. `details` is the list of refused fields
 * (`FieldIssue[]`) for `invalid_json`, `invalid_query`, `invalid_param` and `invalid_answer`,
 * an object naming what is missing or in the way for the other 409/422 codes (e.g.
 * `{ "touchpoints": ["tp_x"] }`), `{ limit, windowSeconds }` or `{ retryAfter }` on 429.
 */
export const errorCodes = {
  400: ['invalid_json', 'invalid_query', 'invalid_param', 'malformed_json', 'bad_request', 'invalid_cursor', 'invalid_range', 'range_too_large', 'invalid_comparison', 'password_required', 'body_incomplete', 'invalid_filter', 'invalid_sort', 'unknown_segment_key', 'week_not_complete'],
  401: ['unauthorized', 'invalid_credentials', 'login_required'],
  403: ['forbidden', 'csrf_token_invalid', 'not_a_member', 'session_required', 'wrong_account', 'origin_not_allowed'],
  404: ['not_found', 'workspace_not_found', 'survey_not_found', 'touchpoint_not_found', 'cpi_not_found', 'response_not_found', 'theme_not_found', 'webhook_not_found', 'alert_not_found', 'alert_rule_not_found', 'analysis_run_not_found', 'api_key_not_found', 'member_not_found', 'invitation_not_found', 'contact_not_found', 'survey_request_not_found', 'no_active_survey', 'share_link_not_found', 'share_link_expired'],
  409: ['concurrent_update', 'response_completed', 'response_id_conflict', 'answer_already_given', 'survey_not_active', 'survey_has_responses', 'invalid_transition', 'touchpoint_in_use', 'cpi_in_use', 'theme_exists', 'webhook_inactive', 'not_periodic', 'last_owner', 'mail_not_configured', 'segment_backfilling', 'too_many_origins', 'not_pending'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  422: ['unknown_touchpoint', 'unknown_cpi', 'unknown_theme', 'invalid_answer', 'invalid_answered_at', 'missing_required', 'invalid_status', 'invalid_order', 'invalid_merge', 'invalid_csv', 'duplicate_target', 'no_comment', 'webhook_target_refused', 'no_answer_columns', 'no_email_column', 'no_email_survey', 'no_nps_question', 'invalid_expiry', 'hidden_by_logic', 'invalid_logic', 'unknown_member', 'no_email'],
  429: ['rate_limited'],
} as const;
export type ErrorStatus = keyof typeof errorCodes;

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe(`A stable machine-readable code: ${Object.values(errorCodes).flat().join(', ')}`),
      message: z.string().describe('One sentence for a person'),
      details: z.union([z.array(fieldIssue), z.record(z.string(), z.unknown())]).optional(),
    }),
  })
  .meta({
    id: 'Error',
    description: 'The body of every error response',
    example: { error: { code: 'invalid_json', message: 'Invalid json at "name": Too small', details: [{ path: 'name', message: 'Too small' }] } },
  });

const describeStatus: Record<ErrorStatus, string> = {
  400: 'The parameters or the body are invalid',
  401: 'No valid API key or session',
  403: 'The role, the CSRF token, the workspace or the origin does not allow this',
  404: 'No such resource in this workspace',
  409: 'The resource is in a state that does not allow this; `concurrent_update` comes with `Retry-After`',
  413: 'The body is too large',
  415: 'The body is not in a media type this operation reads',
  422: 'The body is well-formed but refers to something unknown or breaks a rule',
  429: 'Too many requests: wait `Retry-After` seconds',
};

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' as const, minimum: 1 } } };

type ErrorResponse = { description: string; content: { 'application/json': { schema: typeof errorBody } }; headers?: typeof retryAfter };

/**
 * The documented error responses of an operation, with their codes.
 *
 * @example responses: { 200: json(survey, 'The survey'), ...errors(400, 401, 403, 404) }
 */
export function errors<const S extends ErrorStatus>(...statuses: S[]): Record<S, ErrorResponse> {
  const out = {} as Record<S, ErrorResponse>;
  for (const s of statuses) {
    out[s] = {
      description: `${describeStatus[s]}. Codes: ${errorCodes[s].map((c) => `\`${c}\``).join(', ')}`,
      content: { 'application/json': { schema: errorBody } },
      ...(s === 429 || s === 409 ? { headers: retryAfter } : {}),
    };
  }
  return out;
}

/** The errors every management operation can answer: no credentials, not allowed, rate limits of the caller. */
export const managedErrors = errors(401, 403);
/** …and those of an operation with a JSON body. */
export const bodyErrors = errors(400, 401, 403, 413, 415, 422);

/** A JSON success response. */
export const json = <T extends ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The list envelope of collections that are returned whole. */
export const listOf = <T extends ZodType>(item: T) => z.object({ data: z.array(item) });

/** 204: done, nothing to return. */
export const noContent = { 204: { description: 'Done; no body' } } as const;

/** A required JSON request body (required, so a request without one is refused as today). */
export const jsonBody = <T extends ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
