import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { rawBatch, rawQuery, sqlVariant, type RawStatement } from '../../db/raw';
import { responses, type NewResponseRow, type ResponseRow } from '../../db/schema';
import { rollupUpserts } from '../queries/rollup-writes';
import type { RollupDelta } from './contribution';

const columns = Object.entries(getTableColumns(responses) as Record<string, SQLiteColumn>);
const insertSql = `INSERT INTO "responses" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING RETURNING "id"`;
const updateSql = `UPDATE "responses" SET ${columns.map(([, c]) => `"${c.name}" = ?`).join(', ')} WHERE "workspace_id" = ? AND "id" = ? AND "version" = ? RETURNING "id"`;
const selectSql = `SELECT ${columns.map(([, c]) => `"${c.name}"`).join(', ')} FROM "responses" WHERE "workspace_id" = ? AND "id" = ?`;
const deleteSql = `DELETE FROM "responses" WHERE "workspace_id" = ? AND "id" = ? AND "version" = ? RETURNING "id"`;
/** The insert as INSERT … SELECT, so that a condition can sit in its WHERE. */
const insertSelectSql = `INSERT INTO "responses" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) SELECT ${columns.map(() => '?').join(', ')} WHERE 1 ON CONFLICT DO NOTHING RETURNING "id"`;

/** `sql` with `also` added to its WHERE, which ends just before ` ON CONFLICT` or ` RETURNING`. */
function withCondition(sql: string, also: RawStatement | undefined): string {
  if (!also) return sql;
  const end = sql.includes(' ON CONFLICT') ? ' ON CONFLICT' : ' RETURNING';
  return sqlVariant(sql, end, ` AND ${also.sql}${end}`);
}

/** The row's values in column order, as the driver stores them (JSON columns as text). */
const driverValues = (row: NewResponseRow): (string | number | null)[] =>
  columns.map(([field, col]) => {
    const v = (row as Record<string, unknown>)[field];
    return v === undefined || v === null ? null : (col.mapToDriverValue(v) as string | number);
  });

/** Reads one response on the hot path (ingestion, analysis) without the query builder's cost. */
export async function readResponse(db: Db, workspaceId: string, id: string): Promise<ResponseRow | undefined> {
  const [raw] = await rawQuery(db, { sql: selectSql, params: [workspaceId, id] });
  if (!raw) return undefined;
  const row: Record<string, unknown> = {};
  for (const [field, col] of columns) {
    const v = raw[col.name];
    row[field] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return row as ResponseRow;
}

/** A plain insert of a new response, for bulk loads that compute their rollups themselves. */
export const responseInsert = (row: NewResponseRow): RawStatement => ({ sql: insertSql, params: driverValues(row) });

/**
 * Writes a response row (insert, update or delete when `row` is null) together with its
 * rollup deltas in one atomic batch. Every statement is conditional on the version that was
 * read (`null`: the row must not exist), so a concurrent writer makes the whole batch a
 * no-op and the caller re-reads and retries. Returns whether the write happened.
 */
export async function writeGuarded(
  db: Db,
  workspaceId: string,
  id: string,
  expectedVersion: number | null,
  deltas: RollupDelta[],
  row: NewResponseRow | null,
  also?: RawStatement,
): Promise<boolean> {
  const results = await rawBatch(db, guardedStatements(workspaceId, id, expectedVersion, deltas, row, also));
  return (results[results.length - 1] ?? []).length > 0;
}

/**
 * The statements of one guarded write; the last one is the row write, whose RETURNING is
 * empty when the guard failed. Bulk imports put many of these in one batch.
 */
export function guardedStatements(
  workspaceId: string,
  id: string,
  expectedVersion: number | null,
  deltas: RollupDelta[],
  row: NewResponseRow | null,
  also?: RawStatement,
): RawStatement[] {
  const version: RawStatement =
    expectedVersion === null
      ? { sql: 'NOT EXISTS (SELECT 1 FROM "responses" WHERE "workspace_id" = ? AND "id" = ?)', params: [workspaceId, id] }
      : { sql: 'EXISTS (SELECT 1 FROM "responses" WHERE "workspace_id" = ? AND "id" = ? AND "version" = ?)', params: [workspaceId, id, expectedVersion] };
  // `also`: a further condition on the whole write, e.g. the rate limit counted in the same batch.
  const guard = also ? { sql: `${version.sql} AND ${also.sql}`, params: [...version.params, ...also.params] } : version;
  const extra = also?.params ?? [];
  let write: RawStatement;
  if (row === null) write = { sql: withCondition(deleteSql, also), params: [workspaceId, id, expectedVersion, ...extra] };
  else if (expectedVersion === null) write = { sql: also ? withCondition(insertSelectSql, also) : insertSql, params: [...driverValues(row), ...extra] };
  else write = { sql: withCondition(updateSql, also), params: [...driverValues(row), workspaceId, id, expectedVersion, ...extra] };
  // The write goes last: the guards must see the row as it was before this batch.
  return [...deltas.flatMap((d) => rollupUpserts(workspaceId, d, guard)), write];
}
