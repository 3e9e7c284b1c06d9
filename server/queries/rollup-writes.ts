import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  cpiRollups, dailyCpiRollups, dailyRollups, dailySegmentCpiRollups, dailySegmentRollups, dailyThemeRollups, rollups, segmentCpiRollups, segmentRollups, themeRollups,
} from '../../db/schema';
import type { RawStatement } from '../../db/raw';
import { additionUpsert, type RowAddition } from '../../db/row-additions';
import type { RollupDelta } from '../services/contribution';

const keyFields = new Set(['workspaceId', 'surveyId', 'touchpointId', 'cpiId', 'themeKey', 'segmentKey', 'segmentValue', 'hour', 'day']);

/** A rollup table as additions name it: its SQL name, and each field's column split into key and value. */
interface RollupTable {
  name: string;
  keys: [field: string, column: string][];
  values: [field: string, column: string][];
}

function describe(table: SQLiteTable, name: string): RollupTable {
  const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).map(([f, c]): [string, string] => [f, c.name]);
  return { name, keys: columns.filter(([f]) => keyFields.has(f)), values: columns.filter(([f]) => !keyFields.has(f)) };
}

// Described once: building these through the query builder on every request dominated ingestion's CPU time.
// A new rollup kind adds its hour and day tables here and its delta kind in services/contribution.ts.
const tables = {
  main: [describe(rollups, 'rollups'), describe(dailyRollups, 'daily_rollups')],
  cpi: [describe(cpiRollups, 'cpi_rollups'), describe(dailyCpiRollups, 'daily_cpi_rollups')],
  theme: [describe(themeRollups, 'theme_rollups'), describe(dailyThemeRollups, 'daily_theme_rollups')],
  segment: [describe(segmentRollups, 'segment_rollups'), describe(dailySegmentRollups, 'daily_segment_rollups')],
  segmentCpi: [describe(segmentCpiRollups, 'segment_cpi_rollups'), describe(dailySegmentCpiRollups, 'daily_segment_cpi_rollups')],
} satisfies Record<RollupDelta['kind'], RollupTable[]>;

/**
 * What `delta` adds to its hour row and to its day row, as row additions (db/row-additions.ts):
 * a guarded batch applies them with its row write, and a group commit sums those of the
 * writes it commits together by table and key, whatever the rollup kind.
 */
export function rollupAdditions(workspaceId: string, delta: RollupDelta): RowAddition[] {
  // Assigned rather than spread: this runs for every rollup row of every response.
  const values: Record<string, string | number> = { workspaceId, surveyId: delta.surveyId, touchpointId: delta.touchpointId, hour: delta.hour, day: Math.floor(delta.hour / 24) };
  if (delta.kind === 'cpi' || delta.kind === 'segmentCpi') values.cpiId = delta.cpiId;
  if (delta.kind === 'segment' || delta.kind === 'segmentCpi') {
    values.segmentKey = delta.segment.key;
    values.segmentValue = delta.segment.value;
  }
  if (delta.kind === 'theme') values.themeKey = delta.themeKey;
  const amounts = delta.values as Record<string, number>;
  return tables[delta.kind].map((t) => {
    const key: Record<string, string | number> = {};
    for (const [f, c] of t.keys) key[c] = values[f]!;
    const add: Record<string, number> = {};
    for (const [f, c] of t.values) add[c] = amounts[f] ?? 0;
    return { table: t.name, key, add };
  });
}

/**
 * The upserts that add `delta` to its hour row and to its day row, applied only while
 * `guard` holds. The guard checks the response's version inside the same batch, so rollups
 * move exactly when the response write they belong to succeeds, with no interactive
 * transaction (D1 has none). For batches of many writes run as plain statements (imports, seeding).
 */
export const rollupUpserts = (workspaceId: string, delta: RollupDelta, guard: RawStatement): RawStatement[] =>
  rollupAdditions(workspaceId, delta).map((a) => additionUpsert(a, guard));

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
