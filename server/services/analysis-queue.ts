import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { analyzeResponse } from './analyze-response';

/** Analyses a response's comment after the respondent has had their answer acknowledged. */
export function analyzeLater(c: Context<AppEnv>, workspaceId: string, responseId: string): void {
  const db = c.var.db;
  const { later, analyze } = c.var.analysis;
  later(() => analyzeResponse(db, workspaceId, responseId, analyze).then(() => undefined));
}
