import { createMiddleware } from 'hono/factory';
import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys, workspaces } from '../../db/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { sha256Hex } from '../crypto';

/**
 * Management API authentication: `Authorization: Bearer ck_…`. Only the key's hash is
 * stored; the key's workspace becomes the scope of every query in the request.
 */
export const apiKeyAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new ApiError(401, 'unauthorized', 'Send an API key as "Authorization: Bearer <key>"', undefined, {
      'WWW-Authenticate': 'Bearer realm="chorus"',
    });
  }
  const hash = await sha256Hex(match[1]!);
  const [found] = await c.var.db
    .select({ workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!found) throw new ApiError(401, 'unauthorized', 'This API key is unknown or revoked');
  c.set('workspace', found.workspace);
  await next();
});
