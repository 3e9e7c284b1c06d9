import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { themes } from '../../db/schema';
import { applyTaxonomy, discoverThemes, type ThemeDefinition } from '../analysis';

/** The workspace's effective themes: discovered ones with the CX team's curation applied. */
export async function loadTaxonomy(db: Db, workspaceId: string): Promise<ThemeDefinition[]> {
  const rows = await db.select().from(themes).where(eq(themes.workspaceId, workspaceId));
  const discovered = rows.filter((r) => r.source === 'discovered').map((r) => ({ key: r.key, label: r.label, keywords: r.keywords }));
  const curated = rows.map((r) => ({
    key: r.key,
    ...(r.source === 'curated' ? { label: r.label } : {}),
    pinnedKeywords: r.pinnedKeywords,
    hidden: r.hidden,
    ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}),
  }));
  return applyTaxonomy(discovered, curated);
}

/** Replaces the discovered themes with a fresh discovery over `comments`, keeping curation. */
export async function storeDiscoveredThemes(db: Db, workspaceId: string, comments: readonly string[], now = Date.now()): Promise<ThemeDefinition[]> {
  const found = discoverThemes(comments);
  for (const t of found) {
    await db
      .insert(themes)
      .values({ workspaceId, key: t.key, label: t.label, keywords: t.keywords, source: 'discovered', updatedAt: now })
      .onConflictDoUpdate({ target: [themes.workspaceId, themes.key], set: { keywords: t.keywords, updatedAt: now } });
  }
  return found;
}
