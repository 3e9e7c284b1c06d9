import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { present } from '../queries/present';
import { cpiInput, cpiPatch, idParam } from '../schemas/management';
import { createCpi, deleteCpi, getCpi, listCpis, updateCpi } from '../queries/cpis';

export const cpiRoutes = managed()
  .get('/', async (c) => c.json({ data: (await listCpis(c.var.db, c.var.workspace.id)).map(present) }))
  .post('/', validate('json', cpiInput), async (c) =>
    c.json(present(await createCpi(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .get('/:id', validate('param', idParam), async (c) =>
    c.json(present(await getCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id))),
  )
  .patch('/:id', validate('param', idParam), validate('json', cpiPatch), async (c) =>
    c.json(present(await updateCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json')))),
  )
  .delete('/:id', validate('param', idParam), async (c) => {
    await deleteCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
