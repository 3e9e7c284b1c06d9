import type { Client, InValue } from '@libsql/client';
import type { Db } from './client';
import type { GuardedBatch } from './row-additions';

/** A SQL statement with positional `?` parameters. */
export interface RawStatement {
  sql: string;
  params: readonly (string | number | null)[];
}
export type RawRow = Record<string, unknown>;

const variants = new Map<string, Map<string, Map<string, string>>>();
/**
 * `sql` with `marker` replaced by `text`, as the same string object on every call: the Node
 * driver caches prepared statements by SQL text, and a fresh 1–2 KB string per call would be
 * hashed and compared in full on each lookup.
 */
export function sqlVariant(sql: string, marker: string, text: string): string {
  let byMarker = variants.get(sql);
  if (!byMarker) variants.set(sql, (byMarker = new Map()));
  let byText = byMarker.get(marker);
  if (!byText) byMarker.set(marker, (byText = new Map()));
  let out = byText.get(text);
  if (out === undefined) byText.set(text, (out = sql.replace(marker, text)));
  return out;
}

/** A driver's own fast path for raw statements, when it has one (db/group-commit.ts). */
export interface RawDriver {
  batch(statements: readonly RawStatement[]): Promise<RawRow[][]>;
  /** A guarded batch whose additions the driver may sum with those committed alongside (db/row-additions.ts). */
  guardedBatch?(batch: GuardedBatch): Promise<RawRow[][]>;
  query(statement: RawStatement): Promise<RawRow[]>;
}

type D1Like = {
  prepare(sql: string): { bind(...values: unknown[]): { all(): Promise<{ results?: RawRow[] }> } };
  batch(statements: unknown[]): Promise<{ results?: RawRow[] }[]>;
};
const isD1 = (client: unknown): client is D1Like => typeof (client as D1Like).prepare === 'function';

/**
 * Runs statements as one atomic batch on whichever driver `db` wraps, bypassing drizzle's
 * query builder. Only the ingestion hot path uses it: building its statements through
 * drizzle cost more CPU than SQLite spent running them (see docs/BENCHMARKS.md).
 */
export async function rawBatch(db: Db, statements: readonly RawStatement[]): Promise<RawRow[][]> {
  if (db.$raw) return db.$raw.batch(statements);
  const client = db.$client;
  if (isD1(client)) {
    const results = await client.batch(statements.map((s) => client.prepare(s.sql).bind(...s.params)));
    return results.map((r) => r.results ?? []);
  }
  const results = await (client as Client).batch(
    statements.map((s) => ({ sql: s.sql, args: s.params as InValue[] })),
    'write',
  );
  return results.map((r) => r.rows as unknown as RawRow[]);
}

/** One read, outside any transaction, bypassing the query builder like `rawBatch`. */
export async function rawQuery(db: Db, statement: RawStatement): Promise<RawRow[]> {
  if (db.$raw) return db.$raw.query(statement);
  const client = db.$client;
  if (isD1(client)) return (await client.prepare(statement.sql).bind(...statement.params).all()).results ?? [];
  const result = await (client as Client).execute({ sql: statement.sql, args: statement.params as InValue[] });
  return result.rows as unknown as RawRow[];
}
