import type { Db } from '../../db/client';
import { rawBatch, rawQuery } from '../../db/raw';
import type { WidgetSightingKind } from '../../db/schema';

/** Distinct values a workspace keeps per kind (a page making up event names or Referers cannot grow it further). */
export const MAX_SIGHTINGS = 200;
/** Sightings older than this are neither listed nor kept. */
export const SIGHTINGS_DAYS = 90;
const DAY = 86_400_000;

// Constant SQL text: the drivers cache prepared statements by it (db/raw.ts).
const PRUNE = 'DELETE FROM widget_sightings WHERE workspace_id = ? AND kind = ? AND last_seen < ?';
const UPSERT = `INSERT INTO widget_sightings (workspace_id, kind, value, first_seen, last_seen)
SELECT ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM widget_sightings WHERE workspace_id = ? AND kind = ?) < ${MAX_SIGHTINGS}
  OR EXISTS (SELECT 1 FROM widget_sightings WHERE workspace_id = ? AND kind = ? AND value = ?)
ON CONFLICT (workspace_id, kind, value) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`;
const LIST = `SELECT value, first_seen, last_seen FROM widget_sightings WHERE workspace_id = ? AND kind = ? AND last_seen >= ? ORDER BY last_seen DESC, value LIMIT ${MAX_SIGHTINGS}`;

/** Records that the widget showed `value` (an origin or an event) at `at`, dropping the kind's entries older than 90 days. */
export async function addSighting(db: Db, workspaceId: string, kind: WidgetSightingKind, value: string, at: number): Promise<void> {
  await rawBatch(db, [
    { sql: PRUNE, params: [workspaceId, kind, at - SIGHTINGS_DAYS * DAY] },
    { sql: UPSERT, params: [workspaceId, kind, value, at, at, workspaceId, kind, workspaceId, kind, value] },
  ]);
}

export interface Sighting {
  value: string;
  firstSeen: string;
  lastSeen: string;
}

/** The values of one kind seen in the last 90 days, most recent first. */
export async function listSightings(db: Db, workspaceId: string, kind: WidgetSightingKind, now: number): Promise<Sighting[]> {
  const rows = await rawQuery(db, { sql: LIST, params: [workspaceId, kind, now - SIGHTINGS_DAYS * DAY] });
  return rows.map((r) => ({ value: String(r.value), firstSeen: new Date(Number(r.first_seen)).toISOString(), lastSeen: new Date(Number(r.last_seen)).toISOString() }));
}
