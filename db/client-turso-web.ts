import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import { schema, type Db } from './client';

/** Turso over HTTP, for Workers deployments that prefer Turso to D1. */
export function openTursoWeb(url: string, authToken: string | undefined): Db {
  const client = createClient(authToken ? { url, authToken } : { url });
  return drizzle(client, { schema }) as unknown as Db;
}
