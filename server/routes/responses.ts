import { managed } from '../middleware/managed';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { invalid } from '../validate';
import { responseListQuery } from '../schemas/response';
import { getResponse, listResponses, serializeResponse } from '../queries/responses';
import { deleteResponse } from '../services/ingest';
import { notFound } from '../errors';

const responseId = z.object({ id: z.string().min(1).max(64) });

export const responseRoutes = managed()
  .get('/', zValidator('query', responseListQuery, invalid), async (c) =>
    c.json(await listResponses(c.var.db, c.var.workspace.id, c.req.valid('query'))),
  )
  .get('/:id', zValidator('param', responseId, invalid), async (c) =>
    c.json(serializeResponse(await getResponse(c.var.db, c.var.workspace.id, c.req.valid('param').id))),
  )
  .delete('/:id', zValidator('param', responseId, invalid), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteResponse(c.var.db, c.var.workspace.id, id))) throw notFound('response', id);
    return c.body(null, 204);
  });
