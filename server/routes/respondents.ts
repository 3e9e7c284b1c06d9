import { z } from 'zod';
import { managed } from '../middleware/managed';
import { createRoute } from '@hono/zod-openapi';
import { response } from '../schemas/resources';
import { errors, json, managedErrors } from '../openapi/responses';
import { idText } from '../contracts/text';
import { serializeResponse } from '../queries/responses';
import { deleteResponse } from '../services/ingest';
import { forgetSnapshots } from '../queries/account-snapshots';
import { respondentResponseIds, respondentResponses } from '../queries/respondents';

const param = z.object({ respondentId: idText(200) });

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
      const rows = await respondentResponses(c.var.db, c.var.workspace.id, rid);
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
      let deleted = 0;
      for (const id of await respondentResponseIds(c.var.db, ws, rid)) if (await deleteResponse(c.var.db, ws, id)) deleted++;
      // Erased answers must leave the account-health snapshots too (they are personal data).
      if (deleted > 0) await forgetSnapshots(c.var.db, ws);
      return c.json({ respondentId: rid, deleted }, 200);
    },
  );
