import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { aggregates, extraKey, rawSource, rollupTable, segmentRollupTable, selectList, type Grain, type Kind } from './metrics-sql';
import { segmentSql } from './segment-sql';
import { NONE, OTHER } from '../services/segments';

/** Rollup contents as `kind|grain|survey|touchpoint|hour or day|key` → field sums; all-zero rows left out. */
export type RollupSnapshot = Map<string, Record<string, number>>;

const kinds: Kind[] = ['main', 'cpi', 'theme'];
const grains: Grain[] = ['hour', 'day'];

async function snapshot(db: Db, workspaceId: string, source: 'rollups' | 'raw'): Promise<RollupSnapshot> {
  const out: RollupSnapshot = new Map();
  for (const kind of kinds) for (const grain of grains) {
    const extra = extraKey[kind];
    const key = sql.raw(extra ? (source === 'raw' ? extra[1] : extra[0]) : `''`);
    const unit = sql.raw(source === 'raw' ? `r.created_at / ${grain === 'hour' ? 3_600_000 : 86_400_000}` : `r.${grain}`);
    const from = sql.raw(source === 'raw' ? rawSource[kind] : `${rollupTable[grain][kind]} r`);
    const rows = await db.all<Record<string, string | number>>(sql`
      SELECT r.survey_id AS "surveyId", r.touchpoint_id AS "touchpointId", ${unit} AS "unit", ${key} AS "key", ${selectList(kind, source)}
      FROM ${from} WHERE r.workspace_id = ${workspaceId} GROUP BY 1, 2, 3, 4`);
    for (const r of rows) {
      const values = Object.fromEntries(Object.keys(aggregates[kind]).map((f) => [f, Number(r[f])]));
      // Rows that went back to zero (a deletion, a re-analysis) stay in the rollup tables.
      if (Object.values(values).every((v) => v === 0)) continue;
      out.set([kind, grain, r.surveyId, r.touchpointId, r.unit, r.key].join('|'), values);
    }
  }
  await segmentSnapshot(db, workspaceId, source, out);
  return out;
}

/**
 * The segment rollups of every key whose backfill is done, under `segment:<key>|…` names;
 * the raw side folds values as the key keeps them (`(none)`, `(other)`).
 */
async function segmentSnapshot(db: Db, workspaceId: string, source: 'rollups' | 'raw', out: RollupSnapshot): Promise<void> {
  const keys = await db.all<{ key: string; vals: string }>(sql`SELECT key, "values" AS vals FROM segment_keys WHERE workspace_id = ${workspaceId} AND status = 'ready'`);
  for (const { key: segmentKey, vals } of keys) for (const kind of ['main', 'cpi'] as const) for (const grain of grains) {
    const extra = extraKey[kind];
    const key = sql.raw(extra ? (source === 'raw' ? extra[1] : extra[0]) : `''`);
    const unit = sql.raw(source === 'raw' ? `r.created_at / ${grain === 'hour' ? 3_600_000 : 86_400_000}` : `r.${grain}`);
    const v = sql.raw(segmentSql(segmentKey));
    const value = source === 'raw' ? sql`CASE WHEN ${v} IS NULL THEN ${NONE} WHEN ${v} IN (SELECT value FROM json_each(${vals})) THEN ${v} ELSE ${OTHER} END` : sql.raw('r.segment_value');
    const from = sql.raw(source === 'raw' ? rawSource[kind] : `${segmentRollupTable[grain][kind]} r`);
    const only = source === 'raw' ? sql`1` : sql`r.segment_key = ${segmentKey}`;
    const rows = await db.all<Record<string, string | number>>(sql`
      SELECT r.survey_id AS "surveyId", r.touchpoint_id AS "touchpointId", ${unit} AS "unit", ${key} AS "key", ${value} AS "segment", ${selectList(kind, source)}
      FROM ${from} WHERE r.workspace_id = ${workspaceId} AND ${only} GROUP BY 1, 2, 3, 4, 5`);
    for (const r of rows) {
      const values = Object.fromEntries(Object.keys(aggregates[kind]).map((f) => [f, Number(r[f])]));
      if (Object.values(values).every((x) => x === 0)) continue;
      out.set([`segment:${segmentKey}:${kind}`, grain, r.surveyId, r.touchpointId, r.unit, r.key, r.segment].join('|'), values);
    }
  }
}

/** Every rollup recomputed from raw responses with one SQL aggregate per rollup table. */
export const recomputeRollups = (db: Db, workspaceId: string): Promise<RollupSnapshot> => snapshot(db, workspaceId, 'raw');

/** The rollups as stored. */
export const storedRollups = (db: Db, workspaceId: string): Promise<RollupSnapshot> => snapshot(db, workspaceId, 'rollups');

/**
 * Compares stored rollups with a recomputation from raw responses; returns one line per
 * differing row (empty when the rollups are exact).
 */
export async function verifyRollups(db: Db, workspaceId: string): Promise<string[]> {
  const [stored, recomputed] = await Promise.all([storedRollups(db, workspaceId), recomputeRollups(db, workspaceId)]);
  const problems: string[] = [];
  for (const key of new Set([...stored.keys(), ...recomputed.keys()])) {
    const a = JSON.stringify(stored.get(key) ?? null);
    const b = JSON.stringify(recomputed.get(key) ?? null);
    if (a !== b) problems.push(`${key}: stored ${a}, recomputed ${b}`);
  }
  return problems;
}
