import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { cpiRollups, rollups, themeRollups, workspaces } from '../../db/schema';
import type { RollupDelta } from '../services/contribution';

const tables = { main: rollups, cpi: cpiRollups, theme: themeRollups } as const;
const keyFields = ['workspaceId', 'surveyId', 'touchpointId', 'cpiId', 'themeKey', 'hour'];

/**
 * One upsert that adds `delta` to its rollup row, applied only while `guard` holds. The
 * guard checks the response's version inside the same batch, so rollups move exactly when
 * the response write they belong to succeeds, with no interactive transaction (D1 has none).
 * It is an INSERT … SELECT from the workspace row, so the guard sits in a plain WHERE.
 */
export function rollupUpsert(db: Db, workspaceId: string, delta: RollupDelta, guard: SQL): BatchItem<'sqlite'> {
  const table = tables[delta.kind];
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const values: Record<string, string | number> = {
    workspaceId,
    surveyId: delta.surveyId,
    touchpointId: delta.touchpointId,
    hour: delta.hour,
    ...(delta.kind === 'cpi' ? { cpiId: delta.cpiId } : {}),
    ...(delta.kind === 'theme' ? { themeKey: delta.themeKey } : {}),
    ...(delta.values as Record<string, number>),
  };
  // Drizzle wants every column, in table order.
  const selection = Object.fromEntries(
    Object.entries(columns).map(([field, col]) => [field, sql`${values[field] ?? 0}`.as(col.name)]),
  );
  const set = Object.fromEntries(
    Object.entries(columns)
      .filter(([field]) => !keyFields.includes(field))
      .map(([field, col]) => [field, sql`${col} + excluded.${sql.identifier(col.name)}`]),
  );
  const target = Object.entries(columns)
    .filter(([field]) => keyFields.includes(field))
    .map(([, col]) => col);
  const source = db.select(selection).from(workspaces).where(and(eq(workspaces.id, workspaceId), guard));
  // The three tables share this shape; TypeScript cannot follow a union through the builder.
  const insert = db.insert(table as typeof rollups).select(source as never);
  return insert.onConflictDoUpdate({ target: target as [SQLiteColumn, ...SQLiteColumn[]], set });
}
