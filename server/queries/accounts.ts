import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { invitations, memberships, users, type User } from '../../db/schema';
import { newId, sha256Hex } from '../crypto';
import type { Role } from '../auth/roles';
import { present } from './present';

export type Invitation = typeof invitations.$inferSelect;

/** The invitation with this token hash, while it is unused and unexpired. */
export async function openInvitation(db: Db, tokenHash: string, now: number): Promise<Invitation | undefined> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
  return row;
}

export async function userByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

/** Creates the account; undefined when one with this email appeared meanwhile (the unique email decides). */
export async function createUser(db: Db, input: { email: string; name: string; passwordHash: string }, now: number): Promise<User | undefined> {
  const [row] = await db
    .insert(users)
    .values({ id: newId('usr'), ...input, createdAt: now })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

/**
 * Uses the invitation and makes the user a member with its role, in one atomic batch. False
 * when it was used meanwhile (the membership is then the same one that use made: the
 * invitation names one email, so one user).
 */
export async function joinByInvitation(db: Db, invite: Invitation, userId: string, now: number): Promise<boolean> {
  const [claimed] = await db.batch([
    db
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, invite.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id }),
    db
      .insert(memberships)
      .values({ workspaceId: invite.workspaceId, userId, role: invite.role, createdAt: now })
      .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: invite.role } }),
  ]);
  return claimed.length > 0;
}

const INVITE_DAYS = 7;

/** An invitation as the API shows it: never its token's hash. */
export function presentInvitation(invite: Invitation) {
  const { tokenHash: _hash, invitedBy: _by, ...shown } = present(invite);
  return shown;
}

/** The workspace's invitations, newest first. */
export const listInvitations = (db: Db, workspaceId: string): Promise<Invitation[]> =>
  db.select().from(invitations).where(eq(invitations.workspaceId, workspaceId)).orderBy(desc(invitations.createdAt));

/** Stores an invitation valid for 7 days by its token's hash; the token is the caller's to send once. */
export async function createInvitation(db: Db, workspaceId: string, input: { email: string; role: Role; invitedBy: string }, token: string, now = Date.now()): Promise<Invitation> {
  const [row] = await db
    .insert(invitations)
    .values({ id: newId('inv'), workspaceId, ...input, tokenHash: await sha256Hex(token), createdAt: now, expiresAt: now + INVITE_DAYS * 86_400_000 })
    .returning();
  return row!;
}

/** Withdraws an unaccepted invitation; undefined when there is none by this id. */
export async function withdrawInvitation(db: Db, workspaceId: string, id: string): Promise<Invitation | undefined> {
  const [row] = await db
    .delete(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id), isNull(invitations.acceptedAt)))
    .returning();
  return row;
}
