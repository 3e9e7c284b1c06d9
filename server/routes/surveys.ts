import { managed } from '../middleware/managed';
import { z } from 'zod';
import { validate } from '../validate';
import { present } from '../queries/present';
import { idParam, surveyInput, surveyPatch } from '../schemas/management';
import { slugId } from '../schemas/survey-config';
import { surveyStatuses } from '../../db/schema';
import { createSurvey, deleteSurvey, getSurvey, listSurveys, updateSurvey } from '../queries/surveys';

const listQuery = z.strictObject({ status: z.enum(surveyStatuses).optional(), touchpoint: slugId.optional() });

export const surveyRoutes = managed()
  .get('/', validate('query', listQuery), async (c) =>
    c.json({ data: (await listSurveys(c.var.db, c.var.workspace.id, c.req.valid('query'))).map(present) }),
  )
  .post('/', validate('json', surveyInput), async (c) =>
    c.json(present(await createSurvey(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .get('/:id', validate('param', idParam), async (c) =>
    c.json(present(await getSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id))),
  )
  .patch('/:id', validate('param', idParam), validate('json', surveyPatch), async (c) =>
    c.json(present(await updateSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json')))),
  )
  .delete('/:id', validate('param', idParam), async (c) => {
    await deleteSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
