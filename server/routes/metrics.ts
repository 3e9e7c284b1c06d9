import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { breakdownQuery, metricsQuery } from '../schemas/metrics';
import { getBreakdown } from '../queries/metrics-breakdown';
import { getCes, getCsat, getNps, getSentiment } from '../queries/metrics';
import { getCpiMatrix } from '../queries/metrics-cpi';
import { getJourney } from '../queries/metrics-journey';
import { getThemes } from '../queries/metrics-themes';
import { getDrivers } from '../queries/metrics-drivers';
import { resolveScope, withSegments } from '../queries/metrics-source';

const query = validate('query', metricsQuery);

/** Dashboard metrics, read from the hourly and daily rollups (see docs/METRICS.md). */
export const metricsRoutes = managed()
  .get('/nps', query, async (c) => c.json(await getNps(c.var.db, await withSegments(c.var.db, resolveScope(c.var.workspace, c.req.valid('query'))))))
  .get('/csat', query, async (c) => c.json(await getCsat(c.var.db, await withSegments(c.var.db, resolveScope(c.var.workspace, c.req.valid('query'))))))
  .get('/ces', query, async (c) => c.json(await getCes(c.var.db, await withSegments(c.var.db, resolveScope(c.var.workspace, c.req.valid('query'))))))
  .get('/sentiment', query, async (c) => c.json(await getSentiment(c.var.db, await withSegments(c.var.db, resolveScope(c.var.workspace, c.req.valid('query'))))))
  .get('/journey', query, async (c) => c.json(await getJourney(c.var.db, await withSegments(c.var.db, resolveScope(c.var.workspace, c.req.valid('query'))))))
  .get('/cpi', query, async (c) => c.json(await getCpiMatrix(c.var.db, await withSegments(c.var.db, resolveScope(c.var.workspace, c.req.valid('query'))))))
  .get('/themes', query, async (c) => c.json(await getThemes(c.var.db, resolveScope(c.var.workspace, c.req.valid('query')))))
  .get('/drivers', query, async (c) => c.json(await getDrivers(c.var.db, resolveScope(c.var.workspace, c.req.valid('query')))))
  .get('/breakdown', validate('query', breakdownQuery), async (c) => {
    const { metric, by, ...q } = c.req.valid('query');
    return c.json(await getBreakdown(c.var.db, resolveScope(c.var.workspace, q), metric, by));
  });
