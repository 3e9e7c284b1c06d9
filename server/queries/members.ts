import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships, users, workspaces, type Membership } from '../../db/schema';
import type { Role } from '../auth/roles';

/** The workspace's members with their roles, oldest first. */
export const listMembers = (db: Db, workspaceId: string) =>
  db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt));

/** The workspaces a user belongs to, with their role in each, oldest membership first. */
export const workspacesOfUser = (db: Db, userId: string) =>
  db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));

/** The user ids of the workspace's owners. */
export async function ownerIds(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return rows.map((r) => r.userId);
}

/** Changes a member's role; undefined when the user is not a member. */
export async function setMemberRole(db: Db, workspaceId: string, userId: string, role: Role): Promise<Membership | undefined> {
  const [row] = await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning();
  return row;
}

/** Removes a member; undefined when the user was not one. */
export async function removeMember(db: Db, workspaceId: string, userId: string): Promise<Membership | undefined> {
  const [row] = await db.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))).returning();
  return row;
}
