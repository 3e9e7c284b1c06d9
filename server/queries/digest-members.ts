import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships, users } from '../../db/schema';
import { ApiError } from '../errors';

/** Whether a member gets the digest: their own choice, else on for owners and off for the others. */
const subscribed = sql<number>`coalesce(${memberships.digest}, ${memberships.role} = 'owner')`;

/** The members who receive the weekly digest by email. */
export const digestRecipients = (db: Db, workspaceId: string): Promise<{ userId: string; email: string; name: string }[]> =>
  db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), sql`${subscribed} = 1`))
    .orderBy(users.email);

/** The caller's digest subscription; `default` says whether it is their role's default. */
export async function getDigestSubscription(db: Db, workspaceId: string, userId: string): Promise<{ subscribed: boolean; default: boolean }> {
  const [row] = await db.select({ digest: memberships.digest, role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!row) throw new ApiError(404, 'member_not_found', 'You are not a member of this workspace');
  return { subscribed: row.digest ?? row.role === 'owner', default: row.digest === null };
}

/** Sets a member's choice; false when they are no longer a member. */
export async function setDigestSubscription(db: Db, workspaceId: string, userId: string, on: boolean): Promise<boolean> {
  const rows = await db.update(memberships).set({ digest: on }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))).returning({ userId: memberships.userId });
  return rows.length > 0;
}
