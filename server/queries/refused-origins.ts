import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rawBatch, rawQuery } from '../../db/raw';
import { workspaces } from '../../db/schema';

/** Refused origins older than this are neither listed nor kept. */
export const REFUSED_ORIGINS_DAYS = 7;
/** Distinct refused origins a workspace keeps (a page spoofing Origin headers cannot grow it further). */
export const MAX_REFUSED_ORIGINS = 200;
const DAY = 86_400_000;

// Constant SQL text: the drivers cache prepared statements by it (db/raw.ts).
const PRUNE = 'DELETE FROM refused_origins WHERE workspace_id = ? AND last_seen < ?';
const UPSERT = `INSERT INTO refused_origins (workspace_id, origin, count, first_seen, last_seen)
SELECT ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM refused_origins WHERE workspace_id = ?) < ${MAX_REFUSED_ORIGINS}
  OR EXISTS (SELECT 1 FROM refused_origins WHERE workspace_id = ? AND origin = ?)
ON CONFLICT (workspace_id, origin) DO UPDATE SET count = count + excluded.count, last_seen = max(last_seen, excluded.last_seen)`;
const LIST = `SELECT origin, count, first_seen, last_seen FROM refused_origins WHERE workspace_id = ? AND last_seen >= ? ORDER BY last_seen DESC, origin LIMIT ${MAX_REFUSED_ORIGINS}`;

/** Adds `count` refusals of `origin` seen until `at`, dropping the workspace's entries older than 7 days. */
export async function addRefusals(db: Db, workspaceId: string, origin: string, count: number, at: number): Promise<void> {
  await rawBatch(db, [
    { sql: PRUNE, params: [workspaceId, at - REFUSED_ORIGINS_DAYS * DAY] },
    { sql: UPSERT, params: [workspaceId, origin, count, at, at, workspaceId, workspaceId, origin] },
  ]);
}

export interface RefusedOrigin {
  origin: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** The origins refused in the last 7 days, most recent first. */
export async function listRefusedOrigins(db: Db, workspaceId: string, now: number): Promise<RefusedOrigin[]> {
  const rows = await rawQuery(db, { sql: LIST, params: [workspaceId, now - REFUSED_ORIGINS_DAYS * DAY] });
  return rows.map((r) => ({
    origin: String(r.origin),
    count: Number(r.count),
    firstSeen: new Date(Number(r.first_seen)).toISOString(),
    lastSeen: new Date(Number(r.last_seen)).toISOString(),
  }));
}

/** Most allowed-origin patterns a workspace has (as PATCH /api/v1/workspace allows). */
export const MAX_ALLOWED_ORIGINS = 100;

/**
 * Adds `origin` to the workspace's allowed origins in one statement (no lost update beside a
 * concurrent settings change). Returns the allowed origins afterwards, or null when the list
 * is full.
 */
export async function allowOrigin(db: Db, workspaceId: string, origin: string): Promise<string[] | null> {
  const [row] = await db
    .update(workspaces)
    .set({ allowedOrigins: sql`json_insert(${workspaces.allowedOrigins}, '$[#]', ${origin})` })
    .where(
      and(
        eq(workspaces.id, workspaceId),
        sql`json_array_length(${workspaces.allowedOrigins}) < ${MAX_ALLOWED_ORIGINS}`,
        sql`not exists (select 1 from json_each(${workspaces.allowedOrigins}) where value = ${origin})`,
      ),
    )
    .returning({ allowedOrigins: workspaces.allowedOrigins });
  if (row) return row.allowedOrigins;
  const current = await db.query.workspaces.findFirst({ columns: { allowedOrigins: true }, where: eq(workspaces.id, workspaceId) });
  return current?.allowedOrigins.includes(origin) ? current.allowedOrigins : null;
}
