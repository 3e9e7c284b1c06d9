import { and, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { responses } from '../../db/schema';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
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
  .get('/:respondentId/export', validate('param', param), async (c) => {
    const rid = c.req.valid('param').respondentId;
    const rows = await c.var.db.select().from(responses).where(byRespondent(c.var.workspace.id, rid)).orderBy(responses.createdAt);
    c.header('Content-Disposition', `attachment; filename="respondent-export.json"`);
    return c.json({ respondentId: rid, exportedAt: new Date().toISOString(), responses: rows.map(serializeResponse) });
  })
  .delete('/:respondentId', validate('param', param), async (c) => {
    const ws = c.var.workspace.id;
    const rid = c.req.valid('param').respondentId;
    const rows = await c.var.db.select({ id: responses.id }).from(responses).where(byRespondent(ws, rid));
    let deleted = 0;
    for (const r of rows) if (await deleteResponse(c.var.db, ws, r.id)) deleted++;
    return c.json({ respondentId: rid, deleted });
  });
