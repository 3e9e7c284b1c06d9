import { createMiddleware } from 'hono/factory';
import { workspaceByPublicKey } from '../queries/hot-lookups';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { originAllowed } from './origins';
import { noteRefusedOrigin } from '../services/refused-origins';

/**
 * The public client API: resolves the workspace from its public key and enforces the
 * workspace's allowed origins, answering CORS for exactly those origins.
 */
export const publicKeyAuth = createMiddleware<AppEnv>(async (c, next) => {
  const publicKey = c.req.param('publicKey') ?? '';
  const workspace = await workspaceByPublicKey(c.var.db, publicKey);
  if (!workspace) throw new ApiError(404, 'workspace_not_found', `No workspace has the public key "${publicKey}"`);

  const origin = c.req.header('origin');
  // Requests without an Origin come from servers and tools, not from browsers; CORS cannot
  // apply to them, and the rate limits do.
  if (origin !== undefined) {
    const own = new URL(c.req.url).origin;
    if (origin !== own && !originAllowed(origin, workspace.allowedOrigins)) {
      // Readable by the page (CORS headers on the refusal too), so the widget can say why it
      // is silent instead of the browser's bare CORS error; Settings lists refused origins.
      noteRefusedOrigin(c.var.db, c.var.background, workspace.id, origin);
      throw new ApiError(
        403,
        'origin_not_allowed',
        `Origin ${origin} is not allowed for this workspace: add it under Settings → Allowed origins in the Chorus admin`,
        { origin },
        { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' },
      );
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Content-Type');
      c.header('Access-Control-Max-Age', '86400');
      return c.body(null, 204);
    }
  }
  c.set('workspace', workspace);
  await next();
});
