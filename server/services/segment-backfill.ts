import { and, count, eq, getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { rawBatch, rawQuery, type RawStatement } from '../../db/raw';
import {
  dailySegmentCpiRollups, dailySegmentRollups, responses, segmentCpiRollups, segmentKeys, segmentRollups, type SegmentKey,
} from '../../db/schema';
import type { Background } from '../env';
import { fieldNames, rawSource, selectListText } from '../queries/metrics-sql';
import { forgetSegmentState, MAX_SEGMENT_VALUES, NONE, OTHER } from './segments';
import { segmentSql } from '../queries/segment-sql';

// Adding a segment key backfills its rollups from the raw responses, in chunks of
// (created_at, id) order, each chunk one atomic batch that also moves the key's cursor.
// Ingestion counts a response in a key's rollups only once the cursor has passed it, and
// both are guarded by the key's version, so no response is counted twice or missed.

/** Responses per chunk: each chunk is one write transaction, so ingestion waits at most one chunk. */
const CHUNK = 5_000;
const CHUNK_MS = 1000;
const LEASE_MS = 15_000;
const segmentTables: SQLiteTable[] = [segmentRollups, dailySegmentRollups, segmentCpiRollups, dailySegmentCpiRollups];

export function presentSegmentKey(k: SegmentKey) {
  return {
    key: k.key,
    status: k.status,
    processed: Math.min(k.processed, k.total),
    total: k.total,
    progress: k.status === 'ready' || k.total === 0 ? 1 : Math.min(1, k.processed / k.total),
    values: k.values?.length ?? null,
  };
}

export const listSegmentKeys = (db: Db, workspaceId: string) => db.select().from(segmentKeys).where(eq(segmentKeys.workspaceId, workspaceId)).orderBy(segmentKeys.key);

/**
 * Makes the workspace's segment keys `keys`: a removed key's rollups are dropped, an added
 * key starts backfilling. Returns whether any backfill is due.
 */
export async function syncSegmentKeys(db: Db, workspaceId: string, keys: readonly string[], now = Date.now()): Promise<boolean> {
  const current = (await listSegmentKeys(db, workspaceId)).map((k) => k.key);
  const removed = current.filter((k) => !keys.includes(k));
  const added = keys.filter((k) => !current.includes(k));
  if (removed.length > 0) {
    const drops: RawStatement[] = segmentTables.map((t) => ({
      sql: `DELETE FROM "${tableName(t)}" WHERE "workspace_id" = ? AND "segment_key" IN (SELECT value FROM json_each(?))`,
      params: [workspaceId, JSON.stringify(removed)],
    }));
    await rawBatch(db, [...drops, { sql: `DELETE FROM "segment_keys" WHERE "workspace_id" = ? AND "key" IN (SELECT value FROM json_each(?))`, params: [workspaceId, JSON.stringify(removed)] }]);
  }
  if (added.length > 0) {
    const [n] = await db.select({ n: count() }).from(responses).where(eq(responses.workspaceId, workspaceId));
    // The version starts from the clock, so a key removed and added again never repeats an earlier fingerprint.
    await db
      .insert(segmentKeys)
      .values(added.map((key) => ({ workspaceId, key, status: 'backfilling' as const, total: n?.n ?? 0, version: now, createdAt: now, updatedAt: now })))
      .onConflictDoNothing();
  }
  if (removed.length + added.length > 0) forgetSegmentState(db, workspaceId);
  return added.length > 0 || (await listSegmentKeys(db, workspaceId)).some((k) => k.status === 'backfilling');
}

/** Backfills the workspace's new keys in the background, a chunk at a time (resumed when the workspace is next read). */
export function continueSegmentBackfill(db: Db, background: Background, workspaceId: string): void {
  background(async () => {
    if (await advanceSegmentBackfill(db, workspaceId)) continueSegmentBackfill(db, background, workspaceId);
  });
}

/** Runs every backfill of the workspace to its end (the demo seed, scripts, tests). */
export async function runSegmentBackfill(db: Db, workspaceId: string): Promise<void> {
  while (await advanceSegmentBackfill(db, workspaceId, 10_000)) {
    /* next chunk */
  }
}

/** Works on the workspace's backfilling keys for about `budgetMs`; true while work remains that this runner holds. */
export async function advanceSegmentBackfill(db: Db, workspaceId: string, budgetMs = CHUNK_MS, chunk = CHUNK): Promise<boolean> {
  const start = Date.now();
  const keys = await db.select().from(segmentKeys).where(and(eq(segmentKeys.workspaceId, workspaceId), eq(segmentKeys.status, 'backfilling')));
  let more = false;
  for (const k of keys) {
    // A lease keeps two runners off one key; it does not change what ingestion sees, so it keeps the version.
    const [held] = await rawBatch(db, [{
      sql: `UPDATE "segment_keys" SET "lease_until" = ? WHERE "workspace_id" = ? AND "key" = ? AND "status" = 'backfilling' AND ("lease_until" IS NULL OR "lease_until" < ?) RETURNING "key"`,
      params: [start + budgetMs + LEASE_MS, workspaceId, k.key, start],
    }]);
    if (!held || held.length === 0) continue;
    try {
      while (Date.now() - start < budgetMs) {
        if (!(await backfillChunk(db, workspaceId, k.key, chunk))) break;
      }
      const [after] = await db.select().from(segmentKeys).where(and(eq(segmentKeys.workspaceId, workspaceId), eq(segmentKeys.key, k.key)));
      if (after?.status === 'backfilling') more = true;
    } finally {
      await db.update(segmentKeys).set({ leaseUntil: null }).where(and(eq(segmentKeys.workspaceId, workspaceId), eq(segmentKeys.key, k.key)));
    }
  }
  forgetSegmentState(db, workspaceId);
  return more;
}

const tableName = (t: SQLiteTable) => (t as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]!;
const snake = (t: SQLiteTable) => {
  const cols = getTableColumns(t) as Record<string, SQLiteColumn>;
  return (field: string) => `"${cols[field]!.name}"`;
};

/** The grouped upsert of one chunk's responses into one segment table. */
function chunkUpsert(table: SQLiteTable, kind: 'main' | 'cpi', grain: 'hour' | 'day', workspaceId: string, k: SegmentKey, range: RawStatement): RawStatement {
  const col = snake(table);
  const fields = fieldNames(kind);
  const keyCols = ['"workspace_id"', '"survey_id"', '"touchpoint_id"', '"segment_key"', '"segment_value"', ...(kind === 'cpi' ? ['"cpi_id"'] : []), `"${grain}"`];
  const valueCols = fields.map(col);
  const value = segmentSql(k.key);
  const mapped = `CASE WHEN ${value} IS NULL THEN '${NONE}' WHEN ${value} IN (SELECT value FROM json_each(?)) THEN ${value} ELSE '${OTHER}' END`;
  const keys = ['r.workspace_id', 'r.survey_id', 'r.touchpoint_id', '?', mapped, ...(kind === 'cpi' ? [`json_extract(j.value, '$.cpiId')`] : []), `r.created_at / ${grain === 'hour' ? 3_600_000 : 86_400_000}`];
  return {
    sql: `INSERT INTO "${tableName(table)}" (${[...keyCols, ...valueCols].join(', ')})
      SELECT ${keys.join(', ')}, ${selectListText(kind, 'raw')}
      FROM ${rawSource[kind]}
      WHERE r.workspace_id = ? AND ${range.sql} AND EXISTS (SELECT 1 FROM "segment_keys" WHERE "workspace_id" = ? AND "key" = ? AND "version" = ?)
      GROUP BY ${keys.map((_, i) => i + 1).join(', ')}
      ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${valueCols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    params: [k.key, JSON.stringify(k.values), workspaceId, ...range.params, workspaceId, k.key, k.version],
  };
}

/** One chunk of a key's backfill; false when the key is ready (or changed under it: the caller reads it again). */
async function backfillChunk(db: Db, workspaceId: string, key: string, chunk: number): Promise<boolean> {
  const [k] = await db.select().from(segmentKeys).where(and(eq(segmentKeys.workspaceId, workspaceId), eq(segmentKeys.key, key)));
  if (!k || k.status !== 'backfilling') return false;
  const now = Date.now();
  if (k.values === null) {
    // The most frequent values, chosen in one statement so no write slips between the count and the choice.
    const value = segmentSql(key);
    await rawBatch(db, [{
      sql: `UPDATE "segment_keys" SET "values" = (SELECT json_group_array(v) FROM (SELECT ${value} AS v FROM responses r WHERE r.workspace_id = ? AND ${value} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?)),
        "version" = "version" + 1, "updated_at" = ? WHERE "workspace_id" = ? AND "key" = ? AND "values" IS NULL`,
      params: [workspaceId, MAX_SEGMENT_VALUES, now, workspaceId, key],
    }]);
    forgetSegmentState(db, workspaceId);
    return true;
  }
  const fromAt = k.cursorAt ?? Number.MIN_SAFE_INTEGER;
  const fromId = k.cursorId ?? '';
  const after = { sql: `r.created_at >= ? AND (r.created_at > ? OR r.id > ?)`, params: [fromAt, fromAt, fromId] };
  const [end] = await rawQuery(db, {
    sql: `SELECT r.created_at AS "at", r.id AS "id" FROM responses r WHERE r.workspace_id = ? AND ${after.sql} ORDER BY r.created_at, r.id LIMIT 1 OFFSET ?`,
    params: [workspaceId, ...after.params, chunk - 1],
  });
  const last = end === undefined;
  const range: RawStatement = last
    ? after
    : { sql: `${after.sql} AND r.created_at <= ? AND (r.created_at < ? OR r.id <= ?)`, params: [...after.params, Number(end.at), Number(end.at), String(end.id)] };
  const upserts = [
    chunkUpsert(segmentRollups, 'main', 'hour', workspaceId, k, range),
    chunkUpsert(dailySegmentRollups, 'main', 'day', workspaceId, k, range),
    chunkUpsert(segmentCpiRollups, 'cpi', 'hour', workspaceId, k, range),
    chunkUpsert(dailySegmentCpiRollups, 'cpi', 'day', workspaceId, k, range),
  ];
  const move: RawStatement = {
    sql: `UPDATE "segment_keys" SET "cursor_at" = ?, "cursor_id" = ?, "processed" = "processed" + (SELECT count(*) FROM responses r WHERE r.workspace_id = ? AND ${range.sql}),
      "status" = ?, "version" = "version" + 1, "updated_at" = ? WHERE "workspace_id" = ? AND "key" = ? AND "version" = ? RETURNING "key"`,
    params: [last ? null : Number(end.at), last ? null : String(end.id), workspaceId, ...range.params, last ? 'ready' : 'backfilling', now, workspaceId, key, k.version],
  };
  await rawBatch(db, [...upserts, move]);
  forgetSegmentState(db, workspaceId);
  return !last;
}
