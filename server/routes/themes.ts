import { z } from 'zod';
import type { Theme } from '../../db/schema';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { ApiError, notFound } from '../errors';
import { createTheme, forgetTaxonomy, listThemes, rediscoverThemes, taxonomyOf, themeKeysExist, updateTheme } from '../services/themes';
import { continueRun, presentRun, startRun } from '../services/analysis-runs';
import { confirmedCounts, loadThemeModel } from '../queries/theme-tags';
import { slugify } from '../analysis/themes';
import type { Db } from '../../db/client';

const keyParam = z.object({ key: z.string().min(1).max(120) });
const keyword = z.string().trim().min(2).max(80);
const themeInput = z.strictObject({ label: z.string().trim().min(1).max(80), keywords: z.array(keyword).min(1).max(50) });
const themePatch = z.strictObject({
  label: z.string().trim().min(1).max(80).optional(),
  pinnedKeywords: z.array(keyword).max(50).optional(),
  hidden: z.boolean().optional(),
  /** Another theme's key to fold this one into, or null to undo a merge. */
  mergedInto: z.string().min(1).max(120).nullable().optional(),
  /** The category (codeframe's first level) to move the theme to, or null for none. */
  category: z.string().trim().min(1).max(80).nullable().optional(),
});

interface Learning { examples: Map<string, number>; learned: Set<string> }

const present = (t: Theme, l?: Learning) => ({
  key: t.key,
  label: t.label,
  category: t.category,
  keywords: t.keywords,
  pinnedKeywords: t.pinnedKeywords,
  verbatims: t.verbatims,
  hidden: t.hidden,
  mergedInto: t.mergedInto,
  source: t.source,
  /** Comments people confirmed the theme on, and whether a classifier learned from them applies it. */
  examples: l?.examples.get(t.key) ?? 0,
  learned: l?.learned.has(t.key) ?? false,
  updatedAt: new Date(t.updatedAt).toISOString(),
});

async function learning(db: Db, ws: string): Promise<Learning> {
  const [examples, model] = await Promise.all([confirmedCounts(db, ws), loadThemeModel(db, ws)]);
  return { examples, learned: new Set(model?.themes.map((t) => t.key)) };
}

/**
 * The theme taxonomy: discovered themes and the CX team's curation. Every change starts a
 * re-analysis of the workspace's comments, whose progress is at /api/v1/analysis/runs/:id.
 */
export const themeRoutes = managed()
  .get('/', async (c) => {
    const [rows, l] = await Promise.all([listThemes(c.var.db, c.var.workspace.id), learning(c.var.db, c.var.workspace.id)]);
    return c.json({ data: rows.map((t) => present(t, l)), effective: taxonomyOf(rows) });
  })
  .post('/', validate('json', themeInput), async (c) => {
    const { label, keywords } = c.req.valid('json');
    const ws = c.var.workspace.id;
    const key = `custom-${slugify(label)}`;
    if ((await themeKeysExist(c.var.db, ws, [key])).size > 0) throw new ApiError(409, 'theme_exists', `A theme "${label}" already exists`);
    const row = await createTheme(c.var.db, ws, key, label, keywords);
    const run = await startRun(c.var.db, ws);
    continueRun(c.var.db, c.var.background, run.id);
    return c.json({ theme: present(row), run: presentRun(run) }, 201);
  })
  .post('/discover', async (c) => {
    const ws = c.var.workspace.id;
    await rediscoverThemes(c.var.db, ws);
    forgetTaxonomy(c.var.db, ws);
    const run = await startRun(c.var.db, ws);
    continueRun(c.var.db, c.var.background, run.id);
    const [rows, l] = await Promise.all([listThemes(c.var.db, ws), learning(c.var.db, ws)]);
    return c.json({ data: rows.map((t) => present(t, l)), run: presentRun(run) });
  })
  .patch('/:key', validate('param', keyParam), validate('json', themePatch), async (c) => {
    const { key } = c.req.valid('param');
    const patch = c.req.valid('json');
    const ws = c.var.workspace.id;
    const exists = await themeKeysExist(c.var.db, ws, [key, ...(patch.mergedInto ? [patch.mergedInto] : [])]);
    if (!exists.has(key)) throw notFound('theme', key);
    if (patch.mergedInto === key) throw new ApiError(422, 'invalid_merge', 'A theme cannot be merged into itself');
    if (patch.mergedInto && !exists.has(patch.mergedInto)) throw new ApiError(422, 'unknown_theme', `No theme "${patch.mergedInto}" to merge into`);
    const row = await updateTheme(c.var.db, ws, key, patch);
    if (!row) throw notFound('theme', key);
    const run = await startRun(c.var.db, ws);
    continueRun(c.var.db, c.var.background, run.id);
    return c.json({ theme: present(row, await learning(c.var.db, ws)), run: presentRun(run) });
  });
