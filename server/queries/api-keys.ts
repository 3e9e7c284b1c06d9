import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiKeys, type ApiKey } from '../../db/schema';
import { newId, sha256Hex } from '../crypto';
import type { Role } from '../auth/roles';
import { present } from './present';

/** An API key as the API shows it: never its hash. */
export function presentApiKey(key: ApiKey) {
  const { hash: _hash, ...shown } = present(key);
  return shown;
}

/** The workspace's keys, newest first. */
export const listApiKeys = (db: Db, workspaceId: string): Promise<ApiKey[]> =>
  db.select().from(apiKeys).where(eq(apiKeys.workspaceId, workspaceId)).orderBy(desc(apiKeys.createdAt));

/** Stores the key by its hash and first characters; the key itself is the caller's to show once. */
export async function createApiKey(db: Db, workspaceId: string, input: { name: string; role: Role }, key: string, now = Date.now()): Promise<ApiKey> {
  const [row] = await db
    .insert(apiKeys)
    .values({ id: newId('key'), workspaceId, name: input.name, role: input.role, prefix: key.slice(0, 10), hash: await sha256Hex(key), createdAt: now })
    .returning();
  return row!;
}

/** Revokes the workspace's key; undefined when there is no such key still active. */
export async function revokeApiKey(db: Db, workspaceId: string, id: string, now = Date.now()): Promise<ApiKey | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}
