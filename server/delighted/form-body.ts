import type { MiddlewareHandler } from 'hono';

type Form = Record<string, string | string[] | Record<string, string>>;

/**
 * Reads `a=1&properties[plan]=Pro&expand[]=person` as Delighted's API did (Rails-style
 * brackets, one level deep): `{ a: '1', properties: { plan: 'Pro' }, expand: ['person'] }`.
 * A later key of the same name wins, as in Rails.
 */
export function formFields(body: string): Form {
  const out: Form = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const m = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
    if (!m) out[key] = value;
    else if (m[2] === '') {
      const list = out[m[1]!];
      out[m[1]!] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      const obj = out[m[1]!];
      out[m[1]!] = { ...(typeof obj === 'object' && !Array.isArray(obj) ? obj : {}), [m[2]!]: value };
    }
  }
  return out;
}

/**
 * Delighted's curl examples post `-d email=…` (application/x-www-form-urlencoded): such a
 * body is turned into the JSON the routes validate, so the same schemas check both. The raw
 * request is read directly (not through Hono's body cache, which would hand the form text to
 * the JSON parser) and replaced. A GET keeps its request: it has no body to read.
 */
export const formBodyAsJson: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const bodiless = Number(c.req.header('content-length') ?? 0) === 0 && c.req.header('transfer-encoding') === undefined;
  if (type && bodiless && c.req.method === 'DELETE') {
    // Delighted's clients send `Content-Type: application/json` on a DELETE with no body:
    // without the header, the optional body is simply absent instead of malformed JSON.
    const headers = new Headers(c.req.raw.headers);
    headers.delete('content-type');
    c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers });
  } else if (type === 'application/x-www-form-urlencoded' && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const json = JSON.stringify(formFields(await c.req.raw.text()));
    const headers = new Headers(c.req.raw.headers);
    headers.set('content-type', 'application/json');
    headers.set('content-length', String(new TextEncoder().encode(json).length));
    c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers, body: json });
  }
  await next();
};
