import { and, asc, count, desc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { analysisRuns, responses, type AnalysisRun } from '../../db/schema';
import type { Background } from '../env';
import { newId } from '../crypto';
import { notFound } from '../errors';
import { analyzeComment } from './analyze-response';
import { forgetTaxonomy, loadAnalysisContext } from './themes';
import { storeAnalysis } from './ingest';

/** Work per chunk: short enough for Workers' limits and to let ingestion's own tasks interleave on Node. */
const CHUNK_MS = 1000;
const PAGE = 200;
/** A runner that died keeps the lease this much past its chunk, then another may take over. */
const LEASE_SLACK_MS = 15_000;

export function presentRun(run: AnalysisRun) {
  return {
    id: run.id,
    status: run.status,
    total: run.total,
    processed: Math.min(run.processed, run.total),
    progress: run.total === 0 ? 1 : Math.min(1, run.processed / run.total),
    error: run.error,
    createdAt: new Date(run.createdAt).toISOString(),
    finishedAt: run.finishedAt === null ? null : new Date(run.finishedAt).toISOString(),
  };
}

/**
 * Starts re-analysing every comment of the workspace with the current taxonomy and learned
 * model (people's own tags are kept, see manual-themes.ts). A run
 * already going is restarted from the beginning, since the taxonomy it used is stale.
 */
export async function startRun(db: Db, workspaceId: string, now = Date.now()): Promise<AnalysisRun> {
  const [n] = await db.select({ n: count() }).from(responses).where(and(eq(responses.workspaceId, workspaceId), isNotNull(responses.comment)));
  const total = n?.n ?? 0;
  const [running] = await db
    .update(analysisRuns)
    .set({ total, processed: 0, cursor: null, updatedAt: now })
    .where(and(eq(analysisRuns.workspaceId, workspaceId), eq(analysisRuns.status, 'running')))
    .returning();
  if (running) return running;
  const [run] = await db
    .insert(analysisRuns)
    .values({ id: newId('run'), workspaceId, status: 'running', total, createdAt: now, updatedAt: now })
    .returning();
  return run!;
}

export async function getRun(db: Db, workspaceId: string, id: string): Promise<AnalysisRun> {
  const [run] = await db.select().from(analysisRuns).where(and(eq(analysisRuns.workspaceId, workspaceId), eq(analysisRuns.id, id)));
  if (!run) throw notFound('analysis_run', id);
  return run;
}

export const listRuns = (db: Db, workspaceId: string): Promise<AnalysisRun[]> =>
  db.select().from(analysisRuns).where(eq(analysisRuns.workspaceId, workspaceId)).orderBy(desc(analysisRuns.createdAt)).limit(20);

/** Re-analyses every comment of the workspace in the background (new comments imported, the learned model changed); returns the run. */
export async function reanalyze(db: Db, background: Background, workspaceId: string): Promise<AnalysisRun> {
  const run = await startRun(db, workspaceId);
  continueRun(db, background, run.id);
  return run;
}

/** The one answer to "the team changed the taxonomy": drop the cached one and re-analyse every comment with the new. */
export function taxonomyChanged(db: Db, background: Background, workspaceId: string): Promise<AnalysisRun> {
  forgetTaxonomy(db, workspaceId);
  return reanalyze(db, background, workspaceId);
}

/**
 * Processes the run for about CHUNK_MS under a lease, then schedules the next chunk. On
 * Workers a chain cut short by the platform resumes when its status is next read.
 */
export function continueRun(db: Db, background: Background, runId: string): void {
  background(async () => {
    const run = await advanceRun(db, runId);
    if (run?.status === 'running' && run.leaseUntil === null) continueRun(db, background, runId);
  });
}

/** One chunk of a run. Returns the run as it stands, or null if another runner holds it. */
export async function advanceRun(db: Db, runId: string, budgetMs = CHUNK_MS): Promise<AnalysisRun | null> {
  const start = Date.now();
  const [run] = await db
    .update(analysisRuns)
    .set({ leaseUntil: start + budgetMs + LEASE_SLACK_MS })
    .where(and(eq(analysisRuns.id, runId), eq(analysisRuns.status, 'running'), or(isNull(analysisRuns.leaseUntil), lt(analysisRuns.leaseUntil, start))))
    .returning();
  if (!run) return null;
  try {
    const context = await loadAnalysisContext(db, run.workspaceId);
    let { processed, cursor } = run;
    let finished = false;
    while (Date.now() - start < budgetMs) {
      const after = cursor ? parseCursor(cursor) : null;
      const page = await db
        .select()
        .from(responses)
        .where(
          and(
            eq(responses.workspaceId, run.workspaceId),
            isNotNull(responses.comment),
            after ? or(gt(responses.createdAt, after.at), and(eq(responses.createdAt, after.at), gt(responses.id, after.id))) : undefined,
          ),
        )
        .orderBy(asc(responses.createdAt), asc(responses.id))
        .limit(PAGE);
      for (const row of page) await storeAnalysis(db, run.workspaceId, row.id, row.comment!, analyzeComment(row.comment!, context), Date.now(), row);
      processed += page.length;
      const last = page[page.length - 1];
      if (last) cursor = `${last.createdAt}:${last.id}`;
      if (page.length < PAGE) {
        finished = true;
        break;
      }
    }
    const now = Date.now();
    const [updated] = await db
      .update(analysisRuns)
      .set({
        processed,
        cursor,
        leaseUntil: null,
        updatedAt: now,
        ...(finished ? { status: 'done' as const, finishedAt: now, processed: Math.max(processed, run.total) } : {}),
      })
      // A restart (startRun) while this chunk ran resets the cursor; keep its reset.
      .where(and(eq(analysisRuns.id, runId), sql`${analysisRuns.updatedAt} = ${run.updatedAt}`))
      .returning();
    return updated ?? (await db.update(analysisRuns).set({ leaseUntil: null }).where(eq(analysisRuns.id, runId)).returning())[0] ?? null;
  } catch (err) {
    await db.update(analysisRuns).set({ status: 'failed', error: String(err), leaseUntil: null, finishedAt: Date.now() }).where(eq(analysisRuns.id, runId));
    throw err;
  }
}

function parseCursor(cursor: string): { at: number; id: string } {
  const i = cursor.indexOf(':');
  return { at: Number(cursor.slice(0, i)), id: cursor.slice(i + 1) };
}
