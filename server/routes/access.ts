import { z } from 'zod';
import { createRoute } from '@hono/zod-openapi';
import { jsonBodies, managed } from '../middleware/managed';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';
import { ApiError, notFound } from '../errors';
import { randomToken } from '../crypto';
import { roles, type Role } from '../auth/roles';
import type { Db } from '../../db/client';
import { publicBase } from '../public-url';
import { ownersOnly } from '../middleware/authenticate';
import { createApiKey, listApiKeys, presentApiKey, revokeApiKey } from '../queries/api-keys';
import { listMembers, ownerIds, removeMember, setMemberRole } from '../queries/members';
import { createInvitation, listInvitations, presentInvitation, withdrawInvitation } from '../queries/accounts';

const role = z.enum(roles);
const id = z.object({ id: z.string().min(1).max(80) });
const iso = z.string();
const apiKey = z
  .object({ id: z.string(), name: z.string(), prefix: z.string().describe('The first characters of the key'), role, createdAt: iso, lastUsedAt: iso.nullable(), revokedAt: iso.nullable() })
  .meta({ id: 'ApiKey' });
const member = z.object({ userId: z.string(), email: z.string(), name: z.string(), role }).meta({ id: 'Member' });
const invitation = z.object({ id: z.string(), email: z.string(), role, createdAt: iso, expiresAt: iso, acceptedAt: iso.nullable() }).meta({ id: 'Invitation' });
const keyInput = z.strictObject({ name: z.string().trim().min(1).max(100), role: role.default('editor') });
const invitationInput = z.strictObject({ email: z.string().trim().toLowerCase().email().max(254), role });


/** API keys: created (the key is shown once), listed by prefix only, revoked. Owners only. */
export const apiKeyRoutes = managed('owner', jsonBodies, ownersOnly('API keys'))
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'List API keys by prefix (owner)', responses: { 200: json(listOf(apiKey), 'The keys, newest first'), ...managedErrors } }),
    async (c) => {
      const rows = await listApiKeys(c.var.db, c.var.workspace.id);
      return c.json({ data: rows.map(presentApiKey) }, 200);
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
      const row = await createApiKey(c.var.db, c.var.workspace.id, input, key);
      return c.json({ ...presentApiKey(row), key }, 201);
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', summary: 'Revoke an API key (owner)', request: { params: id }, responses: { ...noContent, ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeApiKey(c.var.db, c.var.workspace.id, id))) throw notFound('api_key', id);
      return c.body(null, 204);
    },
  );

/** Members of the workspace and their roles. Everyone may read; owners change roles. */
export const memberRoutes = managed('owner')
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Members and their roles', responses: { 200: json(listOf(member), 'The members'), ...managedErrors } }),
    async (c) => {
      return c.json({ data: await listMembers(c.var.db, c.var.workspace.id) }, 200);
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
      const { role } = c.req.valid('json');
      await keepAnOwner(c.var.db, ws, userId, role);
      const row = await setMemberRole(c.var.db, ws, userId, role);
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
      if (!(await removeMember(c.var.db, ws, userId))) throw notFound('member', userId);
      return c.body(null, 204);
    },
  );

/** Refuses to demote or remove the workspace's last owner (`newRole` null: removal). */
async function keepAnOwner(db: Db, ws: string, userId: string, newRole: Role | null) {
  if (newRole === 'owner') return;
  const owners = await ownerIds(db, ws);
  if (owners.length === 1 && owners[0] === userId) throw new ApiError(409, 'last_owner', 'A workspace needs at least one owner');
}

/** Invitations by link: an owner invites an email with a role; the link works once, for 7 days. */
export const invitationRoutes = managed('owner')
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Invitations', responses: { 200: json(listOf(invitation), 'The invitations, newest first'), ...managedErrors } }),
    async (c) => {
      const rows = await listInvitations(c.var.db, c.var.workspace.id);
      return c.json({ data: rows.map(presentInvitation) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Invite an email with a role; returns the one-time link (owner)',
      request: { body: jsonBody(invitationInput) },
      responses: {
        201: json(invitation.extend({ token: z.string(), link: z.string().describe('The admin URL to send the invitee') }), 'The invitation'),
        ...bodyErrors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const token = randomToken('inv', 24);
      const row = await createInvitation(c.var.db, c.var.workspace.id, { ...input, invitedBy: c.var.principal.id }, token);
      const link = `${publicBase(c)}/admin/#/invite/${token}`;
      return c.json({ ...presentInvitation(row), token, link }, 201);
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', summary: 'Withdraw an invitation (owner)', request: { params: id }, responses: { ...noContent, ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await withdrawInvitation(c.var.db, c.var.workspace.id, id))) throw notFound('invitation', id);
      return c.body(null, 204);
    },
  );
