import { managed } from '../middleware/managed';
import { z } from 'zod';
import { validate } from '../validate';
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
  .post('/', validate('json', touchpointInput), async (c) =>
    c.json(present(await createTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .put('/order', validate('json', z.strictObject({ ids: z.array(slugId).max(500) })), async (c) =>
    c.json({ data: (await reorderTouchpoints(c.var.db, c.var.workspace.id, c.req.valid('json').ids)).map(present) }),
  )
  .get('/:id', validate('param', idParam), async (c) =>
    c.json(present(await getTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id))),
  )
  .patch('/:id', validate('param', idParam), validate('json', touchpointPatch), async (c) =>
    c.json(present(await updateTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json')))),
  )
  .delete('/:id', validate('param', idParam), async (c) => {
    await deleteTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
