import { createRoute } from '@hono/zod-openapi';
import { managed } from '../middleware/managed';
import { present } from '../queries/present';
import { cpiInput, cpiPatch, idParam } from '../schemas/management';
import { cpi } from '../schemas/resources';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';
import { createCpi, deleteCpi, getCpi, listCpis, updateCpi } from '../queries/cpis';

export const cpiRoutes = managed()
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'CPIs with their per-touchpoint targets', responses: { 200: json(listOf(cpi), 'The CPIs'), ...managedErrors } }),
    async (c) => c.json({ data: (await listCpis(c.var.db, c.var.workspace.id)).map(present) }, 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/', summary: 'Create a CPI', request: { body: jsonBody(cpiInput) }, responses: { 201: json(cpi, 'The CPI created'), ...bodyErrors } }),
    async (c) => c.json(present(await createCpi(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', summary: 'One CPI', request: { params: idParam }, responses: { 200: json(cpi, 'The CPI'), ...errors(400, 404), ...managedErrors } }),
    async (c) => c.json(present(await getCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Change a CPI or replace its targets',
      request: { params: idParam, body: jsonBody(cpiPatch) },
      responses: { 200: json(cpi, 'The CPI changed'), ...bodyErrors, ...errors(404) },
    }),
    async (c) => c.json(present(await updateCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a CPI no survey asks about',
      request: { params: idParam },
      responses: { ...noContent, ...errors(400, 404, 409), ...managedErrors },
    }),
    async (c) => {
      await deleteCpi(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
