import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { apiKeys, memberships, workspaces } from '../../db/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { sha256Hex } from '../crypto';
import { SESSION_COOKIE, sessionUser } from '../auth/sessions';
import { atLeast, type Role } from '../auth/roles';

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer realm="chorus"' });
const safe = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/** Sets the workspace, role and principal of an API key, or throws `refuse`'s error (each API says how to authenticate). */
export async function useApiKey(c: Context<AppEnv>, key: string, refuse: (message: string) => ApiError): Promise<void> {
  const [found] = await c.var.db
    .select({ workspace: workspaces, role: apiKeys.role, id: apiKeys.id })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.hash, await sha256Hex(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!found) throw refuse('This API key is unknown or revoked');
  c.set('workspace', found.workspace);
  c.set('role', found.role);
  c.set('principal', { kind: 'api_key', id: found.id });
}

/**
 * Who is calling the management API, and in which workspace with which role: an API key
 * (`Authorization: Bearer ck_…`, its workspace and role) or an admin session cookie (the
 * workspace in `X-Workspace-Id`, else the user's first). State-changing requests made with
 * a session must echo the session's CSRF token in `X-CSRF-Token`.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const db = c.var.db;
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('Send an API key as "Authorization: Bearer <key>"');
    await useApiKey(c, match[1]!, unauthorized);
    return next();
  }
  const sid = getCookie(c, SESSION_COOKIE);
  const current = sid ? await sessionUser(db, sid) : null;
  if (!current) throw unauthorized('Log in, or send an API key as "Authorization: Bearer <key>"');
  if (!safe(c.req.method) && c.req.header('x-csrf-token') !== current.session.csrfToken) {
    throw new ApiError(403, 'csrf_token_invalid', 'Send the session\'s CSRF token in the "X-CSRF-Token" header');
  }
  const wanted = c.req.header('x-workspace-id');
  const [membership] = await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, current.user.id), wanted ? eq(memberships.workspaceId, wanted) : undefined))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!membership) throw new ApiError(403, 'not_a_member', wanted ? `You are not a member of workspace "${wanted}"` : 'You are not a member of any workspace');
  c.set('workspace', membership.workspace);
  c.set('role', membership.role);
  c.set('user', current.user);
  c.set('principal', { kind: 'user', id: current.user.id });
  return next();
});

/** Reads need `viewer`; writes need `writeRole` (editors change configuration, owners manage access). */
export const authorize = (writeRole: Role) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const needed = safe(c.req.method) ? 'viewer' : writeRole;
    if (!atLeast(c.var.role, needed)) {
      throw new ApiError(403, 'forbidden', `This needs the ${needed} role; you are ${c.var.role === 'editor' ? 'an' : 'a'} ${c.var.role}`);
    }
    await next();
  });

/** Only owners, for reads too: resources that hand out access (API keys, share links). */
export const ownersOnly = (what: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.role !== 'owner') throw new ApiError(403, 'forbidden', `Only owners manage ${what}`);
    await next();
  });
