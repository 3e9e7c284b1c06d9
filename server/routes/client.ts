import { createRoute } from '@hono/zod-openapi';
import { etag } from 'hono/etag';
import { z } from 'zod';
import { publicKeyAuth } from '../middleware/public-key';
import { limitBody } from '../middleware/body-limit';
import { textBodyAsJson } from '../validate';
import { documentedRouter } from '../openapi/router';
import { errors, json } from '../openapi/responses';
import { survey } from '../schemas/resources';
import { clientSurvey, listSurveys } from '../queries/surveys';
import { responseSubmission } from '../schemas/response';
import { submitResponse } from '../services/ingest';
import { analyzeLater } from '../services/analysis-queue';
import { announceResponse } from '../webhooks/events';
import { workspaceSettings } from '../contracts/survey-config';
import { clientKey, countRequest, dropStaleCounters, STALE_SWEEP_CHANCE } from '../services/rate-limit';

const keyParam = z.object({ publicKey: z.string().min(1).max(100) });

const clientSurveySchema = survey
  .omit({ status: true, createdAt: true, updatedAt: true })
  .extend({ updatedAt: z.number().int().describe('ms since the epoch: the widget compares it with what it cached') })
  .meta({ id: 'ClientSurvey' });
const activeSurveys = z.object({ workspace: z.object({ recontactDays: z.number().int() }), surveys: z.array(clientSurveySchema) });
const submissionBody = {
  required: true,
  description: 'Sent as text/plain by the widget (no CORS preflight); application/json is read the same',
  content: { 'application/json': { schema: responseSubmission }, 'text/plain': { schema: responseSubmission } },
};
const corsHeaders = { 'Access-Control-Allow-Origin': { description: 'The Origin, when the workspace allows it', schema: { type: 'string' as const } } };

const clientRouter = documentedRouter();
clientRouter.use('/:publicKey/*', publicKeyAuth);

/** The public API the widget calls, authorised by the workspace's public key and origin. */
export const clientRoutes = clientRouter
  .openapi(
    createRoute({
      method: 'get',
      path: '/{publicKey}/surveys',
      summary: 'Active surveys of the workspace, for the widget (public key)',
      middleware: [etag()] as const,
      request: { params: keyParam },
      responses: {
        200: { ...json(activeSurveys, 'The active surveys'), headers: { ...corsHeaders, ETag: { description: 'For If-None-Match', schema: { type: 'string' } } } },
        304: { description: 'Not modified since the ETag sent in If-None-Match' },
        ...errors(400, 403, 404),
      },
    }),
    async (c) => {
      const ws = c.var.workspace;
      const active = await listSurveys(c.var.db, ws.id, { status: 'active' });
      // Cacheable: a page with no survey due costs one small, usually cached, request.
      c.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
      return c.json(
        {
          workspace: { recontactDays: workspaceSettings.parse(ws.settings).recontactDays },
          surveys: active.map(clientSurvey),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{publicKey}/responses',
      summary: 'Create a response, or complete a partial one under the same id (public key)',
      middleware: [limitBody(64 * 1024), textBodyAsJson] as const,
      request: { params: keyParam, body: submissionBody },
      responses: {
        200: { ...json(z.object({ id: z.string(), status: z.enum(['partial', 'complete']) }), 'Committed'), headers: corsHeaders },
        ...errors(400, 403, 404, 409, 413, 415, 422, 429),
      },
    }),
    async (c) => {
      const ws = c.var.workspace;
      const settings = workspaceSettings.parse(ws.settings);
      const limits = countRequest([
        { key: `ingest:${ws.id}:${await clientKey(c, ws.id)}`, max: settings.clientRateLimit, windowSeconds: 60 },
        { key: `ingest:${ws.id}`, max: settings.workspaceRateLimit, windowSeconds: 60 },
      ]);
      const result = await submitResponse(c.var.db, ws.id, c.req.valid('json'), Date.now(), limits);
      const db = c.var.db;
      if (Math.random() < STALE_SWEEP_CHANCE) c.var.background(() => dropStaleCounters(db));
      if (result.analyze) analyzeLater(c, ws.id, result.id, result.stored);
      announceResponse(c, ws.id, result.id, result.events);
      return c.json({ id: result.id, status: result.status }, 200);
    },
  );
