import type { Db } from '../../db/client';
import type { ResponseRow } from '../../db/schema';
import { trainThemeModel } from '../analysis';
import { ApiError, notFound } from '../errors';
import { backgroundComments, loadThemeModel, saveThemeModel, taggedExamples, upsertThemeTag } from '../queries/theme-tags';
import { analyzeComment } from './analyze-response';
import { updateAnalysis } from './ingest';
import { readResponse } from './guarded-write';
import { applyManualTheme } from './manual-themes';
import { forgetTaxonomy, loadAnalysisContext } from './themes';
import { getTheme } from '../queries/themes';

export interface TagResult {
  response: ResponseRow;
  /** True when the set of learned themes changed, so history is worth analysing again. */
  learnedChanged: boolean;
}

/**
 * A person adds (`add`) or removes a theme on a response's comment. The decision is recorded
 * as a confirmed example, applied at once to the stored analysis and its theme rollups
 * (through updateAnalysis, the path every analysis takes), and the workspace's model is retrained.
 */
export async function tagResponseTheme(
  db: Db,
  workspaceId: string,
  responseId: string,
  key: string,
  add: boolean,
  principal: string,
  now = Date.now(),
): Promise<TagResult> {
  const row = await readResponse(db, workspaceId, responseId);
  if (!row) throw notFound('response', responseId);
  if (!row.comment) throw new ApiError(422, 'no_comment', `Response "${responseId}" has no comment to tag`);
  const theme = await getTheme(db, workspaceId, key);
  if (!theme) throw notFound('theme', key);
  await upsertThemeTag(db, { workspaceId, responseId, themeKey: key, action: add ? 'added' : 'removed', principal, createdAt: now });
  // Not analysed yet (the queue is behind): analyse now, so the tag lands on a whole analysis.
  const fresh = row.analysis ? null : analyzeComment(row.comment, await loadAnalysisContext(db, workspaceId));
  const written = await updateAnalysis(db, workspaceId, responseId, (existing) => {
    if (existing.comment !== row.comment) return false;
    const base = existing.analysis ?? fresh ?? analyzeComment(existing.comment!, { taxonomy: [] });
    return { analysis: applyManualTheme(base, key, add ? theme : null), analyzedAt: existing.analyzedAt ?? now };
  }, row);
  if (!written) throw new ApiError(409, 'concurrent_update', 'The response changed while you tagged it; try again', undefined, { 'Retry-After': '1' });
  const learnedChanged = await retrainThemeModel(db, workspaceId, now);
  return { response: (await readResponse(db, workspaceId, responseId))!, learnedChanged };
}

/**
 * Retrains the workspace's theme model on every confirmed tag, warm-started from the stored
 * one. Returns whether the set of learned themes changed.
 */
export async function retrainThemeModel(db: Db, workspaceId: string, now = Date.now()): Promise<boolean> {
  const [examples, background, previous] = await Promise.all([taggedExamples(db, workspaceId), backgroundComments(db, workspaceId), loadThemeModel(db, workspaceId)]);
  const model = trainThemeModel(examples, { background, ...(previous ? { previous } : {}) });
  await saveThemeModel(db, workspaceId, model, examples.length, now);
  forgetTaxonomy(db, workspaceId);
  const keys = (m: typeof model | undefined) => (m?.themes ?? []).map((t) => t.key).sort().join('\u0000');
  return keys(model) !== keys(previous);
}
