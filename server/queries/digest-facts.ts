import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { median } from '../metrics/anomaly';

/** Close-the-loop status of the detractors (NPS 0–6) who answered in `[fromMs, toMs)`. */
export interface LoopStatus {
  detractors: number;
  /** Not acted on yet: no status, or `open`. */
  open: number;
  inProgress: number;
  closed: number;
  /** Median hours from the answer to its loop being closed, over the closed ones; null when none. */
  medianHoursToClose: number | null;
}

export async function loopStatus(db: Db, workspaceId: string, fromMs: number, toMs: number): Promise<LoopStatus> {
  const rows = await db.all<{ status: string | null; hours: number | null }>(sql`
    SELECT r.loop_status AS "status", CASE WHEN r.loop_status = 'closed' THEN (r.loop_updated_at - r.created_at) / 3600000.0 END AS "hours"
    FROM responses r WHERE r.workspace_id = ${workspaceId} AND r.created_at >= ${fromMs} AND r.created_at < ${toMs} AND r.nps <= 6`);
  const closed = rows.filter((r) => r.status === 'closed');
  return {
    detractors: rows.length,
    open: rows.filter((r) => r.status === null || r.status === 'open').length,
    inProgress: rows.filter((r) => r.status === 'in_progress').length,
    closed: closed.length,
    medianHoursToClose: closed.length > 0 ? median(closed.map((r) => Number(r.hours))) : null,
  };
}

/**
 * Up to `limit` comments of `[fromMs, toMs)` that mention the theme: the most negative
 * first when the theme's sentiment fell, the most positive when it rose, so the quotes
 * explain the movement.
 */
export async function themeVerbatims(db: Db, workspaceId: string, themeKey: string, fromMs: number, toMs: number, worstFirst: boolean, limit = 3): Promise<{ responseId: string; comment: string; nps: number | null }[]> {
  const order = worstFirst ? sql.raw('ASC') : sql.raw('DESC');
  return db.all(sql`
    SELECT r.id AS "responseId", r.comment AS "comment", r.nps AS "nps"
    FROM responses r, json_each(r.analysis, '$.themes') j
    WHERE r.workspace_id = ${workspaceId} AND r.created_at >= ${fromMs} AND r.created_at < ${toMs}
      AND r.comment IS NOT NULL AND r.analysis IS NOT NULL AND json_extract(j.value, '$.key') = ${themeKey}
    ORDER BY coalesce(json_extract(j.value, '$.sentiment'), r.sentiment_score, 0) ${order}, r.created_at DESC
    LIMIT ${limit}`);
}
