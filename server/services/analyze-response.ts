import { and, isNull, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, type ResponseAnalysis, type ResponseRow } from '../../db/schema';
import { analyzeComment } from '../analysis/comment';
import { contextForAnalysis, type AnalysisContext } from './themes';
import { storeAnalysis } from './ingest';
import { readResponse } from './guarded-write';

export { analyzeComment };

/** Where a comment's analysis runs: this thread, or a worker-thread pool on Node (server/analysis-pool.ts). */
export type Analyzer = (comment: string, context: AnalysisContext) => Promise<ResponseAnalysis>;
export const analyzeInThread: Analyzer = async (comment, context) => analyzeComment(comment, context);

/** Runs sentiment and theme assignment on one response's comment and stores the result. */
export async function analyzeResponse(db: Db, workspaceId: string, responseId: string, analyze: Analyzer = analyzeInThread, stored?: ResponseRow): Promise<boolean> {
  const row = stored ?? (await readResponse(db, workspaceId, responseId));
  if (!row?.comment) return false;
  const context = await contextForAnalysis(db, workspaceId);
  return storeAnalysis(db, workspaceId, responseId, row.comment, await analyze(row.comment, context), Date.now(), row);
}

const SWEEP_CONCURRENCY = 32;

/**
 * Analyses comments that were acknowledged but never analysed (the process stopped before
 * its queue drained, or they were seeded). Returns how many it analysed.
 */
export async function analyzePending(db: Db, limit = 20_000, analyze: Analyzer = analyzeInThread): Promise<number> {
  const pending = await db
    .select()
    .from(responses)
    .where(and(isNull(responses.analyzedAt), isNotNull(responses.comment)))
    .limit(limit);
  let done = 0;
  // Several writes in flight, so that a group commit (db/group-commit.ts) takes them together:
  // one at a time, every comment waited for its own fsync.
  for (let i = 0; i < pending.length; i += SWEEP_CONCURRENCY) {
    const stored = await Promise.all(
      pending.slice(i, i + SWEEP_CONCURRENCY).map(async (row) => {
        // Per row, not per sweep: a taxonomy changed mid-sweep must not be overwritten by the old one.
        const context = await contextForAnalysis(db, row.workspaceId);
        return storeAnalysis(db, row.workspaceId, row.id, row.comment!, await analyze(row.comment!, context), Date.now(), row);
      }),
    );
    done += stored.filter(Boolean).length;
  }
  return done;
}
