import { and, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { responses } from '../../db/schema';
import { managed } from '../middleware/managed';
import { createRoute } from '@hono/zod-openapi';
import { response } from '../schemas/resources';
import { errors, json, managedErrors } from '../openapi/responses';
import { idText } from '../schemas/text';
import { serializeResponse } from '../queries/responses';
import { deleteResponse } from '../services/ingest';

const param = z.object({ respondentId: idText(200) });

const byRespondent = (ws: string, rid: string) =>
  and(eq(responses.workspaceId, ws), or(eq(responses.respondentId, rid), eq(responses.anonymousId, rid)));

/**
 * Privacy requests about one respondent (by respondent or anonymous id): export everything
 * stored about them, or erase it (their responses leave the rollups too).
 */
export const respondentRoutes = managed('editor')
  .openapi(
    createRoute({
      method: 'get',
      path: '/{respondentId}/export',
      summary: 'Everything stored about one respondent',
      request: { params: param },
      responses: {
        200: {
          ...json(z.object({ respondentId: z.string(), exportedAt: z.string(), responses: z.array(response) }).meta({ id: 'RespondentExport' }), 'Their responses, as an attachment'),
          headers: { 'Content-Disposition': { description: 'attachment; filename="respondent-export.json"', schema: { type: 'string' } } },
        },
        ...errors(400),
        ...managedErrors,
      },
    }),
    async (c) => {
      const rid = c.req.valid('param').respondentId;
      const rows = await c.var.db.select().from(responses).where(byRespondent(c.var.workspace.id, rid)).orderBy(responses.createdAt);
      c.header('Content-Disposition', `attachment; filename="respondent-export.json"`);
      return c.json({ respondentId: rid, exportedAt: new Date().toISOString(), responses: rows.map(serializeResponse) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{respondentId}',
      summary: "Erase one respondent's responses",
      request: { params: param },
      responses: { 200: json(z.object({ respondentId: z.string(), deleted: z.number().int() }), 'How many responses were erased'), ...errors(400), ...managedErrors },
    }),
    async (c) => {
      const ws = c.var.workspace.id;
      const rid = c.req.valid('param').respondentId;
      const rows = await c.var.db.select({ id: responses.id }).from(responses).where(byRespondent(ws, rid));
      let deleted = 0;
      for (const r of rows) if (await deleteResponse(c.var.db, ws, r.id)) deleted++;
      return c.json({ respondentId: rid, deleted }, 200);
    },
  );
