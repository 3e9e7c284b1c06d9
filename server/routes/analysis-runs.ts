import { z } from 'zod';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { continueRun, getRun, listRuns, presentRun, startRun } from '../services/analysis-runs';

const idParam = z.object({ id: z.string().min(1).max(64) });

/** Re-analysis of a workspace's comments over history, with progress. */
export const analysisRunRoutes = managed()
  .get('/', async (c) => c.json({ data: (await listRuns(c.var.db, c.var.workspace.id)).map(presentRun) }))
  .post('/', async (c) => {
    const run = await startRun(c.var.db, c.var.workspace.id);
    continueRun(c.var.db, c.var.background, run.id);
    return c.json(presentRun(run), 202);
  })
  .get('/:id', validate('param', idParam), async (c) => {
    const run = await getRun(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    // Reading a stalled run (its runner was stopped) resumes it.
    if (run.status === 'running' && (run.leaseUntil === null || run.leaseUntil < Date.now())) continueRun(c.var.db, c.var.background, run.id);
    return c.json(presentRun(run));
  });
