import { createRoute } from '@hono/zod-openapi';
import { managed } from '../middleware/managed';
import { z } from 'zod';
import { analysisRun, note, pageOf, response } from '../schemas/resources';
import { bodyErrors, errors, json, jsonBody, managedErrors, noContent } from '../openapi/responses';
import { freeText } from '../contracts/text';
import { responseCountsQuery, responseListQuery } from '../schemas/response';
import { getResponse, listResponses, serializeResponse } from '../queries/responses';
import { countResponses } from '../queries/response-counts';
import { addNote, listNotes, updateLoop } from '../loop/update';
import { listActivity, presentEvent } from '../loop/activity';
import { replyOption, sendReply } from '../loop/reply';
import { loopEvent, loopPatch, replyInput, replyOption as replyOptionSchema, responseCounts } from '../schemas/loop';
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
import { forgetSnapshots } from '../queries/account-snapshots';

const responseId = z.object({ id: z.string().min(1).max(64) });

const themeKey = z.string().min(1).max(120);
const noteInput = z.strictObject({ text: freeText(5000).trim().min(1) });
const responseDetail = response
  .extend({
    notes: z.array(note),
    activity: z.array(loopEvent).describe('The close-the-loop activity log, oldest first'),
    reply: replyOptionSchema.describe('Whether the inbox can email the respondent'),
  })
  .meta({ id: 'ResponseDetail' });

/** Who is acting, as the activity log names them. */
const actorOf = (c: Context<AppEnv>) => (c.var.principal.kind === 'user' ? c.var.user.email : `API key ${c.var.principal.id}`);
const tagged = json(
  z.object({ response, run: analysisRun.nullable().describe('The re-analysis started because the learned examples changed, or null') }),
  'The response with its themes now',
);

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
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Responses, newest first, filtered, with cursor pagination',
      request: { query: responseListQuery },
      responses: { 200: json(pageOf(response), 'A page of responses'), ...errors(400), ...managedErrors },
    }),
    async (c) => c.json(await listResponses(c.var.db, c.var.workspace.id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/counts',
      summary: 'How many responses match the filters, and per facet value under the other filters',
      description: 'Takes the filters of `GET /api/v1/responses`. Each facet (hasComment, scoreBand, sentiment, loopStatus, assignee) is counted without its own filter, so the inbox\'s chips show what choosing each value gives.',
      request: { query: responseCountsQuery },
      responses: { 200: json(responseCounts, 'The counts'), ...errors(400), ...managedErrors },
    }),
    async (c) => c.json(await countResponses(c.var.db, c.var.workspace.id, c.req.valid('query')), 200),
  )
  // Streamed in keyset pages with backpressure, so exporting a million responses takes
  // constant memory (bench/export.bench.ts measures it).
  .openapi(
    createRoute({
      method: 'get',
      path: '/export',
      summary: 'Export responses as CSV or JSON Lines, streamed',
      request: { query: exportQuery },
      responses: {
        200: {
          description: 'The responses as an attachment: CSV (`format=csv`, a header line then one line per response) or JSON Lines (`format=jsonl`, one Response object per line)',
          headers: { 'Content-Disposition': { description: 'attachment; filename="responses.csv" (or .jsonl)', schema: { type: 'string' } } },
          content: {
            'text/csv': { schema: z.string().meta({ example: `${csvColumns.join(',')}\r\n` }) },
            'application/x-ndjson': { schema: response },
          },
        },
        ...errors(400),
        ...managedErrors,
      },
    }),
    (c) => {
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
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One response with its notes, its close-the-loop activity and whether a reply can be sent',
      request: { params: responseId },
      responses: { 200: json(responseDetail, 'The response'), ...errors(400, 404), ...managedErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await getResponse(c.var.db, c.var.workspace.id, id);
      const ws = c.var.workspace.id;
      const [notes, activity, reply] = await Promise.all([listNotes(c.var.db, ws, id), listActivity(c.var.db, ws, id), replyOption(c.var.db, ws, row, c.var.mail)]);
      return c.json({ ...serializeResponse(row), notes: notes.map(present), activity: activity.map(presentEvent), reply }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}/loop',
      summary: 'Close-the-loop status (with a resolution when closing) and assignee (a member); each change is logged',
      request: { params: responseId, body: jsonBody(loopPatch) },
      responses: { 200: json(response, 'The response changed'), ...bodyErrors, ...errors(404, 409, 422) },
    }),
    async (c) => c.json(serializeResponse(await updateLoop(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json'), actorOf(c))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reply',
      summary: "Email the respondent (their contact's or `email` attribute's address) through the configured transport; logged",
      request: { params: responseId, body: jsonBody(replyInput) },
      responses: { 201: json(loopEvent, 'The reply, as logged'), ...bodyErrors, ...errors(404, 409, 422) },
    }),
    async (c) => {
      const replyTo = c.var.principal.kind === 'user' ? c.var.user.email : undefined;
      const event = await sendReply(c.var.db, c.var.mail, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json'), { name: actorOf(c), replyTo });
      return c.json(presentEvent(event), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/notes',
      summary: 'Add a close-the-loop note',
      request: { params: responseId, body: jsonBody(noteInput) },
      responses: { 201: json(note, 'The note added'), ...bodyErrors, ...errors(404) },
    }),
    async (c) => {
      const added = await addNote(c.var.db, c.var.workspace.id, c.req.valid('param').id, actorOf(c), c.req.valid('json').text);
      return c.json(present(added), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/themes',
      summary: "Add a theme to the response's comment (a confirmed example the workspace's model learns from)",
      request: { params: responseId, body: jsonBody(z.strictObject({ key: themeKey })) },
      responses: { 200: tagged, ...bodyErrors, ...errors(404, 409) },
    }),
    async (c) => c.json(await tag(c, c.req.valid('param').id, c.req.valid('json').key, true), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/themes/{key}',
      summary: "Remove a theme from the response's comment; re-analysis keeps it removed",
      request: { params: responseId.extend({ key: themeKey }) },
      responses: { 200: tagged, ...errors(400, 404, 409, 422), ...managedErrors },
    }),
    async (c) => c.json(await tag(c, c.req.valid('param').id, c.req.valid('param').key, false), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a response (and take it out of the rollups)',
      request: { params: responseId },
      responses: { ...noContent, ...errors(400, 404), ...managedErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deleteResponse(c.var.db, c.var.workspace.id, id))) throw notFound('response', id);
      await forgetSnapshots(c.var.db, c.var.workspace.id); // the past changed: account health is recomputed
      return c.body(null, 204);
    },
  );
