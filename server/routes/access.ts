import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys, invitations, memberships, users, type ApiKey } from '../../db/schema';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { ApiError, notFound } from '../errors';
import { newId, randomToken, sha256Hex } from '../crypto';
import { roles } from '../auth/roles';
import type { Db } from '../../db/client';
import { publicBase } from '../public-url';

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

/** API keys: created (the key is shown once), listed by prefix only, revoked. Owners only. */
export const apiKeyRoutes = managed('owner')
  .use(async (c, next) => {
    if (c.var.role !== 'owner') throw new ApiError(403, 'forbidden', 'Only owners manage API keys');
    await next();
  })
  .get('/', async (c) => {
    const rows = await c.var.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, c.var.workspace.id)).orderBy(desc(apiKeys.createdAt));
    return c.json({ data: rows.map(presentKey) });
  })
  .post('/', validate('json', z.strictObject({ name: z.string().trim().min(1).max(100), role: role.default('editor') })), async (c) => {
    const input = c.req.valid('json');
    const key = randomToken('ck');
    const [row] = await c.var.db
      .insert(apiKeys)
      .values({ id: newId('key'), workspaceId: c.var.workspace.id, name: input.name, role: input.role, prefix: key.slice(0, 10), hash: await sha256Hex(key), createdAt: Date.now() })
      .returning();
    return c.json({ ...presentKey(row!), key }, 201);
  })
  .delete('/:id', validate('param', id), async (c) => {
    const [row] = await c.var.db
      .update(apiKeys)
      .set({ revokedAt: Date.now() })
      .where(and(eq(apiKeys.workspaceId, c.var.workspace.id), eq(apiKeys.id, c.req.valid('param').id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) throw notFound('api_key', c.req.valid('param').id);
    return c.body(null, 204);
  });

/** Members of the workspace and their roles. Everyone may read; owners change roles. */
export const memberRoutes = managed('owner')
  .get('/', async (c) => {
    const rows = await c.var.db
      .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, c.var.workspace.id))
      .orderBy(asc(memberships.createdAt));
    return c.json({ data: rows });
  })
  .patch('/:id', validate('param', id), validate('json', z.strictObject({ role })), async (c) => {
    const ws = c.var.workspace.id;
    const userId = c.req.valid('param').id;
    await keepAnOwner(c.var.db, ws, userId, c.req.valid('json').role);
    const [row] = await c.var.db
      .update(memberships)
      .set({ role: c.req.valid('json').role })
      .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, userId)))
      .returning();
    if (!row) throw notFound('member', userId);
    return c.json({ userId, role: row.role });
  })
  .delete('/:id', validate('param', id), async (c) => {
    const ws = c.var.workspace.id;
    const userId = c.req.valid('param').id;
    await keepAnOwner(c.var.db, ws, userId, null);
    const [row] = await c.var.db.delete(memberships).where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, userId))).returning();
    if (!row) throw notFound('member', userId);
    return c.body(null, 204);
  });

async function keepAnOwner(db: Db, ws: string, userId: string, newRole: string | null) {
  if (newRole === 'owner') return;
  const owners = await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, ws), eq(memberships.role, 'owner')));
  if (owners.length === 1 && owners[0]!.userId === userId) throw new ApiError(409, 'last_owner', 'A workspace needs at least one owner');
}

/** Invitations by link: an owner invites an email with a role; the link works once, for 7 days. */
export const invitationRoutes = managed('owner')
  .get('/', async (c) => {
    const rows = await c.var.db
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
      .from(invitations)
      .where(eq(invitations.workspaceId, c.var.workspace.id))
      .orderBy(desc(invitations.createdAt));
    return c.json({ data: rows });
  })
  .post('/', validate('json', z.strictObject({ email: z.string().trim().toLowerCase().email().max(254), role })), async (c) => {
    const input = c.req.valid('json');
    const token = randomToken('inv', 24);
    const now = Date.now();
    const [row] = await c.var.db
      .insert(invitations)
      .values({ id: newId('inv'), workspaceId: c.var.workspace.id, email: input.email, role: input.role, tokenHash: await sha256Hex(token), invitedBy: c.var.principal.id, createdAt: now, expiresAt: now + INVITE_DAYS * 86_400_000 })
      .returning();
    const link = `${publicBase(c)}/admin/#/invite/${token}`;
    return c.json({ id: row!.id, email: row!.email, role: row!.role, expiresAt: new Date(row!.expiresAt).toISOString(), token, link }, 201);
  })
  .delete('/:id', validate('param', id), async (c) => {
    const [row] = await c.var.db
      .delete(invitations)
      .where(and(eq(invitations.workspaceId, c.var.workspace.id), eq(invitations.id, c.req.valid('param').id), isNull(invitations.acceptedAt)))
      .returning();
    if (!row) throw notFound('invitation', c.req.valid('param').id);
    return c.body(null, 204);
  });
