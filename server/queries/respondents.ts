import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, type ResponseRow } from '../../db/schema';

// A respondent is named by the id the site gave them or by the widget's anonymous id.
const byRespondent = (workspaceId: string, respondentId: string) =>
  and(eq(responses.workspaceId, workspaceId), or(eq(responses.respondentId, respondentId), eq(responses.anonymousId, respondentId)));

/** Every response of one respondent, oldest first. */
export const respondentResponses = (db: Db, workspaceId: string, respondentId: string): Promise<ResponseRow[]> =>
  db.select().from(responses).where(byRespondent(workspaceId, respondentId)).orderBy(responses.createdAt);

/** The ids of one respondent's responses. */
export async function respondentResponseIds(db: Db, workspaceId: string, respondentId: string): Promise<string[]> {
  const rows = await db.select({ id: responses.id }).from(responses).where(byRespondent(workspaceId, respondentId));
  return rows.map((r) => r.id);
}
