import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { cpiRollups, rollups, themeRollups } from '../../db/schema';
import type { RawStatement } from '../../db/raw';
import type { RollupDelta } from '../services/contribution';

const keyFields = new Set(['workspaceId', 'surveyId', 'touchpointId', 'cpiId', 'themeKey', 'hour']);

interface Compiled {
  fields: string[];
  /** The upsert with its guard left as a `%GUARD%` slot. */
  sql: string;
}

function compile(table: SQLiteTable, name: string): Compiled {
  const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>);
  const cols = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const keys = columns.filter(([f]) => keyFields.has(f)).map(([, c]) => `"${c.name}"`).join(', ');
  const sets = columns
    .filter(([f]) => !keyFields.has(f))
    .map(([, c]) => `"${c.name}" = "${name}"."${c.name}" + excluded."${c.name}"`)
    .join(', ');
  const marks = columns.map(() => '?').join(', ');
  // INSERT … SELECT so the guard can sit in a WHERE; SQLite needs that WHERE to parse an upsert after a SELECT.
  return {
    fields: columns.map(([f]) => f),
    sql: `INSERT INTO "${name}" (${cols}) SELECT ${marks} WHERE %GUARD% ON CONFLICT (${keys}) DO UPDATE SET ${sets}`,
  };
}

// Compiled once: building these through the query builder on every request dominated ingestion's CPU time.
const compiled = {
  main: compile(rollups, 'rollups'),
  cpi: compile(cpiRollups, 'cpi_rollups'),
  theme: compile(themeRollups, 'theme_rollups'),
};

/**
 * One upsert that adds `delta` to its rollup row, applied only while `guard` holds. The
 * guard checks the response's version inside the same batch, so rollups move exactly when
 * the response write they belong to succeeds, with no interactive transaction (D1 has none).
 */
export function rollupUpsert(workspaceId: string, delta: RollupDelta, guard: RawStatement): RawStatement {
  const c = compiled[delta.kind];
  const values: Record<string, string | number> = {
    workspaceId,
    surveyId: delta.surveyId,
    touchpointId: delta.touchpointId,
    hour: delta.hour,
    ...(delta.kind === 'cpi' ? { cpiId: delta.cpiId } : {}),
    ...(delta.kind === 'theme' ? { themeKey: delta.themeKey } : {}),
    ...(delta.values as Record<string, number>),
  };
  return { sql: c.sql.replace('%GUARD%', guard.sql), params: [...c.fields.map((f) => values[f] ?? 0), ...guard.params] };
}
