import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { jsonBodies, managed } from '../middleware/managed';
import { ownersOnly } from '../middleware/authenticate';
import { clientKey, enforceLimits } from '../services/rate-limit';
import { documentedRouter } from '../openapi/router';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';
import { createdShareLink, shareLink, shareLinkInput, sharedView as sharedViewSchema } from '../schemas/share-links';
import { createShareLink, expiryOf, listShareLinks, openShareLink, presentShareLink, principalName, revokeShareLink } from '../queries/share-links';
import { assertTouchpoints } from '../queries/touchpoints';
import { resolveScope } from '../queries/metrics-source';
import { sharedView } from '../services/shared-view';
import { publicBase } from '../public-url';

const id = z.object({ id: z.string().min(1).max(80) });
/** Per client address: a viewer reloading the page is a few requests a minute; more is scraping or guessing. */
const PUBLIC_LIMIT = { max: 60, windowSeconds: 60 };

/** Share links of the overview: made, listed and revoked by owners, like API keys (they hand out read access). */
export const shareLinkRoutes = managed('owner', jsonBodies, ownersOnly('share links'))
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'List share links, newest first, revoked and expired ones included (owner)', responses: { 200: json(listOf(shareLink), 'The links'), ...managedErrors } }),
    async (c) => c.json({ data: (await listShareLinks(c.var.db, c.var.workspace.id)).map(presentShareLink) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Make a read-only link to the overview with these filters; the token is returned once (owner)',
      request: { body: jsonBody(shareLinkInput) },
      responses: { 201: json(createdShareLink, 'The link made'), ...bodyErrors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { filters } = input;
      const now = Date.now();
      const expiresAt = expiryOf(input, now);
      const db = c.var.db;
      if (filters.touchpoint) await assertTouchpoints(db, c.var.workspace.id, [filters.touchpoint]);
      resolveScope(c.var.workspace, filters); // the range must be one the overview can show
      const createdByName = await principalName(db, c.var.principal, c.var.user);
      const { row, token } = await createShareLink(db, c.var.workspace.id, { filters, expiresAt, createdBy: c.var.principal.id, createdByName }, now);
      return c.json({ ...presentShareLink(row), token, url: `${publicBase(c)}/admin/#/shared/${token}` }, 201);
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', summary: 'Revoke a share link; it stops working at once (owner)', request: { params: id }, responses: { ...noContent, ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      await revokeShareLink(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

/**
 * The public side: the token is the only credential, and the query takes nothing, so a
 * viewer cannot change the link's filters or workspace. Never cached, so a revocation or
 * the expiry takes effect on the next request.
 */
export const sharedRoutes = documentedRouter().openapi(
  createRoute({
    method: 'get',
    path: '/{token}',
    summary: "A share link's view: the overview's figures under the link's fixed filters (no session; rate-limited)",
    request: { params: z.object({ token: z.string().regex(/^sh_[0-9a-f]{48}$/, 'a share token, sh_ and 48 hex digits') }), query: z.strictObject({}) },
    responses: { 200: json(sharedViewSchema, 'The view'), ...errors(400, 404, 429) },
  }),
  async (c) => {
    await enforceLimits(c.var.db, [{ key: `share:${await clientKey(c, 'share')}`, ...PUBLIC_LIMIT }]);
    const { link, filters, workspace } = await openShareLink(c.var.db, c.req.valid('param').token);
    c.header('Cache-Control', 'no-store');
    return c.json(await sharedView(c.var.db, workspace, link, filters), 200);
  },
);
