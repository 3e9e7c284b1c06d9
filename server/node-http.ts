import type { ServerOptions } from 'node:http';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';

/** Timeouts of the Node HTTP server, in milliseconds. */
export interface HttpTimeouts {
  /** To receive a request's headers: a client trickling them is cut off (default 10 s). */
  headers: number;
  /** To receive a whole request, headers and body (default 30 s); 0 turns it off. */
  request: number;
  /** An idle keep-alive connection stays open this long after its last response (default 5 s). */
  keepAlive: number;
}

export const defaultTimeouts: HttpTimeouts = { headers: 10_000, request: 30_000, keepAlive: 5_000 };

/** Timeouts from their environment variables' text; a value that is not a whole number of ms stops the start. */
export function parseTimeouts(raw: { headers?: string; request?: string; keepAlive?: string }): HttpTimeouts {
  const read = (name: keyof HttpTimeouts, value: string | undefined) => {
    if (value === undefined || value === '') return defaultTimeouts[name];
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms < 0) throw new Error(`The ${name} timeout must be a whole number of milliseconds, got "${value}"`);
    return ms;
  };
  const t = { headers: read('headers', raw.headers), request: read('request', raw.request), keepAlive: read('keepAlive', raw.keepAlive) };
  // Node refuses a headers timeout above the request timeout.
  if (t.request > 0 && t.headers > t.request) t.headers = t.request;
  return t;
}

/**
 * Options for `http.createServer`. Node checks the header and request timeouts on a timer
 * (30 s by default, which would let a 30 s timeout run to a minute): check at a tenth of
 * the shorter one.
 */
export function serverOptions(t: HttpTimeouts): ServerOptions {
  const shortest = Math.min(t.headers || Infinity, t.request || Infinity);
  return {
    headersTimeout: t.headers,
    requestTimeout: t.request,
    keepAliveTimeout: t.keepAlive,
    connectionsCheckingInterval: Number.isFinite(shortest) ? Math.max(100, Math.min(1000, Math.floor(shortest / 10))) : 30_000,
  };
}

type Fetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * Closes the connection after an answer given before the request's body had arrived (a 413,
 * a 401 on an upload): @hono/node-server drains the rest for 500 ms and then destroys the
 * socket, so a client that reused the connection would lose its next request.
 */
export const closeWhenBodyUnread =
  (fetch: Fetch): Fetch =>
  async (request, env) => {
    const res = await fetch(request, env);
    // HTTP/2 has no Connection header (and closes streams, not connections).
    if (!env.incoming.complete && env.incoming.httpVersionMajor === 1) env.outgoing.setHeader('Connection', 'close');
    return res;
  };
