import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { publicKeyAuth } from '../middleware/public-key';
import { limitBody } from '../middleware/body-limit';
import { validate, validateJsonText } from '../validate';
import { clientSurvey, listSurveys } from '../queries/surveys';
import { responseSubmission } from '../schemas/response';
import { submitResponse } from '../services/ingest';
import { analyzeLater } from '../services/analysis-queue';
import { announceResponse } from '../webhooks/events';
import { workspaceSettings } from '../schemas/survey-config';
import { clientKey, countRequest, dropStaleCounters, STALE_SWEEP_CHANCE } from '../middleware/rate-limit';

const keyParam = z.object({ publicKey: z.string().min(1).max(100) });

/** The public API the widget calls, authorised by the workspace's public key and origin. */
export const clientRoutes = new Hono<AppEnv>()
  .use('/:publicKey/*', publicKeyAuth)
  .get('/:publicKey/surveys', validate('param', keyParam), etag(), async (c) => {
    const ws = c.var.workspace;
    const active = await listSurveys(c.var.db, ws.id, { status: 'active' });
    // Cacheable: a page with no survey due costs one small, usually cached, request.
    c.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
    return c.json({
      workspace: { recontactDays: workspaceSettings.parse(ws.settings).recontactDays },
      surveys: active.map(clientSurvey),
    });
  })
  .post(
    '/:publicKey/responses',
    limitBody(64 * 1024),
    validate('param', keyParam),
    validateJsonText(responseSubmission),
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
      return c.json({ id: result.id, status: result.status });
    },
  );
