import { and, eq, gt } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/client';
import { sessions, users, type Session, type User } from '../../db/schema';
import { randomToken, sha256Hex } from '../crypto';
import type { AppEnv } from '../env';
import { secureCookies } from '../public-url';

export const SESSION_COOKIE = 'chorus_session';
const SESSION_DAYS = 14;

/**
 * Starts a new session: always a fresh random id (so a planted cookie can never become a
 * logged-in session), stored only as a hash, with its own CSRF token.
 */
export async function startSession(c: Context<AppEnv>, db: Db, userId: string, now = Date.now()): Promise<{ csrfToken: string; expiresAt: number }> {
  const previous = getCookie(c, SESSION_COOKIE);
  if (previous) await endSession(db, previous);
  const id = randomToken('sess', 32);
  const csrfToken = randomToken('csrf', 16);
  const expiresAt = now + SESSION_DAYS * 86_400_000;
  await db.insert(sessions).values({ idHash: await sha256Hex(id), userId, csrfToken, createdAt: now, expiresAt });
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c),
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
  return { csrfToken, expiresAt };
}

export async function sessionUser(db: Db, id: string, now = Date.now()): Promise<{ session: Session; user: User } | null> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, await sha256Hex(id)), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export async function endSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, await sha256Hex(id)));
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/' });
