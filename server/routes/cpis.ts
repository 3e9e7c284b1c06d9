import { managed } from '../middleware/managed';
import { zValidator } from '@hono/zod-validator';
import { invalid } from '../validate';
import { present } from '../queries/present';
import { cpiInput, cpiPatch, idParam } from '../schemas/management';
import { createCpi, deleteCpi, getCpi, listCpis, updateCpi } from '../queries/cpis';

export const cpiRoutes = managed()
  .get('/', async (c) => c.json({ data: (await listCpis(c.var.db, c.var.workspace.id)).map(present) }))
  .post('/', zValidator('json', cpiInput, invalid), async (c) =>
    c.json(present(await createCpi(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .get('/:id', zValidator('param', idParam, invalid), async (c) =>
    c.json(present(await getCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id))),
  )
  .patch('/:id', zValidator('param', idParam, invalid), zValidator('json', cpiPatch, invalid), async (c) =>
    c.json(present(await updateCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json')))),
  )
  .delete('/:id', zValidator('param', idParam, invalid), async (c) => {
    await deleteCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
