import { createRoute } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { managed } from '../middleware/managed';
import { breakdownQuery, comparedQuery, metricsQuery } from '../schemas/metrics';
import { breakdownMetrics, cesMetrics, cpiMetrics, csatMetrics, driverMetrics, journeyMetrics, npsMetrics, sentimentMetrics, themeMetrics } from '../schemas/metrics-out';
import { errors, json, managedErrors } from '../openapi/responses';
import { getBreakdown } from '../queries/metrics-breakdown';
import { resolvePeriods, getCesCompared, getCpiCompared, getCsatCompared, getJourneyCompared, getNpsCompared, getSentimentCompared, getThemesCompared } from '../queries/metrics-compare';
import { getDrivers } from '../queries/metrics-drivers';
import { resolveScope } from '../queries/metrics-source';

const metric = <P extends string, T extends ZodType>(path: P, summary: string, schema: T) =>
  createRoute({ method: 'get', path, summary, request: { query: metricsQuery }, responses: { 200: json(schema, summary), ...errors(400), ...managedErrors } });
/** An endpoint that also answers for a comparison period (`compare=previous`, or `compareFrom` and `compareTo`). */
const comparable = <P extends string, T extends ZodType>(path: P, summary: string, schema: T) =>
  createRoute({ method: 'get', path, summary: `${summary}; optionally against a comparison period`, request: { query: comparedQuery }, responses: { 200: json(schema, summary), ...errors(400), ...managedErrors } });

/** Dashboard metrics, read from the hourly and daily rollups (see docs/METRICS.md). */
export const metricsRoutes = managed()
  .openapi(comparable('/nps', 'NPS with promoters, passives, detractors, n and 95 % margin, in total and per bucket', npsMetrics), async (c) =>
    c.json(await getNpsCompared(c.var.db, await resolvePeriods(c.var.db, c.var.workspace, c.req.valid('query'))), 200),
  )
  .openapi(comparable('/csat', 'CSAT (share of 4–5) with n and margin, in total and per bucket', csatMetrics), async (c) =>
    c.json(await getCsatCompared(c.var.db, await resolvePeriods(c.var.db, c.var.workspace, c.req.valid('query'))), 200),
  )
  .openapi(comparable('/ces', 'CES mean and share ≥ 5, in total and per bucket', cesMetrics), async (c) =>
    c.json(await getCesCompared(c.var.db, await resolvePeriods(c.var.db, c.var.workspace, c.req.valid('query'))), 200),
  )
  .openapi(comparable('/sentiment', 'Mean sentiment and label shares per bucket', sentimentMetrics), async (c) =>
    c.json(await getSentimentCompared(c.var.db, await resolvePeriods(c.var.db, c.var.workspace, c.req.valid('query'))), 200),
  )
  .openapi(comparable('/journey', 'Touchpoints in journey order with NPS, CSAT and the change from the previous one', journeyMetrics), async (c) =>
    c.json(await getJourneyCompared(c.var.db, await resolvePeriods(c.var.db, c.var.workspace, c.req.valid('query'))), 200),
  )
  .openapi(comparable('/cpi', 'CPI attainment per touchpoint × CPI with Wilson interval, target and status', cpiMetrics), async (c) =>
    c.json(await getCpiCompared(c.var.db, await resolvePeriods(c.var.db, c.var.workspace, c.req.valid('query'))), 200),
  )
  .openapi(comparable('/themes', 'Themes with share of comments, mean sentiment, NPS impact and trend', themeMetrics), async (c) =>
    c.json(await getThemesCompared(c.var.db, await resolvePeriods(c.var.db, c.var.workspace, c.req.valid('query'), false)), 200),
  )
  .openapi(
    metric('/drivers', 'Key drivers: per CPI NPS(yes) − NPS(no) and attainment, per theme NPS impact and sentiment, with 95 % intervals', driverMetrics),
    async (c) => c.json(await getDrivers(c.var.db, resolveScope(c.var.workspace, c.req.valid('query'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/breakdown',
      summary: 'One metric per value of a segment key, each against the rest, from segment rollups',
      request: { query: breakdownQuery },
      responses: { 200: json(breakdownMetrics, 'The groups, their n adding up to the total'), ...errors(400, 409), ...managedErrors },
    }),
    async (c) => {
      const { metric, by, ...q } = c.req.valid('query');
      return c.json(await getBreakdown(c.var.db, resolveScope(c.var.workspace, q), metric, by), 200);
    },
  );
