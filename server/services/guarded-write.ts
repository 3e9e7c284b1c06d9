import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { responses, type NewResponseRow } from '../../db/schema';
import { rollupUpsert } from '../queries/rollup-writes';
import type { RollupDelta } from './contribution';

/**
 * Writes a response row (insert, update or delete when `row` is null) together with its
 * rollup deltas in one atomic batch. Every statement is conditional on the version that was
 * read (`null`: the row must not exist), so a concurrent writer makes the whole batch a
 * no-op and the caller re-reads and retries. Returns whether the write happened.
 */
export async function writeGuarded(
  db: Db,
  workspaceId: string,
  id: string,
  expectedVersion: number | null,
  deltas: RollupDelta[],
  row: NewResponseRow | null,
): Promise<boolean> {
  const match = sql`SELECT 1 FROM ${responses} WHERE ${responses.workspaceId} = ${workspaceId} AND ${responses.id} = ${id}`;
  const guard: SQL =
    expectedVersion === null
      ? sql`NOT EXISTS (${match})`
      : sql`EXISTS (${match} AND ${responses.version} = ${expectedVersion})`;
  const sameRow = and(eq(responses.workspaceId, workspaceId), eq(responses.id, id), eq(responses.version, expectedVersion ?? -1));

  let write: BatchItem<'sqlite'>;
  if (row === null) write = db.delete(responses).where(sameRow).returning({ id: responses.id });
  else if (expectedVersion === null) write = db.insert(responses).values(row).onConflictDoNothing().returning({ id: responses.id });
  else write = db.update(responses).set(row).where(sameRow).returning({ id: responses.id });

  // The write goes last: the guards must see the row as it was before this batch.
  const statements: BatchItem<'sqlite'>[] = [...deltas.map((d) => rollupUpsert(db, workspaceId, d, guard)), write];
  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const written = results[results.length - 1] as unknown as { id: string }[];
  return written.length > 0;
}
