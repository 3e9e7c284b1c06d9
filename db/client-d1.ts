import { drizzle } from 'drizzle-orm/d1';
import { schema, type Db } from './client';

/** Wraps a Workers D1 binding. Migrations are applied by `wrangler d1 migrations apply`. */
export function openD1(binding: D1Database): Db {
  return drizzle(binding, { schema }) as unknown as Db;
}
