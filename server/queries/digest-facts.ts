import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { ResponseAnalysis } from '../../db/schema';
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

/** Reads only the partial covering index `responses_detractors_idx` (nps <= 6). */
export async function loopStatus(db: Db, workspaceId: string, fromMs: number, toMs: number): Promise<LoopStatus> {
  const rows = await db.all<{ status: string | null; n: number; hours: string | null }>(sql`
    SELECT r.loop_status AS "status", count(*) AS "n",
      CASE WHEN r.loop_status = 'closed' THEN group_concat(r.loop_updated_at - r.created_at) END AS "hours"
    FROM responses r WHERE r.workspace_id = ${workspaceId} AND r.created_at >= ${fromMs} AND r.created_at < ${toMs} AND r.nps <= 6
    GROUP BY 1`);
  const count = (...statuses: (string | null)[]) => rows.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + Number(r.n), 0);
  const hours = rows.flatMap((r) => (r.hours ? r.hours.split(',').map((ms) => Number(ms) / 3_600_000) : []));
  return {
    detractors: count(null, 'open', 'in_progress', 'closed'),
    open: count(null, 'open'),
    inProgress: count('in_progress'),
    closed: count('closed'),
    medianHoursToClose: hours.length > 0 ? median(hours) : null,
  };
}

/** Commented responses of the week searched for verbatims: the latest ones, so the cost is bounded. */
export const VERBATIM_CANDIDATES = 500;

export interface Verbatim {
  responseId: string;
  comment: string;
  nps: number | null;
}

/**
 * Up to `limit` comments per theme among the latest VERBATIM_CANDIDATES commented responses
 * of `[fromMs, toMs)` (one read for all the themes): for a theme in `worstFirst`, those whose
 * mention is most negative first (its sentiment fell or its share rose), else the most positive.
 */
export async function themeVerbatims(db: Db, workspaceId: string, themes: { key: string; worstFirst: boolean }[], fromMs: number, toMs: number, limit = 3): Promise<Map<string, Verbatim[]>> {
  const out = new Map(themes.map((t) => [t.key, [] as (Verbatim & { s: number; t: number })[]]));
  if (themes.length === 0) return new Map();
  // A text search of the stored analysis first, so only the rows that can match are parsed.
  const mentions = sql.join(themes.map((t) => sql`instr(r.analysis, ${`"key":${JSON.stringify(t.key)}`}) > 0`), sql` OR `);
  const rows = await db.all<{ id: string; comment: string; nps: number | null; analysis: string; createdAt: number; score: number | null }>(sql`
    SELECT r.id AS "id", r.comment AS "comment", r.nps AS "nps", r.analysis AS "analysis", r.created_at AS "createdAt", r.sentiment_score AS "score"
    FROM (SELECT r.id, r.comment, r.nps, r.analysis, r.created_at, r.sentiment_score FROM responses r
          WHERE r.workspace_id = ${workspaceId} AND r.created_at >= ${fromMs} AND r.created_at < ${toMs} AND r.comment IS NOT NULL
          ORDER BY r.created_at DESC LIMIT ${VERBATIM_CANDIDATES}) r
    WHERE r.analysis IS NOT NULL AND (${mentions})`);
  for (const row of rows) {
    const analysis = JSON.parse(row.analysis) as ResponseAnalysis;
    for (const m of analysis.themes) {
      out.get(m.key)?.push({ responseId: row.id, comment: row.comment, nps: row.nps, s: m.sentiment ?? row.score ?? 0, t: row.createdAt });
    }
  }
  const worst = new Map(themes.map((t) => [t.key, t.worstFirst]));
  return new Map(
    [...out].map(([key, list]) => [
      key,
      list
        .sort((a, b) => (worst.get(key) ? a.s - b.s : b.s - a.s) || b.t - a.t)
        .slice(0, limit)
        .map(({ responseId, comment, nps }) => ({ responseId, comment, nps })),
    ]),
  );
}
