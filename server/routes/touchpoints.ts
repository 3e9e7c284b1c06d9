import { managed } from '../middleware/managed';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { invalid } from '../validate';
import { present } from '../queries/present';
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
  .get('/', async (c) => c.json({ data: (await listTouchpoints(c.var.db, c.var.workspace.id)).map(present) }))
  .post('/', zValidator('json', touchpointInput, invalid), async (c) =>
    c.json(present(await createTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .put('/order', zValidator('json', z.strictObject({ ids: z.array(slugId).max(500) }), invalid), async (c) =>
    c.json({ data: (await reorderTouchpoints(c.var.db, c.var.workspace.id, c.req.valid('json').ids)).map(present) }),
  )
  .get('/:id', zValidator('param', idParam, invalid), async (c) =>
    c.json(present(await getTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id))),
  )
  .patch('/:id', zValidator('param', idParam, invalid), zValidator('json', touchpointPatch, invalid), async (c) =>
    c.json(present(await updateTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json')))),
  )
  .delete('/:id', zValidator('param', idParam, invalid), async (c) => {
    await deleteTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
