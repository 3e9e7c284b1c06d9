import { z } from 'zod';
import { managed } from '../middleware/managed';
import { createRoute } from '@hono/zod-openapi';
import { analysisRun } from '../schemas/resources';
import { bodyErrors, errors, json, jsonBody, managedErrors } from '../openapi/responses';
import { ApiError, notFound } from '../errors';
import { createTheme, presentTheme, rediscoverThemes, taxonomyOf, themeLearning, updateTheme } from '../services/themes';
import { listThemes, themeKeysExist } from '../queries/themes';
import { presentRun, taxonomyChanged } from '../services/analysis-runs';
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
  /** The category (codeframe's first level) to move the theme to, or null for none. */
  category: z.string().trim().min(1).max(80).nullable().optional(),
});

const theme = z
  .object({
    key: z.string(),
    label: z.string(),
    category: z.string().nullable(),
    keywords: z.array(z.string()),
    pinnedKeywords: z.array(z.string()),
    verbatims: z.array(z.string()).describe('Up to 3 representative comments'),
    hidden: z.boolean(),
    mergedInto: z.string().nullable(),
    source: z.enum(['discovered', 'curated']),
    examples: z.number().int().describe('Comments people confirmed the theme on'),
    learned: z.boolean().describe("Whether the classifier learned from those examples applies it"),
    updatedAt: z.string(),
  })
  .meta({ id: 'Theme' });
const effectiveTheme = z.object({ key: z.string(), label: z.string(), keywords: z.array(z.string()), category: z.string().optional(), verbatims: z.array(z.string()).optional() });
const themeChanged = json(z.object({ theme, run: analysisRun }), 'The theme, and the re-analysis it started');

/**
 * The theme taxonomy: discovered themes and the CX team's curation. Every change starts a
 * re-analysis of the workspace's comments, whose progress is at /api/v1/analysis/runs/:id.
 */
export const themeRoutes = managed()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The theme taxonomy, with curation, categories, representative verbatims and confirmed examples',
      responses: {
        200: json(z.object({ data: z.array(theme), effective: z.array(effectiveTheme).describe('The taxonomy analysis applies: curation and merges resolved') }), 'The themes'),
        ...managedErrors,
      },
    }),
    async (c) => {
      const [rows, l] = await Promise.all([listThemes(c.var.db, c.var.workspace.id), themeLearning(c.var.db, c.var.workspace.id)]);
      return c.json({ data: rows.map((t) => presentTheme(t, l)), effective: taxonomyOf(rows) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: "Add the team's own theme; starts a re-analysis",
      request: { body: jsonBody(themeInput) },
      responses: { 201: themeChanged, ...bodyErrors, ...errors(409) },
    }),
    async (c) => {
      const { label, keywords } = c.req.valid('json');
      const ws = c.var.workspace.id;
      const key = `custom-${slugify(label)}`;
      if ((await themeKeysExist(c.var.db, ws, [key])).size > 0) throw new ApiError(409, 'theme_exists', `A theme "${label}" already exists`);
      const row = await createTheme(c.var.db, ws, key, label, keywords);
      const run = await taxonomyChanged(c.var.db, c.var.background, ws);
      return c.json({ theme: presentTheme(row), run: presentRun(run) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/discover',
      summary: 'Discover themes again; starts a re-analysis',
      responses: { 200: json(z.object({ data: z.array(theme), run: analysisRun }), 'The themes now, and the re-analysis started'), ...errors(413, 415), ...managedErrors },
    }),
    async (c) => {
      const ws = c.var.workspace.id;
      await rediscoverThemes(c.var.db, ws);
      const run = await taxonomyChanged(c.var.db, c.var.background, ws);
      const [rows, l] = await Promise.all([listThemes(c.var.db, ws), themeLearning(c.var.db, ws)]);
      return c.json({ data: rows.map((t) => presentTheme(t, l)), run: presentRun(run) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{key}',
      summary: 'Rename, pin keywords, hide, merge or move a theme to a category; starts a re-analysis',
      request: { params: keyParam, body: jsonBody(themePatch) },
      responses: { 200: themeChanged, ...bodyErrors, ...errors(404) },
    }),
    async (c) => {
      const { key } = c.req.valid('param');
      const patch = c.req.valid('json');
      const ws = c.var.workspace.id;
      const exists = await themeKeysExist(c.var.db, ws, [key, ...(patch.mergedInto ? [patch.mergedInto] : [])]);
      if (!exists.has(key)) throw notFound('theme', key);
      if (patch.mergedInto === key) throw new ApiError(422, 'invalid_merge', 'A theme cannot be merged into itself');
      if (patch.mergedInto && !exists.has(patch.mergedInto)) throw new ApiError(422, 'unknown_theme', `No theme "${patch.mergedInto}" to merge into`);
      const row = await updateTheme(c.var.db, ws, key, patch);
      if (!row) throw notFound('theme', key);
      const run = await taxonomyChanged(c.var.db, c.var.background, ws);
      return c.json({ theme: presentTheme(row, await themeLearning(c.var.db, ws)), run: presentRun(run) }, 200);
    },
  );
