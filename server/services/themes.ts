import { and, count, desc, eq, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, themes, themeTags, type Theme } from '../../db/schema';
import { applyTaxonomy, discoverThemes, type ThemeDefinition, type ThemeModel } from '../analysis';
import { ttlCache } from '../cache';
import { CONFIG_TTL_MS } from '../queries/hot-lookups';
import { confirmedCounts, loadThemeModel } from '../queries/theme-tags';

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
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // The curation keeps keys, so each theme's category (the team's or discovery's) is added back by key.
  return applyTaxonomy(discovered, curated).map((t) => {
    const category = byKey.get(t.key)?.category;
    return category ? { ...t, category } : t;
  });
}

/** What analysing a comment needs: the effective themes and the classifiers learned from the team's tags. */
export interface AnalysisContext { taxonomy: ThemeDefinition[]; model?: ThemeModel }

/** Read fresh, for a re-analysis run. Learned themes that are hidden, merged or gone are not applied. */
export async function loadAnalysisContext(db: Db, workspaceId: string): Promise<AnalysisContext> {
  const [taxonomy, model] = await Promise.all([loadTaxonomy(db, workspaceId), loadThemeModel(db, workspaceId)]);
  if (!model) return { taxonomy };
  const keys = new Set(taxonomy.map((t) => t.key));
  return { taxonomy, model: { ...model, themes: model.themes.filter((t) => keys.has(t.key)) } };
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
      .values({ workspaceId, key: t.key, label: t.label, keywords: t.keywords, category: t.category ?? null, verbatims: t.verbatims ?? [], source: 'discovered', updatedAt: now })
      .onConflictDoUpdate({
        target: [themes.workspaceId, themes.key],
        set: {
          keywords: t.keywords,
          verbatims: t.verbatims ?? [],
          // The team's renames and category moves stand; discovery's own labels and categories are refreshed.
          label: sql`CASE WHEN ${themes.source} = 'curated' THEN ${themes.label} ELSE excluded.label END`,
          category: sql`CASE WHEN ${themes.categoryCurated} THEN ${themes.category} ELSE excluded.category END`,
          updatedAt: now,
        },
      }),
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
        eq(themes.categoryCurated, false),
        // A theme people confirmed on comments is theirs now: its examples train the model.
        sql`NOT EXISTS (SELECT 1 FROM ${themeTags} WHERE ${themeTags.workspaceId} = ${workspaceId} AND ${themeTags.themeKey} = ${themes.key} AND ${themeTags.action} = 'added')`,
      ),
    );
  await db.batch([stale, ...upserts]);
  return found;
}

const contextCaches = new WeakMap<Db, ReturnType<typeof ttlCache<AnalysisContext>>>();

/**
 * The taxonomy and model that new comments are analysed with, cached briefly per database
 * handle; its first call in a workspace with enough comments runs the first discovery.
 */
export function contextForAnalysis(db: Db, workspaceId: string): Promise<AnalysisContext> {
  let cache = contextCaches.get(db);
  if (!cache) contextCaches.set(db, (cache = ttlCache(CONFIG_TTL_MS)));
  return cache.get(workspaceId, async () => {
    await ensureThemes(db, workspaceId);
    return loadAnalysisContext(db, workspaceId);
  });
}

/** Drops the cached taxonomy and model after the team changed them. */
export const forgetTaxonomy = (db: Db, workspaceId: string) => contextCaches.get(db)?.evict(workspaceId);

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



export type ThemePatch = Partial<Pick<Theme, 'label' | 'pinnedKeywords' | 'hidden' | 'mergedInto' | 'category'>>;

/** Applies the team's curation to one theme; a rename or a category move sticks through rediscovery. */
export async function updateTheme(db: Db, workspaceId: string, key: string, patch: ThemePatch, now = Date.now()): Promise<Theme | undefined> {
  const [row] = await db
    .update(themes)
    .set({
      ...(patch.label !== undefined ? { label: patch.label, source: 'curated' as const } : {}),
      ...(patch.pinnedKeywords !== undefined ? { pinnedKeywords: patch.pinnedKeywords } : {}),
      ...(patch.hidden !== undefined ? { hidden: patch.hidden } : {}),
      ...(patch.mergedInto !== undefined ? { mergedInto: patch.mergedInto } : {}),
      ...(patch.category !== undefined ? { category: patch.category, categoryCurated: true } : {}),
      updatedAt: now,
    })
    .where(and(eq(themes.workspaceId, workspaceId), eq(themes.key, key)))
    .returning();
  forgetTaxonomy(db, workspaceId);
  return row;
}

/** The team's own theme, matched by its keywords. */
export async function createTheme(db: Db, workspaceId: string, key: string, label: string, keywords: string[], now = Date.now()): Promise<Theme> {
  const [row] = await db.insert(themes).values({ workspaceId, key, label, keywords: [], pinnedKeywords: keywords, source: 'curated', updatedAt: now }).returning();
  forgetTaxonomy(db, workspaceId);
  return row!;
}


/** What the team taught the classifier: confirmed examples per theme key, and the keys a learned model applies. */
export interface ThemeLearning { examples: Map<string, number>; learned: Set<string> }

export async function themeLearning(db: Db, workspaceId: string): Promise<ThemeLearning> {
  const [examples, model] = await Promise.all([confirmedCounts(db, workspaceId), loadThemeModel(db, workspaceId)]);
  return { examples, learned: new Set(model?.themes.map((t) => t.key)) };
}

/** A theme as the API shows it, with what was learned about it (none for a theme just created). */
export const presentTheme = (t: Theme, l?: ThemeLearning) => ({
  key: t.key,
  label: t.label,
  category: t.category,
  keywords: t.keywords,
  pinnedKeywords: t.pinnedKeywords,
  verbatims: t.verbatims,
  hidden: t.hidden,
  mergedInto: t.mergedInto,
  source: t.source,
  examples: l?.examples.get(t.key) ?? 0,
  learned: l?.learned.has(t.key) ?? false,
  updatedAt: new Date(t.updatedAt).toISOString(),
});
