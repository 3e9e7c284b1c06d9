import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { managed } from '../middleware/managed';
import { present } from '../queries/present';
import { idParam, touchpointInput, touchpointPatch } from '../schemas/management';
import { slugId } from '../contracts/survey-config';
import { touchpoint } from '../schemas/resources';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';
import {
  createTouchpoint,
  deleteTouchpoint,
  getTouchpoint,
  listTouchpoints,
  reorderTouchpoints,
  updateTouchpoint,
} from '../queries/touchpoints';

const journey = json(listOf(touchpoint), 'Touchpoints in journey order');

export const touchpointRoutes = managed()
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Touchpoints in journey order', responses: { 200: journey, ...managedErrors } }),
    async (c) => c.json({ data: (await listTouchpoints(c.var.db, c.var.workspace.id)).map(present) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a touchpoint (appended to the journey)',
      request: { body: jsonBody(touchpointInput) },
      responses: { 201: json(touchpoint, 'The touchpoint created'), ...bodyErrors },
    }),
    async (c) => c.json(present(await createTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/order',
      summary: 'Set the journey order',
      request: { body: jsonBody(z.strictObject({ ids: z.array(slugId).max(500) })) },
      responses: { 200: journey, ...bodyErrors },
    }),
    async (c) => c.json({ data: (await reorderTouchpoints(c.var.db, c.var.workspace.id, c.req.valid('json').ids)).map(present) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One touchpoint',
      request: { params: idParam },
      responses: { 200: json(touchpoint, 'The touchpoint'), ...errors(400, 404), ...managedErrors },
    }),
    async (c) => c.json(present(await getTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Change a touchpoint',
      request: { params: idParam, body: jsonBody(touchpointPatch) },
      responses: { 200: json(touchpoint, 'The touchpoint changed'), ...bodyErrors, ...errors(404) },
    }),
    async (c) => c.json(present(await updateTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a touchpoint without surveys',
      request: { params: idParam },
      responses: { ...noContent, ...errors(400, 404, 409), ...managedErrors },
    }),
    async (c) => {
      await deleteTouchpoint(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
