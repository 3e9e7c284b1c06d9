import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { schema, type Db } from './client';

export interface LibsqlDb {
  db: Db;
  client: Client;
}

/**
 * Opens libSQL on Node: a local file (`file:./data/chorus.db`) or Turso (`libsql://…`).
 * Local files run in WAL mode with full fsync so an acknowledged write survives a crash.
 */
export async function openLibsql(url: string, authToken?: string): Promise<LibsqlDb> {
  // One connection for a local file, so the durability pragmas below govern every write.
  const client = createClient({ url, ...(authToken ? { authToken } : {}), ...(url.startsWith('file:') ? { concurrency: 1 } : {}) });
  if (url.startsWith('file:')) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = FULL');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, client };
}

export async function migrateLibsql(db: Db, migrationsFolder: string): Promise<void> {
  await migrate(db as unknown as Parameters<typeof migrate>[0], { migrationsFolder });
}
