import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { themes, type Theme } from '../../db/schema';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { ApiError, notFound } from '../errors';
import { forgetTaxonomy, listThemes, rediscoverThemes, taxonomyOf, themeKeysExist } from '../services/themes';
import { continueRun, presentRun, startRun } from '../services/analysis-runs';
import { slugify } from '../analysis/themes';

const keyParam = z.object({ key: z.string().min(1).max(120) });
const keyword = z.string().trim().min(2).max(80);
const themeInput = z.strictObject({ label: z.string().trim().min(1).max(80), keywords: z.array(keyword).min(1).max(50) });
const themePatch = z.strictObject({
  label: z.string().trim().min(1).max(80).optional(),
  pinnedKeywords: z.array(keyword).max(50).optional(),
  hidden: z.boolean().optional(),
  /** Another theme's key to fold this one into, or null to undo a merge. */
  mergedInto: z.string().min(1).max(120).nullable().optional(),
});

const present = (t: Theme) => ({
  key: t.key,
  label: t.label,
  keywords: t.keywords,
  pinnedKeywords: t.pinnedKeywords,
  hidden: t.hidden,
  mergedInto: t.mergedInto,
  source: t.source,
  updatedAt: new Date(t.updatedAt).toISOString(),
});

/**
 * The theme taxonomy: discovered themes and the CX team's curation. Every change starts a
 * re-analysis of the workspace's comments, whose progress is at /api/v1/analysis/runs/:id.
 */
export const themeRoutes = managed()
  .get('/', async (c) => {
    const rows = await listThemes(c.var.db, c.var.workspace.id);
    return c.json({ data: rows.map(present), effective: taxonomyOf(rows) });
  })
  .post('/', validate('json', themeInput), async (c) => {
    const { label, keywords } = c.req.valid('json');
    const ws = c.var.workspace.id;
    const key = `custom-${slugify(label)}`;
    if ((await themeKeysExist(c.var.db, ws, [key])).size > 0) throw new ApiError(409, 'theme_exists', `A theme "${label}" already exists`);
    const [row] = await c.var.db
      .insert(themes)
      .values({ workspaceId: ws, key, label, keywords: [], pinnedKeywords: keywords, source: 'curated', updatedAt: Date.now() })
      .returning();
    forgetTaxonomy(c.var.db, ws);
    const run = await startRun(c.var.db, ws);
    continueRun(c.var.db, c.var.background, run.id);
    return c.json({ theme: present(row!), run: presentRun(run) }, 201);
  })
  .post('/discover', async (c) => {
    const ws = c.var.workspace.id;
    await rediscoverThemes(c.var.db, ws);
    forgetTaxonomy(c.var.db, ws);
    const run = await startRun(c.var.db, ws);
    continueRun(c.var.db, c.var.background, run.id);
    return c.json({ data: (await listThemes(c.var.db, ws)).map(present), run: presentRun(run) });
  })
  .patch('/:key', validate('param', keyParam), validate('json', themePatch), async (c) => {
    const { key } = c.req.valid('param');
    const patch = c.req.valid('json');
    const ws = c.var.workspace.id;
    const exists = await themeKeysExist(c.var.db, ws, [key, ...(patch.mergedInto ? [patch.mergedInto] : [])]);
    if (!exists.has(key)) throw notFound('theme', key);
    if (patch.mergedInto === key) throw new ApiError(422, 'invalid_merge', 'A theme cannot be merged into itself');
    if (patch.mergedInto && !exists.has(patch.mergedInto)) throw new ApiError(422, 'unknown_theme', `No theme "${patch.mergedInto}" to merge into`);
    const [row] = await c.var.db
      .update(themes)
      .set({
        ...(patch.label !== undefined ? { label: patch.label, source: 'curated' as const } : {}),
        ...(patch.pinnedKeywords !== undefined ? { pinnedKeywords: patch.pinnedKeywords } : {}),
        ...(patch.hidden !== undefined ? { hidden: patch.hidden } : {}),
        ...(patch.mergedInto !== undefined ? { mergedInto: patch.mergedInto } : {}),
        updatedAt: Date.now(),
      })
      .where(and(eq(themes.workspaceId, ws), eq(themes.key, key)))
      .returning();
    forgetTaxonomy(c.var.db, ws);
    const run = await startRun(c.var.db, ws);
    continueRun(c.var.db, c.var.background, run.id);
    return c.json({ theme: present(row!), run: presentRun(run) });
  });
