import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { managed } from '../middleware/managed';
import { analysisRun } from '../schemas/resources';
import { errors, json, listOf, managedErrors } from '../openapi/responses';
import { continueRun, getRun, listRuns, presentRun, reanalyze } from '../services/analysis-runs';

const idParam = z.object({ id: z.string().min(1).max(64) });

/** Re-analysis of a workspace's comments over history, with progress. */
export const analysisRunRoutes = managed()
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Recent re-analysis runs', responses: { 200: json(listOf(analysisRun), 'The runs, newest first'), ...managedErrors } }),
    async (c) => c.json({ data: (await listRuns(c.var.db, c.var.workspace.id)).map(presentRun) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Re-analyse every comment with the current taxonomy',
      responses: { 202: json(analysisRun, 'The run started (or the one already running); poll GET /api/v1/analysis/runs/{id}'), ...errors(413, 415), ...managedErrors },
    }),
    async (c) => {
      const run = await reanalyze(c.var.db, c.var.background, c.var.workspace.id);
      return c.json(presentRun(run), 202);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', summary: 'Progress of a re-analysis run', request: { params: idParam }, responses: { 200: json(analysisRun, 'The run'), ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const run = await getRun(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      // Reading a stalled run (its runner was stopped) resumes it.
      if (run.status === 'running' && (run.leaseUntil === null || run.leaseUntil < Date.now())) continueRun(c.var.db, c.var.background, run.id);
      return c.json(presentRun(run), 200);
    },
  );
