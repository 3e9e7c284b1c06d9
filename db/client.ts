import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { BatchItem } from 'drizzle-orm/batch';
import type { RawDriver } from './raw';
import * as schema from './schema';

export { schema };
export type Schema = typeof schema;

/**
 * The database as the app sees it, whatever the driver: libSQL (file or Turso) on Node,
 * D1 or Turso over HTTP on Workers. Built per runtime by the factories beside this file;
 * there is deliberately no module-level instance.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, Schema> & {
  batch: LibSQLDatabase<Schema>['batch'];
  /** The driver's own client (libSQL `Client` or a D1 binding), for db/raw.ts. */
  $client: unknown;
  /** A faster path for db/raw.ts on the same database, when the driver has one (local libSQL files). */
  $raw?: RawDriver;
};

/**
 * Runs statements atomically per batch of 100 (one transaction each on libSQL and D1).
 * Callers needing all-or-nothing must keep their statements under that size.
 */
export async function runBatch(db: Db, statements: readonly BatchItem<'sqlite'>[]): Promise<void> {
  for (let i = 0; i < statements.length; i += 100) {
    const part = statements.slice(i, i + 100) as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
    await db.batch(part);
  }
}
