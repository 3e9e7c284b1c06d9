import { and, isNull, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, type ResponseAnalysis } from '../../db/schema';
import { analyzeSentiment, assignThemes } from '../analysis';
import { contextForAnalysis, type AnalysisContext } from './themes';
import { storeAnalysis } from './ingest';
import { readResponse } from './guarded-write';

/** Sentiment and themes (keywords and learned) of one comment, as stored with its response. */
export const analyzeComment = (comment: string, context: AnalysisContext): ResponseAnalysis => ({
  sentiment: analyzeSentiment(comment),
  themes: assignThemes(comment, context.taxonomy, context.model ? { model: context.model } : {}),
});

/** Runs sentiment and theme assignment on one response's comment and stores the result. */
export async function analyzeResponse(db: Db, workspaceId: string, responseId: string): Promise<boolean> {
  const row = await readResponse(db, workspaceId, responseId);
  if (!row?.comment) return false;
  const context = await contextForAnalysis(db, workspaceId);
  return storeAnalysis(db, workspaceId, responseId, row.comment, analyzeComment(row.comment, context), Date.now(), row);
}

const SWEEP_CONCURRENCY = 32;

/**
 * Analyses comments that were acknowledged but never analysed (the process stopped before
 * its queue drained, or they were seeded). Returns how many it analysed.
 */
export async function analyzePending(db: Db, limit = 20_000): Promise<number> {
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
        return storeAnalysis(db, row.workspaceId, row.id, row.comment!, analyzeComment(row.comment!, context), Date.now(), row);
      }),
    );
    done += stored.filter(Boolean).length;
  }
  return done;
}
