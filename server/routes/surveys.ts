import { managed } from '../middleware/managed';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { invalid } from '../validate';
import { present } from '../queries/present';
import { idParam, surveyInput, surveyPatch } from '../schemas/management';
import { slugId } from '../schemas/survey-config';
import { surveyStatuses } from '../../db/schema';
import { createSurvey, deleteSurvey, getSurvey, listSurveys, updateSurvey } from '../queries/surveys';

const listQuery = z.strictObject({ status: z.enum(surveyStatuses).optional(), touchpoint: slugId.optional() });

export const surveyRoutes = managed()
  .get('/', zValidator('query', listQuery, invalid), async (c) =>
    c.json({ data: (await listSurveys(c.var.db, c.var.workspace.id, c.req.valid('query'))).map(present) }),
  )
  .post('/', zValidator('json', surveyInput, invalid), async (c) =>
    c.json(present(await createSurvey(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .get('/:id', zValidator('param', idParam, invalid), async (c) =>
    c.json(present(await getSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id))),
  )
  .patch('/:id', zValidator('param', idParam, invalid), zValidator('json', surveyPatch, invalid), async (c) =>
    c.json(present(await updateSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json')))),
  )
  .delete('/:id', zValidator('param', idParam, invalid), async (c) => {
    await deleteSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
