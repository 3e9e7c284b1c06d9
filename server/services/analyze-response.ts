import { and, eq, isNull, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses } from '../../db/schema';
import { analyzeSentiment, assignThemes } from '../analysis';
import { loadTaxonomy } from './themes';
import { storeAnalysis } from './ingest';

/** Runs sentiment and theme assignment on one response's comment and stores the result. */
export async function analyzeResponse(db: Db, workspaceId: string, responseId: string): Promise<boolean> {
  const row = await db.query.responses.findFirst({
    where: and(eq(responses.workspaceId, workspaceId), eq(responses.id, responseId)),
    columns: { comment: true },
  });
  if (!row?.comment) return false;
  const taxonomy = await loadTaxonomy(db, workspaceId);
  const sentiment = analyzeSentiment(row.comment);
  const themes = assignThemes(row.comment, taxonomy);
  return storeAnalysis(db, workspaceId, responseId, row.comment, { sentiment, themes });
}

/**
 * Analyses comments that were acknowledged but never analysed (the process stopped before
 * its queue drained). Returns how many it analysed.
 */
export async function analyzePending(db: Db, limit = 10_000): Promise<number> {
  const pending = await db
    .select({ workspaceId: responses.workspaceId, id: responses.id })
    .from(responses)
    .where(and(isNull(responses.analyzedAt), isNotNull(responses.comment)))
    .limit(limit);
  let done = 0;
  for (const p of pending) if (await analyzeResponse(db, p.workspaceId, p.id)) done++;
  return done;
}
