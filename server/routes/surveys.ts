import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { managed } from '../middleware/managed';
import { present } from '../queries/present';
import { idParam, surveyInput, surveyPatch } from '../schemas/management';
import { slugId } from '../contracts/survey-config';
import { survey } from '../schemas/resources';
import { surveyStatuses } from '../../db/schema';
import { createSurvey, deleteSurvey, getSurvey, listSurveys, updateSurvey } from '../queries/surveys';
import { activationCheck } from '../schemas/activation';
import { surveyActivationChecks } from '../services/activation-checks';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';

const listQuery = z.strictObject({ status: z.enum(surveyStatuses).optional(), touchpoint: slugId.optional() });

export const surveyRoutes = managed()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Surveys, optionally by status or touchpoint',
      request: { query: listQuery },
      responses: { 200: json(listOf(survey), 'The surveys'), ...errors(400), ...managedErrors },
    }),
    async (c) => c.json({ data: (await listSurveys(c.var.db, c.var.workspace.id, c.req.valid('query'))).map(present) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a survey',
      request: { body: jsonBody(surveyInput) },
      responses: { 201: json(survey, 'The survey created'), ...bodyErrors },
    }),
    async (c) => c.json(present(await createSurvey(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One survey',
      request: { params: idParam },
      responses: { 200: json(survey, 'The survey'), ...errors(400, 404), ...managedErrors },
    }),
    async (c) => c.json(present(await getSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/checks',
      summary: 'Activation checks: what would keep the survey from showing as intended once active',
      description:
        'Warnings, whatever the survey\'s status: an active survey that always shows first (one survey per page; page load before events, then priority, then the older survey), a site named by its URL rules that is not an allowed origin, and trigger events the widget has not reported in 90 days.',
      request: { params: idParam },
      responses: { 200: json(listOf(activationCheck), 'The warnings; empty when none'), ...errors(400, 404), ...managedErrors },
    }),
    async (c) => {
      const ws = c.var.workspace;
      return c.json({ data: await surveyActivationChecks(c.var.db, ws.id, ws.allowedOrigins, c.req.valid('param').id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Change a survey or its status',
      request: { params: idParam, body: jsonBody(surveyPatch) },
      responses: { 200: json(survey, 'The survey changed'), ...bodyErrors, ...errors(404, 409) },
    }),
    async (c) => c.json(present(await updateSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a survey without responses',
      request: { params: idParam },
      responses: { ...noContent, ...errors(400, 404, 409), ...managedErrors },
    }),
    async (c) => {
      await deleteSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
