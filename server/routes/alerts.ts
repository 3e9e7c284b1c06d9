import { createRoute } from '@hono/zod-openapi';
import { managed } from '../middleware/managed';
import { idParam } from '../schemas/management';
import { alertListQuery } from '../schemas/alerts';
import { alert, pageOf } from '../schemas/resources';
import { errors, json, managedErrors } from '../openapi/responses';
import { getAlert, listAlerts, serializeAlert } from '../queries/alerts';

/** Alerts raised by the workspace's rules, newest first (read-only). */
export const alertRoutes = managed()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Alerts, newest first, filtered by rule, kind, touchpoint and date, with cursor pagination',
      request: { query: alertListQuery },
      responses: { 200: json(pageOf(alert), 'A page of alerts'), ...errors(400), ...managedErrors },
    }),
    async (c) => c.json(await listAlerts(c.var.db, c.var.workspace.id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', summary: 'One alert', request: { params: idParam }, responses: { 200: json(alert, 'The alert'), ...errors(400, 404), ...managedErrors } }),
    async (c) => c.json(serializeAlert(await getAlert(c.var.db, c.var.workspace.id, c.req.valid('param').id)), 200),
  );
