import { createRoute } from '@hono/zod-openapi';
import { managed } from '../middleware/managed';
import { listSightings } from '../queries/widget-sightings';
import { widgetLoad } from '../schemas/activation';
import { json, listOf, managedErrors } from '../openapi/responses';

/** The install check: the origins the widget loaded its surveys on in the last 90 days, most recent first. */
export const widgetLoadRoutes = managed().openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Install check: the origins the widget loaded on in the last 90 days, most recent first',
    responses: { 200: json(listOf(widgetLoad), 'The origins'), ...managedErrors },
  }),
  async (c) => {
    const seen = await listSightings(c.var.db, c.var.workspace.id, 'origin', Date.now());
    return c.json({ data: seen.map(({ value, firstSeen, lastSeen }) => ({ origin: value, firstSeen, lastSeen })) }, 200);
  },
);
