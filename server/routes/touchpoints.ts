import { managed } from '../middleware/managed';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { invalid } from '../validate';
import { idParam, touchpointInput, touchpointPatch } from '../schemas/management';
import { slugId } from '../schemas/survey-config';
import {
  createTouchpoint,
  deleteTouchpoint,
  getTouchpoint,
  listTouchpoints,
  reorderTouchpoints,
  updateTouchpoint,
} from '../queries/touchpoints';

export const touchpointRoutes = managed()
  .get('/', async (c) => c.json({ data: await listTouchpoints(c.var.db, c.var.workspace.id) }))
  .post('/', zValidator('json', touchpointInput, invalid), async (c) =>
    c.json(await createTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('json')), 201),
  )
  .put('/order', zValidator('json', z.strictObject({ ids: z.array(slugId).max(500) }), invalid), async (c) =>
    c.json({ data: await reorderTouchpoints(c.var.db, c.var.workspace.id, c.req.valid('json').ids) }),
  )
  .get('/:id', zValidator('param', idParam, invalid), async (c) =>
    c.json(await getTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id)),
  )
  .patch('/:id', zValidator('param', idParam, invalid), zValidator('json', touchpointPatch, invalid), async (c) =>
    c.json(await updateTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json'))),
  )
  .delete('/:id', zValidator('param', idParam, invalid), async (c) => {
    await deleteTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
