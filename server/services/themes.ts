import { and, count, desc, eq, inArray, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, themes, type Theme } from '../../db/schema';
import { applyTaxonomy, discoverThemes, type ThemeDefinition } from '../analysis';
import { ttlCache } from '../cache';
import { CONFIG_TTL_MS } from '../queries/hot-lookups';

/** Discovery reads at most this many recent comments: enough for stable themes, bounded in time. */
const DISCOVERY_SAMPLE = 20_000;
/** Below this many comments discovery finds noise, so a new workspace waits for more. */
export const MIN_COMMENTS_FOR_DISCOVERY = 30;

/**
 * The workspace's effective themes: discovered keywords with the CX team's curation
 * (renames, pinned keywords, merges, hidden themes) applied on top.
 */
export async function loadTaxonomy(db: Db, workspaceId: string): Promise<ThemeDefinition[]> {
  const rows = await db.select().from(themes).where(eq(themes.workspaceId, workspaceId));
  return taxonomyOf(rows);
}

export function taxonomyOf(rows: readonly Theme[]): ThemeDefinition[] {
  const discovered = rows.filter((r) => r.keywords.length > 0).map((r) => ({ key: r.key, label: r.label, keywords: r.keywords }));
  const curated = rows.map((r) => ({
    key: r.key,
    ...(r.source === 'curated' ? { label: r.label } : {}),
    pinnedKeywords: r.pinnedKeywords,
    hidden: r.hidden,
    ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}),
  }));
  return applyTaxonomy(discovered, curated);
}

/**
 * Discovers themes over the workspace's recent comments and stores them. Keywords of known
 * themes are refreshed; labels are kept (the team may have renamed them); discovered themes
 * that no longer appear are dropped unless the team curated them.
 */
export async function rediscoverThemes(db: Db, workspaceId: string, now = Date.now()): Promise<ThemeDefinition[]> {
  const recent = await db
    .select({ comment: responses.comment })
    .from(responses)
    .where(and(eq(responses.workspaceId, workspaceId), isNotNull(responses.comment)))
    .orderBy(desc(responses.createdAt))
    .limit(DISCOVERY_SAMPLE);
  const found = discoverThemes(recent.map((r) => r.comment!));
  const upserts = found.map((t) =>
    db
      .insert(themes)
      .values({ workspaceId, key: t.key, label: t.label, keywords: t.keywords, source: 'discovered', updatedAt: now })
      .onConflictDoUpdate({ target: [themes.workspaceId, themes.key], set: { keywords: t.keywords, updatedAt: now } }),
  );
  const keys = found.map((t) => t.key);
  const stale = db
    .delete(themes)
    .where(
      and(
        eq(themes.workspaceId, workspaceId),
        eq(themes.source, 'discovered'),
        keys.length > 0 ? notInArray(themes.key, keys) : undefined,
        eq(themes.hidden, false),
        isNull(themes.mergedInto),
        sql`${themes.pinnedKeywords} = '[]'`,
      ),
    );
  await db.batch([stale, ...upserts]);
  return found;
}

const taxonomyCaches = new WeakMap<Db, ReturnType<typeof ttlCache<ThemeDefinition[]>>>();

/**
 * The taxonomy that new comments are matched against, cached briefly per database handle;
 * its first call in a workspace with enough comments runs the first discovery.
 */
export function taxonomyForAnalysis(db: Db, workspaceId: string): Promise<ThemeDefinition[]> {
  let cache = taxonomyCaches.get(db);
  if (!cache) taxonomyCaches.set(db, (cache = ttlCache(CONFIG_TTL_MS)));
  return cache.get(workspaceId, async () => {
    await ensureThemes(db, workspaceId);
    return loadTaxonomy(db, workspaceId);
  });
}

/** Drops the cached taxonomy after the team changed it. */
export const forgetTaxonomy = (db: Db, workspaceId: string) => taxonomyCaches.get(db)?.evict(workspaceId);

/** Runs a first discovery once a workspace without themes has enough comments for one. */
export async function ensureThemes(db: Db, workspaceId: string): Promise<void> {
  const [any] = await db.select({ key: themes.key }).from(themes).where(eq(themes.workspaceId, workspaceId)).limit(1);
  if (any) return;
  const [n] = await db
    .select({ n: count() })
    .from(responses)
    .where(and(eq(responses.workspaceId, workspaceId), isNotNull(responses.comment)));
  if ((n?.n ?? 0) >= MIN_COMMENTS_FOR_DISCOVERY) await rediscoverThemes(db, workspaceId);
}

export const listThemes = (db: Db, workspaceId: string): Promise<Theme[]> =>
  db.select().from(themes).where(eq(themes.workspaceId, workspaceId)).orderBy(themes.label);

export async function themeKeysExist(db: Db, workspaceId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select({ key: themes.key }).from(themes).where(and(eq(themes.workspaceId, workspaceId), inArray(themes.key, keys)));
  return new Set(rows.map((r) => r.key));
}
