import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys, invitations, memberships, users, type ApiKey } from '../../db/schema';
import { createRoute } from '@hono/zod-openapi';
import { jsonBodies, managed } from '../middleware/managed';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';
import { ApiError, notFound } from '../errors';
import { newId, randomToken, sha256Hex } from '../crypto';
import { roles } from '../auth/roles';
import type { Db } from '../../db/client';
import { publicBase } from '../public-url';
import { ownersOnly } from '../middleware/authenticate';

const role = z.enum(roles);
const id = z.object({ id: z.string().min(1).max(80) });
const INVITE_DAYS = 7;

const presentKey = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  createdAt: new Date(k.createdAt).toISOString(),
  lastUsedAt: k.lastUsedAt === null ? null : new Date(k.lastUsedAt).toISOString(),
  revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString(),
});

const iso = z.string();
const apiKey = z
  .object({ id: z.string(), name: z.string(), prefix: z.string().describe('The first characters of the key'), role, createdAt: iso, lastUsedAt: iso.nullable(), revokedAt: iso.nullable() })
  .meta({ id: 'ApiKey' });
const member = z.object({ userId: z.string(), email: z.string(), name: z.string(), role }).meta({ id: 'Member' });
const invitation = z.object({ id: z.string(), email: z.string(), role, createdAt: z.number().int().describe('ms since the epoch'), expiresAt: z.number().int(), acceptedAt: z.number().int().nullable() }).meta({ id: 'Invitation' });
const keyInput = z.strictObject({ name: z.string().trim().min(1).max(100), role: role.default('editor') });
const invitationInput = z.strictObject({ email: z.string().trim().toLowerCase().email().max(254), role });


/** API keys: created (the key is shown once), listed by prefix only, revoked. Owners only. */
export const apiKeyRoutes = managed('owner', jsonBodies, ownersOnly('API keys'))
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'List API keys by prefix (owner)', responses: { 200: json(listOf(apiKey), 'The keys, newest first'), ...managedErrors } }),
    async (c) => {
      const rows = await c.var.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, c.var.workspace.id)).orderBy(desc(apiKeys.createdAt));
      return c.json({ data: rows.map(presentKey) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create an API key; the key is returned once (owner)',
      request: { body: jsonBody(keyInput) },
      responses: { 201: json(apiKey.extend({ key: z.string().describe('ck_…, shown only here') }), 'The key created'), ...bodyErrors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const key = randomToken('ck');
      const [row] = await c.var.db
        .insert(apiKeys)
        .values({ id: newId('key'), workspaceId: c.var.workspace.id, name: input.name, role: input.role, prefix: key.slice(0, 10), hash: await sha256Hex(key), createdAt: Date.now() })
        .returning();
      return c.json({ ...presentKey(row!), key }, 201);
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', summary: 'Revoke an API key (owner)', request: { params: id }, responses: { ...noContent, ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const [row] = await c.var.db
        .update(apiKeys)
        .set({ revokedAt: Date.now() })
        .where(and(eq(apiKeys.workspaceId, c.var.workspace.id), eq(apiKeys.id, c.req.valid('param').id), isNull(apiKeys.revokedAt)))
        .returning();
      if (!row) throw notFound('api_key', c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

/** Members of the workspace and their roles. Everyone may read; owners change roles. */
export const memberRoutes = managed('owner')
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Members and their roles', responses: { 200: json(listOf(member), 'The members'), ...managedErrors } }),
    async (c) => {
      const rows = await c.var.db
        .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.workspaceId, c.var.workspace.id))
        .orderBy(asc(memberships.createdAt));
      return c.json({ data: rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: "Change a member's role (owner)",
      request: { params: id, body: jsonBody(z.strictObject({ role })) },
      responses: { 200: json(z.object({ userId: z.string(), role }), 'The new role'), ...bodyErrors, ...errors(404, 409) },
    }),
    async (c) => {
      const ws = c.var.workspace.id;
      const userId = c.req.valid('param').id;
      await keepAnOwner(c.var.db, ws, userId, c.req.valid('json').role);
      const [row] = await c.var.db
        .update(memberships)
        .set({ role: c.req.valid('json').role })
        .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, userId)))
        .returning();
      if (!row) throw notFound('member', userId);
      return c.json({ userId, role: row.role }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', summary: 'Remove a member (owner)', request: { params: id }, responses: { ...noContent, ...errors(400, 404, 409), ...managedErrors } }),
    async (c) => {
      const ws = c.var.workspace.id;
      const userId = c.req.valid('param').id;
      await keepAnOwner(c.var.db, ws, userId, null);
      const [row] = await c.var.db.delete(memberships).where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, userId))).returning();
      if (!row) throw notFound('member', userId);
      return c.body(null, 204);
    },
  );

async function keepAnOwner(db: Db, ws: string, userId: string, newRole: string | null) {
  if (newRole === 'owner') return;
  const owners = await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, ws), eq(memberships.role, 'owner')));
  if (owners.length === 1 && owners[0]!.userId === userId) throw new ApiError(409, 'last_owner', 'A workspace needs at least one owner');
}

/** Invitations by link: an owner invites an email with a role; the link works once, for 7 days. */
export const invitationRoutes = managed('owner')
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Invitations', responses: { 200: json(listOf(invitation), 'The invitations, newest first'), ...managedErrors } }),
    async (c) => {
      const rows = await c.var.db
        .select({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
        .from(invitations)
        .where(eq(invitations.workspaceId, c.var.workspace.id))
        .orderBy(desc(invitations.createdAt));
      return c.json({ data: rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Invite an email with a role; returns the one-time link (owner)',
      request: { body: jsonBody(invitationInput) },
      responses: {
        201: json(z.object({ id: z.string(), email: z.string(), role, expiresAt: iso, token: z.string(), link: z.string().describe('The admin URL to send the invitee') }), 'The invitation'),
        ...bodyErrors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const token = randomToken('inv', 24);
      const now = Date.now();
      const [row] = await c.var.db
        .insert(invitations)
        .values({ id: newId('inv'), workspaceId: c.var.workspace.id, email: input.email, role: input.role, tokenHash: await sha256Hex(token), invitedBy: c.var.principal.id, createdAt: now, expiresAt: now + INVITE_DAYS * 86_400_000 })
        .returning();
      const link = `${publicBase(c)}/admin/#/invite/${token}`;
      return c.json({ id: row!.id, email: row!.email, role: row!.role, expiresAt: new Date(row!.expiresAt).toISOString(), token, link }, 201);
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', summary: 'Withdraw an invitation (owner)', request: { params: id }, responses: { ...noContent, ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const [row] = await c.var.db
        .delete(invitations)
        .where(and(eq(invitations.workspaceId, c.var.workspace.id), eq(invitations.id, c.req.valid('param').id), isNull(invitations.acceptedAt)))
        .returning();
      if (!row) throw notFound('invitation', c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
