import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

interface Issue {
  path: PropertyKey[];
  message: string;
}

/**
 * The validation hook of every documented route (the router's `defaultHook`,
 * server/openapi/router.ts): a failed parse becomes a 400 that names each offending field.
 */
export const invalid = (result: { success: boolean; target: string; error?: { issues: Issue[] } }): void => {
  if (result.success) return;
  const issues = (result.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const where = first?.path ? ` at "${first.path}"` : '';
  throw new ApiError(400, `invalid_${result.target}`, `Invalid ${result.target}${where}: ${first?.message ?? 'unreadable'}`, issues);
};

/** Rejects bodies that are not JSON, so a form post can never be read as an empty object. Bodiless actions pass. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
  if (hasBody && (method === 'POST' || method === 'PUT' || method === 'PATCH')) {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json"');
    }
  }
  await next();
};

/**
 * Lets a `text/plain` body be validated as JSON. The widget posts as text/plain because
 * browsers send that cross-origin without a CORS preflight (the Plausible approach). The
 * content type is changed in place where the request's headers allow it (Node's adapter):
 * re-wrapping the request built a full Fetch Request, with its streams and abort signal, on
 * every submission and lost the adapter's fast body path (about 7 % of ingestion's CPU).
 * Immutable headers (workerd's incoming requests) fall back to the re-wrap.
 */
export const textBodyAsJson: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'text/plain') {
    try {
      c.req.raw.headers.set('content-type', 'application/json');
    } catch {
      const headers = new Headers(c.req.raw.headers);
      headers.set('content-type', 'application/json');
      c.req.raw = new Request(c.req.raw, { headers });
    }
  } else if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON (text/plain or application/json)');
  }
  await next();
};
