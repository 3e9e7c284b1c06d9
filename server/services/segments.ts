import type { Db } from '../../db/client';
import { rawBatch, rawQuery, type RawStatement } from '../../db/raw';
import type { NewResponseRow, ResponseRow } from '../../db/schema';
import { ttlCache } from '../cache';
import { CONFIG_TTL_MS } from '../queries/hot-lookups';
import type { SegmentValue } from './contribution';

/** Values of one key counted as themselves; the rest fold into `(other)`, so cardinality stays bounded. */
export const MAX_SEGMENT_VALUES = 50;
export const NONE = '(none)';
export const OTHER = '(other)';
/** Segment keys read from a response's own columns rather than its attributes. */
export const builtInKeys = { deviceClass: 'device_class', locale: 'locale' } as const;

/** A segment key as ingestion sees it (a `segment_keys` row). */
export interface SegmentKeyState {
  key: string;
  values: string[] | null;
  ready: boolean;
  cursorAt: number | null;
  cursorId: string | null;
  version: number;
}
/** A workspace's segment keys, and the fingerprint its writes are guarded by. */
export interface SegmentState {
  keys: SegmentKeyState[];
  fingerprint: string;
}

const caches = new WeakMap<Db, ReturnType<typeof ttlCache<SegmentState>>>();
const stateSql = `SELECT "key", "values", "status", "cursor_at", "cursor_id", "version" FROM "segment_keys" WHERE "workspace_id" = ? ORDER BY "key"`;
/** The same fingerprint in SQL, for the guard; keys are ASCII, so SQLite and JS order them alike. */
const fingerprintSql = `(SELECT coalesce(group_concat("key" || ':' || "version", ','), '') FROM (SELECT "key", "version" FROM "segment_keys" WHERE "workspace_id" = ? ORDER BY "key")) = ?`;

async function readState(db: Db, workspaceId: string): Promise<SegmentState> {
  const rows = await rawQuery(db, { sql: stateSql, params: [workspaceId] });
  const keys = rows.map((r) => ({
    key: String(r.key),
    values: r.values === null ? null : (JSON.parse(String(r.values)) as string[]),
    ready: r.status === 'ready',
    cursorAt: r.cursor_at === null ? null : Number(r.cursor_at),
    cursorId: r.cursor_id === null ? null : String(r.cursor_id),
    version: Number(r.version),
  }));
  return { keys, fingerprint: keys.map((k) => `${k.key}:${k.version}`).join(',') };
}

/**
 * The workspace's segment keys, cached briefly: a stale copy only makes the guarded write
 * fail (the fingerprint moved), and the retry asks for a `fresh` one.
 */
export function segmentState(db: Db, workspaceId: string, fresh = false): Promise<SegmentState> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = ttlCache<SegmentState>(CONFIG_TTL_MS)));
  if (fresh) cache.evict(workspaceId);
  return cache.get(workspaceId, () => readState(db, workspaceId));
}
export const forgetSegmentState = (db: Db, workspaceId: string) => caches.get(db)?.evict(workspaceId);

/** Holds while the workspace's segment keys are as `state` read them: the condition on every write. */
export const segmentGuard = (workspaceId: string, state: SegmentState): RawStatement => ({ sql: fingerprintSql, params: [workspaceId, state.fingerprint] });

type Row = Pick<ResponseRow | NewResponseRow, 'attributes' | 'deviceClass' | 'locale' | 'createdAt' | 'id'>;

/** A response's value of `key` as text (as SQL's `segmentText` reads it), or null when it has none. */
export function segmentText(row: Row, key: string): string | null {
  if (key === 'deviceClass') return row.deviceClass ?? null;
  if (key === 'locale') return row.locale ?? null;
  const v = row.attributes?.[key];
  return v === undefined || v === null ? null : String(v);
}

/** True once the key's backfill has passed the response: from then on, writes keep it counted. */
const covers = (k: SegmentKeyState, row: Row) =>
  k.values !== null && (k.ready || (k.cursorAt !== null && (row.createdAt! < k.cursorAt || (row.createdAt === k.cursorAt && row.id! <= k.cursorId!))));

/** The segment values a response counts under: one per key whose rollups hold it. */
export function segmentsOf(state: SegmentState, row: Row): SegmentValue[] {
  return state.keys.filter((k) => covers(k, row)).map((k) => {
    const v = segmentText(row, k.key);
    return { key: k.key, value: v === null ? NONE : k.values!.includes(v) ? v : OTHER };
  });
}

/**
 * Lets a value new to a key count as itself while the key keeps fewer than 50, before a
 * response with it is written. Returns true when the state changed (read it again). A value
 * let in by a write that then fails is harmless: membership only ever grows, so each value
 * maps to itself or to `(other)` for good, and rollups and recomputation agree.
 */
export async function admitValues(db: Db, workspaceId: string, state: SegmentState, row: Row): Promise<boolean> {
  let changed = false;
  for (const k of state.keys) {
    const v = segmentText(row, k.key);
    if (k.values === null || v === null || k.values.includes(v) || k.values.length >= MAX_SEGMENT_VALUES) continue;
    await rawBatch(db, [{
      sql: `UPDATE "segment_keys" SET "values" = json_insert("values", '$[#]', ?), "version" = "version" + 1
        WHERE "workspace_id" = ? AND "key" = ? AND "values" IS NOT NULL AND json_array_length("values") < ? AND NOT EXISTS (SELECT 1 FROM json_each("values") WHERE value = ?)`,
      params: [v, workspaceId, k.key, MAX_SEGMENT_VALUES, v],
    }]);
    changed = true;
  }
  if (changed) forgetSegmentState(db, workspaceId);
  return changed;
}

/**
 * The segment state for writing `row`, with any new values let in, and the guard that holds
 * the write to it; `fresh` after a failed attempt.
 */
export async function segmentsForWrite(db: Db, workspaceId: string, row: Row, fresh: boolean): Promise<{ state: SegmentState; guard: RawStatement }> {
  let state = await segmentState(db, workspaceId, fresh);
  if (await admitValues(db, workspaceId, state, row)) state = await segmentState(db, workspaceId, true);
  return { state, guard: segmentGuard(workspaceId, state) };
}

/** Two write conditions as one. */
export const bothGuards = (a: RawStatement, b: RawStatement | undefined): RawStatement =>
  b ? { sql: `${a.sql} AND ${b.sql}`, params: [...a.params, ...b.params] } : a;
