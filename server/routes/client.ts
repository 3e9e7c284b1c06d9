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
import { settingsOf, submitResponse } from '../services/ingest';
import { analyzeLater } from '../services/analysis-queue';
import { announceResponse } from '../webhooks/events';
import { quietUntil } from '../email/fatigue';
import { clientKey, countRequest, dropStaleCounters, STALE_SWEEP_CHANCE } from '../services/rate-limit';
import { noteSighting } from '../services/widget-sightings';
import { widgetOrigin } from '../middleware/origins';

const keyParam = z.object({ publicKey: z.string().min(1).max(100) });
const surveysQuery = z.object({ respondent: z.string().max(320).optional().describe("An identified respondent's email: the answer then says whether the contact budget holds them back (quietUntil)") });

const clientSurveySchema = survey
  .omit({ status: true, createdAt: true, updatedAt: true })
  .extend({ updatedAt: z.number().int().describe('ms since the epoch: the widget compares it with what it cached') })
  .meta({ id: 'ClientSurvey' });
const activeSurveys = z.object({
  workspace: z.object({ recontactDays: z.number().int() }),
  surveys: z.array(clientSurveySchema),
  quietUntil: z.number().int().nullable().optional().describe('With respondent: ms since the epoch until which the widget asks them nothing (emailed a survey within the contact budget), or null'),
});
const submissionBody = {
  required: true,
  description: 'Sent as text/plain by the widget (no CORS preflight); application/json is read the same',
  content: { 'application/json': { schema: responseSubmission }, 'text/plain': { schema: responseSubmission } },
};
const trackedEvent = z.strictObject({ name: z.string().min(1).max(100).describe('The name passed to chorus("track", name)') }).meta({ id: 'TrackedEvent' });
const eventBody = {
  required: true,
  description: 'Sent as text/plain by the widget (no CORS preflight); application/json is read the same',
  content: { 'application/json': { schema: trackedEvent }, 'text/plain': { schema: trackedEvent } },
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
      request: { params: keyParam, query: surveysQuery },
      responses: {
        200: { ...json(activeSurveys, 'The active surveys'), headers: { ...corsHeaders, ETag: { description: 'For If-None-Match', schema: { type: 'string' } } } },
        304: { description: 'Not modified since the ETag sent in If-None-Match' },
        ...errors(400, 403, 404),
      },
    }),
    async (c) => {
      const ws = c.var.workspace;
      const { respondent } = c.req.valid('query');
      const active = await listSurveys(c.var.db, ws.id, { status: 'active' });
      // The install check: where the widget loads (at most one background write an hour per origin).
      const origin = widgetOrigin(c.req.header('origin'), c.req.header('referer'), new URL(c.req.url).origin, ws.allowedOrigins);
      if (origin) noteSighting(c.var.db, c.var.background, ws.id, 'origin', origin);
      // Cacheable: a page with no survey due costs one small, usually cached, request. Named
      // respondents get their own answer (one indexed lookup more), kept in their browser only.
      c.header('Cache-Control', respondent ? 'private, max-age=60' : 'public, max-age=60, stale-while-revalidate=600');
      return c.json(
        {
          workspace: { recontactDays: settingsOf(ws).recontactDays },
          surveys: active.map(clientSurvey),
          ...(respondent ? { quietUntil: await quietUntil(c.var.db, ws, respondent, Date.now()) } : {}),
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
      const settings = settingsOf(ws);
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
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{publicKey}/events',
      summary: 'Report a track event the page sent, so activation checks know it fires (public key)',
      description: 'The widget reports each event name once per page view. Recorded at most once an hour per name, bounded per workspace; nothing else is stored.',
      middleware: [limitBody(1024), textBodyAsJson] as const,
      request: { params: keyParam, body: eventBody },
      responses: { 204: { description: 'Noted', headers: corsHeaders }, ...errors(400, 403, 404, 413, 415, 422) },
    }),
    (c) => {
      noteSighting(c.var.db, c.var.background, c.var.workspace.id, 'event', c.req.valid('json').name);
      return c.body(null, 204);
    },
  );
