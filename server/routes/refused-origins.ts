import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ApiError } from '../errors';
import { managed } from '../middleware/managed';
import { originAllowed } from '../middleware/origins';
import { forgetWorkspace } from '../queries/hot-lookups';
import { allowOrigin, listRefusedOrigins, MAX_ALLOWED_ORIGINS } from '../queries/refused-origins';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors } from '../openapi/responses';

/** An origin as browsers send it: scheme, host and an optional port, nothing else. */
const browserOrigin = z.strictObject({
  origin: z.string().max(200).regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'an origin as the browser sends it, e.g. https://www.example.com'),
});
const refusedOrigin = z
  .object({ origin: z.string(), count: z.number().int().describe('Requests refused'), firstSeen: z.string(), lastSeen: z.string() })
  .meta({ id: 'RefusedOrigin', example: { origin: 'https://shop.example.com', count: 12, firstSeen: '2026-11-30T09:00:00.000Z', lastSeen: '2026-12-01T14:00:00.000Z' } });

/**
 * Origins the widget was refused from in the last 7 days (the answer to "why is the widget
 * silent?"), without those allowed since, and allowing one in a click.
 */
export const refusedOriginRoutes = managed('owner')
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Origins the widget was refused from in the last 7 days, without those allowed since',
      responses: { 200: json(listOf(refusedOrigin), 'The refused origins'), ...managedErrors },
    }),
    async (c) => {
      const ws = c.var.workspace;
      const refused = await listRefusedOrigins(c.var.db, ws.id, Date.now());
      return c.json({ data: refused.filter((r) => !originAllowed(r.origin, ws.allowedOrigins)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/allow',
      summary: 'Add a refused origin to the allowed origins (owner)',
      request: { body: jsonBody(browserOrigin) },
      responses: { 200: json(z.object({ allowedOrigins: z.array(z.string()) }), 'The allowed origins now'), ...bodyErrors, ...errors(409) },
    }),
    async (c) => {
      const ws = c.var.workspace;
      const allowed = await allowOrigin(c.var.db, ws.id, c.req.valid('json').origin);
      if (!allowed) throw new ApiError(409, 'too_many_origins', `The workspace already allows ${MAX_ALLOWED_ORIGINS} origins: remove one, or use a pattern such as https://*.example.com`);
      forgetWorkspace(c.var.db, ws.publicKey);
      return c.json({ allowedOrigins: allowed }, 200);
    },
  );
