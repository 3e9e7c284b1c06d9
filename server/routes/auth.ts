import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, workspaces } from '../../db/schema';
import { createUser, joinByInvitation, openInvitation, userByEmail } from '../queries/accounts';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireJson, validate } from '../validate';
import { limitBody } from '../middleware/body-limit';
import { clientKey } from '../middleware/rate-limit';
import { admitLogin } from '../auth/login-throttle';
import { hashPassword, verifyPassword } from '../auth/password';
import { clearSessionCookie, endSession, SESSION_COOKIE, sessionUser, startSession } from '../auth/sessions';
import { sha256Hex } from '../crypto';

const email = z.string().trim().toLowerCase().email().max(254);
const login = z.strictObject({ email, password: z.string().min(1).max(200) });
// The password is only for a new account (its length is checked there, so an existing
// account's answer never depends on what was sent as a password).
const accept = z.strictObject({ token: z.string().min(10).max(200), name: z.string().trim().max(120).default(''), password: z.string().max(200).optional() });
const MIN_PASSWORD = 10;

const loginRequired = () =>
  new ApiError(401, 'login_required', 'This email already has a Chorus account: log in to it, then accept the invitation');

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
    const attempt = await admitLogin(db, { email: await sha256Hex(input.email), client: await clientKey(c, 'login') });
    const user = await userByEmail(db, input.email);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await (dummyHash ??= hashPassword('not a password'))));
    if (!user || !ok) {
      await attempt.failed();
      throw new ApiError(401, 'invalid_credentials', 'Wrong email or password');
    }
    await attempt.succeeded();
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
    const invite = await openInvitation(db, await sha256Hex(input.token), now);
    if (!invite) throw new ApiError(404, 'invitation_not_found', 'This invitation is unknown, used or expired');
    const existing = await userByEmail(db, invite.email);
    if (existing) {
      // Whoever invites an email holds the link, so the link must never prove who someone is:
      // an existing account joins only from its own session, and no password is looked at here
      // (a right guess and a wrong one get the same answer).
      const sid = getCookie(c, SESSION_COOKIE);
      const current = sid ? await sessionUser(db, sid) : null;
      if (!current) throw loginRequired();
      if (current.user.id !== existing.id) throw new ApiError(403, 'wrong_account', 'This invitation is for another account: log in with the invited email to accept it');
      if (c.req.header('x-csrf-token') !== current.session.csrfToken) {
        throw new ApiError(403, 'csrf_token_invalid', 'Send the session\'s CSRF token in the "X-CSRF-Token" header');
      }
      if (!(await joinByInvitation(db, invite, existing.id, now))) throw new ApiError(404, 'invitation_not_found', 'This invitation is unknown, used or expired');
      return c.json({
        user: { id: existing.id, email: existing.email, name: existing.name },
        workspaces: await workspacesOf(db, existing.id),
        csrfToken: current.session.csrfToken,
        joinedWorkspaceId: invite.workspaceId,
      });
    }
    if (!input.password || input.password.length < MIN_PASSWORD) {
      throw new ApiError(400, 'password_required', `Choose a password of at least ${MIN_PASSWORD} characters for your new account`);
    }
    const user = await createUser(db, { email: invite.email, name: input.name, passwordHash: await hashPassword(input.password) }, now);
    if (!user) throw loginRequired(); // the account was created meanwhile
    if (!(await joinByInvitation(db, invite, user.id, now))) throw new ApiError(404, 'invitation_not_found', 'This invitation is unknown, used or expired');
    const session = await startSession(c, db, user.id);
    return c.json({ user: { id: user.id, email: user.email, name: user.name }, workspaces: await workspacesOf(db, user.id), csrfToken: session.csrfToken, joinedWorkspaceId: invite.workspaceId });
  });
