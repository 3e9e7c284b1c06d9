import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { idParam } from '../schemas/management';
import { alertListQuery } from '../schemas/alerts';
import { getAlert, listAlerts, serializeAlert } from '../queries/alerts';

/** Alerts raised by the workspace's rules, newest first (read-only). */
export const alertRoutes = managed()
  .get('/', validate('query', alertListQuery), async (c) => c.json(await listAlerts(c.var.db, c.var.workspace.id, c.req.valid('query'))))
  .get('/:id', validate('param', idParam), async (c) => c.json(serializeAlert(await getAlert(c.var.db, c.var.workspace.id, c.req.valid('param').id))));
