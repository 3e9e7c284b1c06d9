import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { schema, type Db } from './client';
import { GroupCommitDriver } from './group-commit';
import { ThreadedGroupCommit } from './group-commit-thread';

export interface LibsqlDb {
  db: Db;
  client: Client;
  /** Closes every connection, after writing any batch still waiting for its group (at once, unless on a thread). */
  close(): Promise<void>;
}

export interface LibsqlOptions {
  authToken?: string | undefined;
  /** A local file's group commit on its own worker thread (db/group-commit-thread.ts) rather than on the caller's. */
  thread?: boolean;
}

/**
 * Opens libSQL on Node: a local file (`file:./data/chorus.db`) or Turso (`libsql://…`).
 * Local files run in WAL mode with full fsync so an acknowledged write survives a crash, and
 * get a second connection for the hot path's raw statements (db/group-commit.ts), on a worker
 * thread with `thread`.
 */
export async function openLibsql(url: string, { authToken, thread = false }: LibsqlOptions = {}): Promise<LibsqlDb> {
  const file = url.startsWith('file:');
  // One connection for a local file, so the durability pragmas below govern every write.
  const client = createClient({ url, ...(authToken ? { authToken } : {}), ...(file ? { concurrency: 1 } : {}) });
  if (file) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = FULL');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema }) as unknown as Db;
  const path = url.slice('file:'.length);
  const fast = !file ? undefined : thread ? new ThreadedGroupCommit(path) : new GroupCommitDriver(path);
  if (fast) db.$raw = fast;
  return {
    db,
    client,
    close: async () => {
      await fast?.close();
      client.close();
    },
  };
}

export async function migrateLibsql(db: Db, migrationsFolder: string): Promise<void> {
  await migrate(db as unknown as Parameters<typeof migrate>[0], { migrationsFolder });
}
