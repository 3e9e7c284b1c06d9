import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { documentedRouter } from './openapi/router';
import { json } from './openapi/responses';
import type { AppDeps } from './env';
import { ApiError, renderError } from './errors';
import { analyzeInThread } from './services/analyze-response';
import { buildOpenApi } from './openapi/document';
import { clientRoutes } from './routes/client';
import { touchpointRoutes } from './routes/touchpoints';
import { cpiRoutes } from './routes/cpis';
import { surveyRoutes } from './routes/surveys';
import { responseRoutes } from './routes/responses';
import { metricsRoutes } from './routes/metrics';
import { workspaceCreationRoutes, workspaceRoutes } from './routes/workspace';
import { themeRoutes } from './routes/themes';
import { authRoutes } from './routes/auth';
import { apiKeyRoutes, invitationRoutes, memberRoutes } from './routes/access';
import { respondentRoutes } from './routes/respondents';
import { webhookRoutes } from './routes/webhooks';
import { alertRuleRoutes } from './routes/alert-rules';
import { alertRoutes } from './routes/alerts';
import { importRoutes } from './routes/imports';
import { analysisRunRoutes } from './routes/analysis-runs';
import { accountRoutes } from './routes/accounts';
import { digestRoutes, digestSubscriptionRoutes } from './routes/digest';
import { pageRoutes } from './routes/pages';
import { apiDocsRoutes } from './routes/api-docs';
import { refusedOriginRoutes } from './routes/refused-origins';
import { widgetLoadRoutes } from './routes/widget-loads';
import { contactImportRoutes, contactRoutes } from './routes/contacts';
import { bounceRoutes, surveyRequestRoutes } from './routes/survey-requests';
import { emailPageRoutes } from './routes/email-pages';
import { delightedRoutes } from './routes/delighted';
import { shareLinkRoutes, sharedRoutes } from './routes/share-links';
import { autopilotImportRoutes, autopilotRoutes } from './routes/autopilot';

/**
 * The Chorus HTTP app, shared by the Node and Workers entries; each runtime passes in how
 * to reach the database and how to run work after a response.
 */
export function createApp(deps: AppDeps) {
  const logError = deps.logError ?? ((err: unknown) => console.error(err));
  const root = documentedRouter();
  const app = root
    .use(async (c, next) => {
      c.set('db', deps.db(c.env));
      let ctx: { waitUntil?: (p: Promise<unknown>) => void } | undefined;
      try {
        ctx = c.executionCtx;
      } catch {
        ctx = undefined; // Node has no execution context.
      }
      const background = deps.background(ctx);
      c.set('background', background);
      c.set('analysis', deps.analysis?.(background) ?? { later: background, analyze: analyzeInThread });
      c.set('clientIp', deps.clientIp?.(c));
      c.set('webhooks', deps.webhooks?.(c.env) ?? {});
      c.set('publicUrl', deps.publicUrl?.(c.env));
      c.set('snapshotMaxAgeMs', deps.snapshotMaxAgeMs?.(c.env));
      c.set('mail', deps.mail?.(c.env));
      await next();
      // Responses carry user text (comments): never let a browser sniff them into HTML.
      c.header('X-Content-Type-Options', 'nosniff');
    })
    .use(deps.assets ?? ((_, next) => next()))
    // The backlog gauge: comments acknowledged and waiting for analysis (Node; Workers have no shared queue).
    .get('/health', (c) => c.json(deps.analysisBacklog ? { status: 'ok', analysisBacklog: deps.analysisBacklog() } : { status: 'ok' }))
    .route('/api/v1/client', clientRoutes)
    .route('/', pageRoutes)
    .route('/email', emailPageRoutes)
    .route('/api/v1/auth', authRoutes)
    .route('/api/v1/api-keys', apiKeyRoutes)
    .route('/api/v1/share-links', shareLinkRoutes)
    .route('/api/v1/shared', sharedRoutes)
    .route('/api/v1/members', memberRoutes)
    .route('/api/v1/invitations', invitationRoutes)
    .route('/api/v1/respondents', respondentRoutes)
    .route('/api/v1/webhooks', webhookRoutes)
    .route('/api/v1/alert-rules', alertRuleRoutes)
    .route('/api/v1/alerts', alertRoutes)
    .route('/api/v1/imports', importRoutes)
    .route('/api/v1/workspace', workspaceRoutes)
    .route('/api/v1/refused-origins', refusedOriginRoutes)
    .route('/api/v1/widget-loads', widgetLoadRoutes)
    .route('/api/v1/workspaces', workspaceCreationRoutes)
    .route('/api/v1/touchpoints', touchpointRoutes)
    .route('/api/v1/cpis', cpiRoutes)
    .route('/api/v1/surveys', surveyRoutes)
    .route('/api/v1/responses', responseRoutes)
    .route('/api/v1/metrics', metricsRoutes)
    .route('/api/v1/themes', themeRoutes)
    .route('/api/v1/analysis/runs', analysisRunRoutes)
    .route('/api/v1/accounts', accountRoutes)
    .route('/api/v1/digest/subscription', digestSubscriptionRoutes)
    .route('/api/v1/digest', digestRoutes)
    .route('/api/v1/contacts/import', contactImportRoutes)
    .route('/api/v1/contacts', contactRoutes)
    .route('/api/v1/survey-requests', surveyRequestRoutes)
    .route('/api/v1/bounces', bounceRoutes)
    // The CSV import first: its handler answers before the JSON-only rule of autopilotRoutes runs.
    .route('/api/v1/autopilot', autopilotImportRoutes)
    .route('/api/v1/autopilot', autopilotRoutes)
    .route('/api/delighted/v1', delightedRoutes);

  let openapi: ReturnType<typeof buildOpenApi> | undefined;
  app.route('/api/docs', apiDocsRoutes);
  root.openapi(
    createRoute({ method: 'get', path: '/api/openapi.json', summary: 'This document', responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI 3.1 description of this API') } }),
    (c) => c.json((openapi ??= buildOpenApi(root)), 200),
  );

  app.notFound((c) => renderError(new ApiError(404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), c, logError));
  app.onError((err, c) => renderError(err, c, logError));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
