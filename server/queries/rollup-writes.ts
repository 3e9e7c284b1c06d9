import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { cpiRollups, rollups, themeRollups } from '../../db/schema';
import { cpiFields, mainFields, themeFields, type RollupDelta } from '../services/contribution';

interface Target {
  table: SQLiteTable;
  keys: string[];
  fields: readonly string[];
}

const columnName = (table: SQLiteTable, field: string): string =>
  ((table as unknown as Record<string, SQLiteColumn>)[field] as SQLiteColumn).name;

const targets: Record<RollupDelta['kind'], Target> = {
  main: { table: rollups, keys: ['workspaceId', 'surveyId', 'touchpointId', 'hour'], fields: mainFields },
  cpi: { table: cpiRollups, keys: ['workspaceId', 'surveyId', 'touchpointId', 'cpiId', 'hour'], fields: cpiFields },
  theme: { table: themeRollups, keys: ['workspaceId', 'surveyId', 'touchpointId', 'themeKey', 'hour'], fields: themeFields },
};

/**
 * One upsert that adds `delta` to its rollup row, applied only while `guard` holds. The
 * guard checks the response's version inside the same batch, so rollups move exactly when
 * the response write they belong to succeeds, with no interactive transaction (D1 has none).
 */
export function rollupUpsert(workspaceId: string, delta: RollupDelta, guard: SQL): SQL {
  const target = targets[delta.kind];
  const keyValues: Record<string, string | number> = {
    workspaceId,
    surveyId: delta.surveyId,
    touchpointId: delta.touchpointId,
    hour: delta.hour,
    ...(delta.kind === 'cpi' ? { cpiId: delta.cpiId } : {}),
    ...(delta.kind === 'theme' ? { themeKey: delta.themeKey } : {}),
  };
  const values = delta.values as Record<string, number>;
  const keyCols = target.keys.map((k) => columnName(target.table, k));
  const fieldCols = target.fields.map((f) => columnName(target.table, f));
  const selectValues = sql.join(
    [...target.keys.map((k) => sql`${keyValues[k]}`), ...target.fields.map((f) => sql`${values[f] ?? 0}`)],
    sql`, `,
  );
  const updates = fieldCols.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(', ');
  return sql`INSERT INTO ${target.table} (${sql.raw([...keyCols, ...fieldCols].map((c) => `"${c}"`).join(', '))})
    SELECT ${selectValues} WHERE ${guard}
    ON CONFLICT (${sql.raw(keyCols.map((c) => `"${c}"`).join(', '))}) DO UPDATE SET ${sql.raw(updates)}`;
}
