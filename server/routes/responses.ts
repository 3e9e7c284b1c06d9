import { managed } from '../middleware/managed';
import { z } from 'zod';
import { validate } from '../validate';
import { freeText } from '../schemas/text';
import { responseListQuery } from '../schemas/response';
import { addNote, getResponse, listNotes, listResponses, serializeResponse, updateLoop } from '../queries/responses';
import { responsePages } from '../queries/response-export';
import { present } from '../queries/present';
import { deleteResponse } from '../services/ingest';
import { notFound } from '../errors';
import { stream } from 'hono/streaming';
import { csvColumns, csvLine } from '../services/export';
import { tagResponseTheme } from '../services/theme-tags';
import { continueRun, presentRun, startRun } from '../services/analysis-runs';
import type { Context } from 'hono';
import type { AppEnv } from '../env';

const responseId = z.object({ id: z.string().min(1).max(64) });
const loopPatch = z
  .strictObject({ status: z.enum(['open', 'in_progress', 'closed']).optional(), assignee: freeText(200).trim().min(1).nullable().optional() })
  .refine((p) => p.status !== undefined || p.assignee !== undefined, 'give a status or an assignee');

const themeKey = z.string().min(1).max(120);

/**
 * Tags or untags a theme on the response's comment for the caller. Once a theme is learned
 * (or no longer is), history is re-analysed so the classifier applies to it too: `run` is
 * that re-analysis, null when none was needed.
 */
async function tag(c: Context<AppEnv>, id: string, key: string, add: boolean) {
  const principal = `${c.var.principal.kind === 'user' ? 'user' : 'key'}:${c.var.principal.id}`;
  const ws = c.var.workspace.id;
  const { response, learnedChanged } = await tagResponseTheme(c.var.db, ws, id, key, add, principal);
  const run = learnedChanged ? await startRun(c.var.db, ws) : null;
  if (run) continueRun(c.var.db, c.var.background, run.id);
  return { response: serializeResponse(response), run: run && presentRun(run) };
}

const exportQuery = responseListQuery.omit({ limit: true, cursor: true }).extend({
  format: z.enum(['csv', 'jsonl']).default('csv'),
  // Excel reads a CSV without a byte-order mark in the system's legacy code page (mojibake).
  bom: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const responseRoutes = managed()
  .get('/', validate('query', responseListQuery), async (c) =>
    c.json(await listResponses(c.var.db, c.var.workspace.id, c.req.valid('query'))),
  )
  // Streamed in keyset pages with backpressure, so exporting a million responses takes
  // constant memory (bench/export.bench.ts measures it).
  .get('/export', validate('query', exportQuery), (c) => {
    const { format, bom, ...filters } = c.req.valid('query');
    const pages = responsePages(c.var.db, c.var.workspace.id, filters);
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="responses.${format}"`);
    return stream(c, async (out) => {
      if (format === 'csv') await out.write((bom ? '\uFEFF' : '') + csvColumns.join(',') + '\r\n');
      for await (const page of pages) {
        if (out.aborted) return; // the client went away: stop reading the database
        await out.write(page.map((r) => (format === 'csv' ? csvLine(serializeResponse(r)) : JSON.stringify(serializeResponse(r)) + '\n')).join(''));
      }
    });
  })
  .get('/:id', validate('param', responseId), async (c) => {
    const { id } = c.req.valid('param');
    const row = await getResponse(c.var.db, c.var.workspace.id, id);
    const notes = await listNotes(c.var.db, c.var.workspace.id, id);
    return c.json({ ...serializeResponse(row), notes: notes.map(present) });
  })
  .patch('/:id/loop', validate('param', responseId), validate('json', loopPatch), async (c) =>
    c.json(serializeResponse(await updateLoop(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json')))),
  )
  .post('/:id/notes', validate('param', responseId), validate('json', z.strictObject({ text: freeText(5000).trim().min(1) })), async (c) => {
    const author = c.var.principal.kind === 'user' ? c.var.user.email : `API key ${c.var.principal.id}`;
    const note = await addNote(c.var.db, c.var.workspace.id, c.req.valid('param').id, author, c.req.valid('json').text);
    return c.json(present(note), 201);
  })
  .post('/:id/themes', validate('param', responseId), validate('json', z.strictObject({ key: themeKey })), async (c) =>
    c.json(await tag(c, c.req.valid('param').id, c.req.valid('json').key, true)),
  )
  .delete('/:id/themes/:key', validate('param', responseId.extend({ key: themeKey })), async (c) =>
    c.json(await tag(c, c.req.valid('param').id, c.req.valid('param').key, false)),
  )
  .delete('/:id', validate('param', responseId), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteResponse(c.var.db, c.var.workspace.id, id))) throw notFound('response', id);
    return c.body(null, 204);
  });
