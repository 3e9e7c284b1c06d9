import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { managed } from '../middleware/managed';
import { analysisRun } from '../schemas/resources';
import { errors, json, managedErrors } from '../openapi/responses';
import { ApiError } from '../errors';
import { getSurvey } from '../queries/surveys';
import { slugId } from '../contracts/survey-config';
import { presetMapping, presets, type Mapping } from '../import/mapping';
import { importCsv } from '../import/import';
import { readAhead } from '../import/read-ahead';
import { presentRun, reanalyze } from '../services/analysis-runs';

const MAX_BYTES = 20 * 1024 * 1024;
const JSON_LINES = ['application/x-ndjson', 'application/jsonl', 'application/json-lines'];
const mappingJson = z
  .string()
  .max(10_000)
  .transform((s, ctx) => {
    try {
      return z.record(z.string().max(200), z.string().max(200)).parse(JSON.parse(s));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a JSON object from CSV column to question id or @target' });
      return z.NEVER;
    }
  });
const importQuery = z.strictObject({ survey: slugId, preset: z.enum(presets).default('chorus'), mapping: mappingJson.optional() });

/**
 * CSV import of historical responses (body: the CSV or a Chorus JSON Lines export, up to 20 MiB; larger files go through
 * `npm run import`). Answers the report: imported, already present, and each rejected line.
 * The import stops between batches when the client goes away.
 */
const importReport = z
  .object({
    rows: z.number().int().describe('Data lines read'),
    imported: z.number().int(),
    alreadyPresent: z.number().int().describe('Lines whose response id is already stored (a re-import)'),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    analysis: analysisRun.nullable().describe('The analysis of the imported comments, started in the background'),
  })
  .meta({ id: 'ImportReport', example: { rows: 3, imported: 2, alreadyPresent: 0, rejected: [{ line: 4, reason: 'nps: 11 is above 10' }], analysis: null } });

export const importRoutes = managed('editor', { json: false, maxBytes: MAX_BYTES }).openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Import historical responses from a CSV body or a Chorus JSON Lines export (presets: chorus, delighted, formbricks)',
    request: {
      query: importQuery,
      body: {
        required: true,
        description: 'The CSV file, up to 20 MiB, first line the column names (`text/plain` is read the same)',
        content: {
          'text/csv': { schema: z.string().meta({ example: 'id,nps,comment,created_at\r\nr1,9,Fast delivery,2026-10-01T09:00:00Z\r\n' }) },
          'application/x-ndjson': { schema: z.string().describe('A Chorus JSON Lines export (`GET /api/v1/responses/export?format=jsonl`), one response per line') },
        },
      },
    },
    responses: { 200: json(importReport, 'What was imported and each line refused'), ...errors(400, 404, 413, 415, 422), ...managedErrors },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const format = type === 'text/csv' || type === 'text/plain' ? 'csv' : JSON_LINES.includes(type) ? 'jsonl' : undefined;
    if (!format) throw new ApiError(415, 'unsupported_media_type', 'Send the CSV as the body with "Content-Type: text/csv" (or a JSON Lines export with "application/x-ndjson")');
    const survey = await getSurvey(c.var.db, c.var.workspace.id, q.survey);
    const mapping: Mapping = q.mapping ?? presetMapping(q.preset, survey.questions);
    const report = await importCsv(c.var.db, c.var.workspace.id, survey, readAhead(c.req.raw.body), mapping, { signal: c.req.raw.signal, format, timeZone: c.var.workspace.timezone });
    // The imported comments get sentiment and themes like live ones, in the background.
    const run = report.imported > 0 ? await reanalyze(c.var.db, c.var.background, c.var.workspace.id) : null;
    return c.json({ ...report, analysis: run ? presentRun(run) : null }, 200);
  },
);
