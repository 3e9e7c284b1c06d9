/**
 * Response headers of the documents and static files Chorus serves, defined once for both
 * runtimes: Node applies them as it serves dist/public (server/node.ts), and the build
 * writes them to dist/public/_headers for Cloudflare's static assets (scripts/build.ts).
 */

/**
 * The policy of every HTML document (admin, hosted link surveys, /demo, API docs): nothing
 * inline, nothing from other origins, and no framing (clickjacking of the admin).
 * The widget and Swagger UI style through the CSSOM, which CSP allows.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const documentHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

const shortCache = { 'Cache-Control': 'public, max-age=300' };
const immutable = { 'Cache-Control': 'public, max-age=31536000, immutable' };

/** Path patterns (Cloudflare `_headers` syntax: `*` at the end matches the rest) and their headers; later rules win. */
export const staticHeaderRules: readonly { path: string; headers: Readonly<Record<string, string>> }[] = [
  // The loader may change (short cache); the UI it points at is content-hashed (immutable).
  { path: '/widget.js', headers: shortCache },
  { path: '/widget/*', headers: immutable },
  // The ESM entry likewise; the UI chunk it imports is named by its content hash (scripts/build.ts).
  { path: '/esm/chorus.mjs', headers: shortCache },
  { path: '/esm/ui-*', headers: immutable },
  { path: '/admin', headers: documentHeaders },
  { path: '/admin/*', headers: documentHeaders },
  { path: '/admin/assets/*', headers: immutable },
  { path: '/api/docs/*', headers: shortCache },
];

const matches = (pattern: string, path: string) => (pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern);

/** The headers for a static file at URL `path`. */
export function staticHeaders(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of staticHeaderRules) if (matches(rule.path, path)) Object.assign(out, rule.headers);
  return out;
}

/** The rules as Cloudflare's `_headers` file. */
export const headersFile = (): string => staticHeaderRules.map((r) => [r.path, ...Object.entries(r.headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n')).join('\n') + '\n';
