import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, memberships, users, workspaces } from '../../db/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireJson, validate } from '../validate';
import { limitBody } from '../middleware/body-limit';
import { clientKey, enforceLimits } from '../middleware/rate-limit';
import { hashPassword, verifyPassword } from '../auth/password';
import { clearSessionCookie, endSession, SESSION_COOKIE, sessionUser, startSession } from '../auth/sessions';
import { newId, sha256Hex } from '../crypto';

const email = z.string().trim().toLowerCase().email().max(254);
const password = z.string().min(10, 'at least 10 characters').max(200);
const login = z.strictObject({ email, password: z.string().min(1).max(200) });
const accept = z.strictObject({ token: z.string().min(10).max(200), name: z.string().trim().max(120).default(''), password });

// Verifying against this when the email is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | undefined;

async function workspacesOf(db: AppEnv['Variables']['db'], userId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

/** Session login for the admin app. Passwords and session ids never appear in a response. */
export const authRoutes = new Hono<AppEnv>()
  .use(limitBody(16 * 1024), requireJson)
  .post('/login', validate('json', login), async (c) => {
    const db = c.var.db;
    const input = c.req.valid('json');
    await enforceLimits(db, [
      { key: `login:${await sha256Hex(input.email)}`, max: 10, windowSeconds: 900 },
      { key: `login-ip:${await clientKey(c, 'login')}`, max: 50, windowSeconds: 900 },
    ]);
    const [user] = await db.select().from(users).where(eq(users.email, input.email));
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await (dummyHash ??= hashPassword('not a password'))));
    if (!user || !ok) throw new ApiError(401, 'invalid_credentials', 'Wrong email or password');
    const session = await startSession(c, db, user.id);
    return c.json({ user: { id: user.id, email: user.email, name: user.name }, workspaces: await workspacesOf(db, user.id), csrfToken: session.csrfToken });
  })
  .post('/logout', async (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid) await endSession(c.var.db, sid);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get('/session', async (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    const current = sid ? await sessionUser(c.var.db, sid) : null;
    if (!current) throw new ApiError(401, 'unauthorized', 'Not logged in');
    const { user, session } = current;
    return c.json({ user: { id: user.id, email: user.email, name: user.name }, workspaces: await workspacesOf(c.var.db, user.id), csrfToken: session.csrfToken });
  })
  .post('/accept-invitation', validate('json', accept), async (c) => {
    const db = c.var.db;
    const input = c.req.valid('json');
    const now = Date.now();
    const [invite] = await db
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, await sha256Hex(input.token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
    if (!invite) throw new ApiError(404, 'invitation_not_found', 'This invitation is unknown, used or expired');
    let [user] = await db.select().from(users).where(eq(users.email, invite.email));
    if (user) {
      // An existing account proves it is theirs with its password; this never resets it.
      if (!(await verifyPassword(input.password, user.passwordHash))) throw new ApiError(401, 'invalid_credentials', 'Wrong password for this account');
    } else {
      [user] = await db.insert(users).values({ id: newId('usr'), email: invite.email, name: input.name, passwordHash: await hashPassword(input.password), createdAt: now }).returning();
    }
    await db.batch([
      db.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invite.id)),
      db
        .insert(memberships)
        .values({ workspaceId: invite.workspaceId, userId: user!.id, role: invite.role, createdAt: now })
        .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: invite.role } }),
    ]);
    const session = await startSession(c, db, user!.id);
    return c.json({ user: { id: user!.id, email: user!.email, name: user!.name }, workspaces: await workspacesOf(db, user!.id), csrfToken: session.csrfToken });
  });
