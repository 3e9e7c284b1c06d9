import { and, desc, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accountHealthSnapshots } from '../../db/schema';
import type { AccountsWindow, FactsRow } from './account-health';

/** What a snapshot holds: the facts of one window and the settings they were computed with. */
export interface SnapshotPayload {
  accountAttribute: string;
  revenueAttribute: string;
  window: AccountsWindow;
  rows: FactsRow[];
}
export interface AccountSnapshot extends SnapshotPayload {
  computedAt: number;
}

const parse = (row: { payload: string; computedAt: number } | undefined): AccountSnapshot | undefined =>
  row && { ...(JSON.parse(row.payload) as SnapshotPayload), computedAt: row.computedAt };

/** The snapshot of window `window` (its length and zone) as of local day `asOf`. */
export async function readSnapshot(db: Db, workspaceId: string, window: string, asOf: string): Promise<AccountSnapshot | undefined> {
  const [row] = await db
    .select({ payload: accountHealthSnapshots.payload, computedAt: accountHealthSnapshots.computedAt })
    .from(accountHealthSnapshots)
    .where(and(eq(accountHealthSnapshots.workspaceId, workspaceId), eq(accountHealthSnapshots.window, window), eq(accountHealthSnapshots.asOf, asOf)));
  return parse(row);
}

/** The snapshot of `window` with the latest as-of day. */
export async function latestSnapshot(db: Db, workspaceId: string, window: string): Promise<AccountSnapshot | undefined> {
  const [row] = await db
    .select({ payload: accountHealthSnapshots.payload, computedAt: accountHealthSnapshots.computedAt })
    .from(accountHealthSnapshots)
    .where(and(eq(accountHealthSnapshots.workspaceId, workspaceId), eq(accountHealthSnapshots.window, window)))
    .orderBy(desc(accountHealthSnapshots.asOf))
    .limit(1);
  return parse(row);
}

/** Snapshots of as-of days older than this before the newest stored are pruned (the digest reads the last few weeks). */
export const SNAPSHOT_KEEP_DAYS = 42;

/** The row that records when the workspace's snapshots were last forgotten (its `computedAt`). */
const FORGOTTEN = '';

/**
 * Stores the facts computed from the responses as they were at `computedAt` (when the
 * computation started), unless the snapshots were forgotten since then: a computation that
 * read rows an erasure or deletion has removed meanwhile must not bring them back.
 */
export async function storeSnapshot(db: Db, workspaceId: string, window: string, payload: SnapshotPayload, computedAt: number): Promise<void> {
  await db.run(sql`INSERT INTO account_health_snapshots (workspace_id, "window", as_of, payload, computed_at)
    SELECT ${workspaceId}, ${window}, ${payload.window.to}, ${JSON.stringify(payload)}, ${computedAt}
    WHERE NOT EXISTS (SELECT 1 FROM account_health_snapshots WHERE workspace_id = ${workspaceId} AND "window" = ${FORGOTTEN} AND as_of = ${FORGOTTEN} AND computed_at >= ${computedAt})
    ON CONFLICT (workspace_id, "window", as_of) DO UPDATE SET payload = excluded.payload, computed_at = excluded.computed_at`);
  // One snapshot a day per window would grow without end: older days are computed again if asked for.
  const oldest = new Date(Date.parse(payload.window.to) - SNAPSHOT_KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
  await db.delete(accountHealthSnapshots).where(and(eq(accountHealthSnapshots.workspaceId, workspaceId), eq(accountHealthSnapshots.window, window), lt(accountHealthSnapshots.asOf, oldest)));
}

/**
 * Forgets every snapshot of the workspace: called where a write changes the past (imports,
 * deletions, erasure), so the next read computes from the responses again. The mark is
 * written before the delete, so a computation in flight cannot store what it read before.
 */
export async function forgetSnapshots(db: Db, workspaceId: string, now = Date.now()): Promise<void> {
  await db
    .insert(accountHealthSnapshots)
    .values({ workspaceId, window: FORGOTTEN, asOf: FORGOTTEN, payload: '{}', computedAt: now })
    .onConflictDoUpdate({ target: [accountHealthSnapshots.workspaceId, accountHealthSnapshots.window, accountHealthSnapshots.asOf], set: { computedAt: now } });
  await db.delete(accountHealthSnapshots).where(and(eq(accountHealthSnapshots.workspaceId, workspaceId), ne(accountHealthSnapshots.window, FORGOTTEN)));
}
