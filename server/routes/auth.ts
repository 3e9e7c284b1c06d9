import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { createUser, joinByInvitation, openInvitation, userByEmail } from '../queries/accounts';
import { workspacesOfUser } from '../queries/members';
import type { Db } from '../../db/client';
import type { User } from '../../db/schema';
import { ApiError } from '../errors';
import { requireJson } from '../validate';
import { documentedRouter } from '../openapi/router';
import { errors, json, jsonBody, noContent } from '../openapi/responses';
import { limitBody } from '../middleware/body-limit';
import { clientKey } from '../services/rate-limit';
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

/** The session's answer: who is logged in, where they are a member, and the CSRF token to send back. */
async function sessionOf(db: Db, user: User, csrfToken: string) {
  return { user: { id: user.id, email: user.email, name: user.name }, workspaces: await workspacesOfUser(db, user.id), csrfToken };
}

const sessionBody = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['owner', 'editor', 'viewer']) })),
    csrfToken: z.string().describe('Send it as X-CSRF-Token on every write made with this session'),
  })
  .meta({ id: 'Session' });
const sessionCookie = { 'Set-Cookie': { description: 'chorus_session=…; HttpOnly; SameSite=Lax', schema: { type: 'string' as const } } };
const joined = json(sessionBody.extend({ joinedWorkspaceId: z.string() }), 'The session, in the workspace just joined');

const authRouter = documentedRouter();
authRouter.use(limitBody(16 * 1024), requireJson);

/** Session login for the admin app. Passwords and session ids never appear in a response. */
export const authRoutes = authRouter
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      summary: 'Log in: sets the session cookie, returns the CSRF token; failures cost a growing delay (429)',
      request: { body: jsonBody(login) },
      responses: { 200: { ...json(sessionBody, 'Logged in'), headers: sessionCookie }, ...errors(400, 401, 413, 415, 429) },
    }),
    async (c) => {
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
      return c.json(await sessionOf(db, user, session.csrfToken), 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/logout', summary: 'Log out', responses: { ...noContent, ...errors(413, 415) } }),
    async (c) => {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid) await endSession(c.var.db, sid);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/session', summary: 'The logged-in user, their workspaces and the CSRF token', responses: { 200: json(sessionBody, 'The session'), ...errors(401) } }),
    async (c) => {
      const sid = getCookie(c, SESSION_COOKIE);
      const current = sid ? await sessionUser(c.var.db, sid) : null;
      if (!current) throw new ApiError(401, 'unauthorized', 'Not logged in');
      const { user, session } = current;
      return c.json(await sessionOf(c.var.db, user, session.csrfToken), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accept-invitation',
      summary: 'Accept an invitation: a new account sets its password; an existing one accepts from its session',
      request: { body: jsonBody(accept) },
      responses: { 200: { ...joined, headers: sessionCookie }, ...errors(400, 401, 403, 404, 413, 415) },
    }),
    async (c) => {
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
        return c.json({ ...(await sessionOf(db, existing, current.session.csrfToken)), joinedWorkspaceId: invite.workspaceId }, 200);
      }
      if (!input.password || input.password.length < MIN_PASSWORD) {
        throw new ApiError(400, 'password_required', `Choose a password of at least ${MIN_PASSWORD} characters for your new account`);
      }
      const user = await createUser(db, { email: invite.email, name: input.name, passwordHash: await hashPassword(input.password) }, now);
      if (!user) throw loginRequired(); // the account was created meanwhile
      if (!(await joinByInvitation(db, invite, user.id, now))) throw new ApiError(404, 'invitation_not_found', 'This invitation is unknown, used or expired');
      const session = await startSession(c, db, user.id);
      return c.json({ ...(await sessionOf(db, user, session.csrfToken)), joinedWorkspaceId: invite.workspaceId }, 200);
    },
  );
