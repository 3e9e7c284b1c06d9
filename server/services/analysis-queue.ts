import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { ResponseRow } from '../../db/schema';
import { analyzeResponse } from './analyze-response';

/**
 * Analyses a response's comment after the respondent has had their answer acknowledged.
 * `stored`: the row just written, which saves reading it back (a write in between makes the
 * guarded analysis write fail, and it then re-reads).
 */
export function analyzeLater(c: Context<AppEnv>, workspaceId: string, responseId: string, stored?: ResponseRow): void {
  const db = c.var.db;
  const { later, analyze } = c.var.analysis;
  later(() => analyzeResponse(db, workspaceId, responseId, analyze, stored).then(() => undefined));
}
