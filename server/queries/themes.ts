import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { themes, type Theme } from '../../db/schema';

/** The workspace's themes, by label. */
export const listThemes = (db: Db, workspaceId: string): Promise<Theme[]> =>
  db.select().from(themes).where(eq(themes.workspaceId, workspaceId)).orderBy(themes.label);

/** Which of these theme keys the workspace has. */
export async function themeKeysExist(db: Db, workspaceId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select({ key: themes.key }).from(themes).where(and(eq(themes.workspaceId, workspaceId), inArray(themes.key, keys)));
  return new Set(rows.map((r) => r.key));
}

export async function getTheme(db: Db, workspaceId: string, key: string): Promise<Theme | undefined> {
  const [row] = await db.select().from(themes).where(and(eq(themes.workspaceId, workspaceId), eq(themes.key, key)));
  return row;
}
