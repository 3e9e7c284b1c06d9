import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, themeModels, themeTags, type ThemeTag } from '../../db/schema';
import type { TaggedExample, ThemeModel } from '../analysis';

/** The model learns from at most this many tagged comments, the latest ones: bounded training time. */
const MAX_TRAINING_COMMENTS = 1000;
/** Untagged comments the model also learns from, as weak negatives. */
const BACKGROUND_COMMENTS = 300;

/** Records a person's decision on one comment's theme, replacing an earlier one. */
export async function upsertThemeTag(db: Db, tag: ThemeTag): Promise<void> {
  await db
    .insert(themeTags)
    .values(tag)
    .onConflictDoUpdate({
      target: [themeTags.workspaceId, themeTags.responseId, themeTags.themeKey],
      set: { action: tag.action, principal: tag.principal, createdAt: tag.createdAt },
    });
}

/** Forgets the decisions on a deleted response: its comment is gone, so it is no example any more. */
export async function deleteThemeTags(db: Db, workspaceId: string, responseId: string): Promise<void> {
  await db.delete(themeTags).where(and(eq(themeTags.workspaceId, workspaceId), eq(themeTags.responseId, responseId)));
}

/**
 * The confirmed examples: each tagged comment with the themes people added to it. A
 * comment whose only decisions were removals is an example with no themes, a negative for all.
 */
export async function taggedExamples(db: Db, workspaceId: string): Promise<TaggedExample[]> {
  const rows = await db
    .select({ responseId: themeTags.responseId, themeKey: themeTags.themeKey, action: themeTags.action, comment: responses.comment })
    .from(themeTags)
    .innerJoin(responses, and(eq(responses.workspaceId, themeTags.workspaceId), eq(responses.id, themeTags.responseId)))
    .where(and(eq(themeTags.workspaceId, workspaceId), isNotNull(responses.comment)))
    .orderBy(desc(themeTags.createdAt))
    .limit(MAX_TRAINING_COMMENTS * 3);
  const byResponse = new Map<string, TaggedExample>();
  for (const r of rows) {
    let example = byResponse.get(r.responseId);
    if (!example) {
      if (byResponse.size >= MAX_TRAINING_COMMENTS) continue;
      byResponse.set(r.responseId, (example = { text: r.comment!, themes: [] }));
    }
    if (r.action === 'added') example.themes.push(r.themeKey);
  }
  return [...byResponse.values()];
}

/** How many comments people confirmed each theme on. */
export async function confirmedCounts(db: Db, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ key: themeTags.themeKey, n: count() })
    .from(themeTags)
    .where(and(eq(themeTags.workspaceId, workspaceId), eq(themeTags.action, 'added')))
    .groupBy(themeTags.themeKey);
  return new Map(rows.map((r) => [r.key, r.n]));
}

export async function loadThemeModel(db: Db, workspaceId: string): Promise<ThemeModel | undefined> {
  const [row] = await db.select({ model: themeModels.model }).from(themeModels).where(eq(themeModels.workspaceId, workspaceId));
  return row?.model;
}

export async function saveThemeModel(db: Db, workspaceId: string, model: ThemeModel, examples: number, now: number): Promise<void> {
  await db
    .insert(themeModels)
    .values({ workspaceId, model, examples, trainedAt: now })
    .onConflictDoUpdate({ target: themeModels.workspaceId, set: { model, examples, trainedAt: now } });
}

/**
 * Recent comments nobody tagged: the model's background negatives (a workspace that tagged
 * one theme has no other negatives). A few may be about the theme; at half weight they blur
 * the model less than having no negatives at all would.
 */
export async function backgroundComments(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ comment: responses.comment })
    .from(responses)
    .where(and(
      eq(responses.workspaceId, workspaceId),
      isNotNull(responses.comment),
      sql`not exists (select 1 from ${themeTags} where ${themeTags.workspaceId} = ${responses.workspaceId} and ${themeTags.responseId} = ${responses.id})`,
    ))
    .orderBy(desc(responses.createdAt))
    .limit(BACKGROUND_COMMENTS);
  return rows.map((r) => r.comment!);
}
