import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { digestKeys } from '../../db/schema';
import { randomToken } from '../crypto';

const enc = new TextEncoder();
const b64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The workspace's signing key, created on first use (a concurrent first use keeps the one stored first). */
async function secretOf(db: Db, workspaceId: string, now = Date.now()): Promise<string> {
  await db.insert(digestKeys).values({ workspaceId, secret: randomToken('dk', 32), createdAt: now }).onConflictDoNothing();
  const [row] = await db.select({ secret: digestKeys.secret }).from(digestKeys).where(eq(digestKeys.workspaceId, workspaceId));
  return row!.secret;
}

async function sign(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return b64url(await crypto.subtle.sign('HMAC', key, enc.encode(message)));
}

/**
 * The one-click unsubscribe token of a member: `<workspace>.<user>.<HMAC>`. It needs no
 * login and never expires (RFC 8058 links must keep working), and names one member of one
 * workspace only: the signature covers both ids with that workspace's own key.
 */
export async function unsubscribeToken(db: Db, workspaceId: string, userId: string): Promise<string> {
  return `${workspaceId}.${userId}.${await sign(await secretOf(db, workspaceId), `digest-unsubscribe:${workspaceId}:${userId}`)}`;
}

/** The member a token names, or null when it is malformed or its signature does not match. */
export async function verifyUnsubscribeToken(db: Db, token: string): Promise<{ workspaceId: string; userId: string } | null> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => p.length === 0 || p.length > 200)) return null;
  const [workspaceId, userId, signature] = parts as [string, string, string];
  const [row] = await db.select({ secret: digestKeys.secret }).from(digestKeys).where(eq(digestKeys.workspaceId, workspaceId));
  if (!row) return null;
  const expected = await sign(row.secret, `digest-unsubscribe:${workspaceId}:${userId}`);
  // Compared as HMACs of both sides, so the time taken says nothing about the expected value.
  const [a, b] = await Promise.all([sign(row.secret, expected), sign(row.secret, signature)]);
  return a === b ? { workspaceId, userId } : null;
}
