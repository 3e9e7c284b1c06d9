import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';

/** The body of every error response: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * An expected failure, rendered as a 4xx with a stable machine-readable `code`.
 *
 * @example throw new ApiError(404, 'survey_not_found', `No survey ${id}`)
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) =>
  new ApiError(404, `${what}_not_found`, `No ${what.replace(/_/g, ' ')} with id "${id}" in this workspace`);

const httpCodes: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export function renderError(err: unknown, c: Context, logError: (err: unknown) => void): Response {
  if (err instanceof ApiError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message, details: err.details } };
    return c.json(body, err.status, err.headers);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = /malformed json/i.test(err.message) ? 'malformed_json' : (httpCodes[err.status] ?? 'bad_request');
    const body: ErrorBody = { error: { code, message: err.message || 'Bad request' } };
    return c.json(body, err.status);
  }
  logError(err);
  if (err instanceof Error && /no such table/i.test(err.message)) {
    const hint: ErrorBody = { error: { code: 'database_not_migrated', message: 'The database has no tables yet: apply the migrations (npx wrangler d1 migrations apply DB)' } };
    return c.json(hint, 503);
  }
  const body: ErrorBody = { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } };
  return c.json(body, 500);
}
