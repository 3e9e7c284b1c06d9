import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  cpiRollups, dailyCpiRollups, dailyRollups, dailySegmentCpiRollups, dailySegmentRollups, dailyThemeRollups, rollups, segmentCpiRollups, segmentRollups, themeRollups,
} from '../../db/schema';
import { sqlVariant, type RawStatement } from '../../db/raw';
import type { RollupDelta } from '../services/contribution';

const keyFields = new Set(['workspaceId', 'surveyId', 'touchpointId', 'cpiId', 'themeKey', 'segmentKey', 'segmentValue', 'hour', 'day']);

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
  main: [compile(rollups, 'rollups'), compile(dailyRollups, 'daily_rollups')],
  cpi: [compile(cpiRollups, 'cpi_rollups'), compile(dailyCpiRollups, 'daily_cpi_rollups')],
  theme: [compile(themeRollups, 'theme_rollups'), compile(dailyThemeRollups, 'daily_theme_rollups')],
  segment: [compile(segmentRollups, 'segment_rollups'), compile(dailySegmentRollups, 'daily_segment_rollups')],
  segmentCpi: [compile(segmentCpiRollups, 'segment_cpi_rollups'), compile(dailySegmentCpiRollups, 'daily_segment_cpi_rollups')],
};

/**
 * The upserts that add `delta` to its hour row and to its day row, applied only while
 * `guard` holds. The guard checks the response's version inside the same batch, so rollups
 * move exactly when the response write they belong to succeeds, with no interactive
 * transaction (D1 has none).
 */
export function rollupUpserts(workspaceId: string, delta: RollupDelta, guard: RawStatement): RawStatement[] {
  const values: Record<string, string | number> = {
    workspaceId,
    surveyId: delta.surveyId,
    touchpointId: delta.touchpointId,
    hour: delta.hour,
    day: Math.floor(delta.hour / 24),
    ...(delta.kind === 'cpi' || delta.kind === 'segmentCpi' ? { cpiId: delta.cpiId } : {}),
    ...(delta.kind === 'segment' || delta.kind === 'segmentCpi' ? { segmentKey: delta.segment.key, segmentValue: delta.segment.value } : {}),
    ...(delta.kind === 'theme' ? { themeKey: delta.themeKey } : {}),
    ...(delta.values as Record<string, number>),
  };
  return compiled[delta.kind].map((c) => ({ sql: sqlVariant(c.sql, '%GUARD%', guard.sql), params: [...c.fields.map((f) => values[f] ?? 0), ...guard.params] }));
}

const valueColumns = (table: SQLiteTable) =>
  Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).filter(([f]) => !keyFields.has(f)).map(([, c]) => `"${c.name}"`);

/**
 * Rebuilds a workspace's day rows from its hour rows, for bulk loads that write hour rows
 * directly (the seeding script); migration 0006 ran the same sums to backfill.
 */
export function dailyFromHourly(workspaceId: string): RawStatement[] {
  const pairs: [SQLiteTable, string, SQLiteTable, string, string[]][] = [
    [rollups, 'rollups', dailyRollups, 'daily_rollups', []],
    [cpiRollups, 'cpi_rollups', dailyCpiRollups, 'daily_cpi_rollups', ['"cpi_id"']],
    [themeRollups, 'theme_rollups', dailyThemeRollups, 'daily_theme_rollups', ['"theme_key"']],
  ];
  return pairs.flatMap(([hourly, from, daily, to, extra]) => {
    const keys = ['"workspace_id"', '"survey_id"', '"touchpoint_id"', ...extra];
    const values = valueColumns(hourly);
    if (values.join() !== valueColumns(daily).join()) throw new Error(`${from} and ${to} have different value columns`);
    return [
      { sql: `DELETE FROM "${to}" WHERE "workspace_id" = ?`, params: [workspaceId] },
      {
        sql: `INSERT INTO "${to}" (${[...keys, '"day"', ...values].join(', ')})
          SELECT ${[...keys, '"hour" / 24', ...values.map((v) => `sum(${v})`)].join(', ')} FROM "${from}" WHERE "workspace_id" = ? GROUP BY ${keys.map((_, i) => i + 1).join(', ')}, ${keys.length + 1}`,
        params: [workspaceId],
      },
    ];
  });
}
