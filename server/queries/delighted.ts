import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, responses } from '../../db/schema';
import type { NpsCounts } from '../metrics/nps';

export interface Window {
  /** ms since the epoch, inclusive. */
  since?: number | undefined;
  until?: number | undefined;
}

const inWindow = (ws: string, w: Window) =>
  and(eq(responses.workspaceId, ws), isNotNull(responses.nps), w.since !== undefined ? gte(responses.createdAt, w.since) : undefined, w.until !== undefined ? lte(responses.createdAt, w.until) : undefined);

/** Scored (NPS) responses oldest first, as Delighted lists them, with the contact that gave each when known. */
export const scoredResponses = (db: Db, ws: string, o: Window & { updatedSince?: number | undefined; limit: number; offset: number }) =>
  db
    .select({ response: responses, contact: contacts })
    .from(responses)
    .leftJoin(contacts, and(eq(contacts.workspaceId, responses.workspaceId), eq(contacts.email, responses.respondentId)))
    .where(and(inWindow(ws, o), o.updatedSince !== undefined ? gte(responses.updatedAt, o.updatedSince) : undefined))
    .orderBy(asc(responses.createdAt), asc(responses.id))
    .limit(o.limit)
    .offset(o.offset);

/** Promoters, passives and detractors among the workspace's NPS answers in the window. */
export async function npsCounts(db: Db, ws: string, w: Window): Promise<NpsCounts> {
  const [row] = await db
    .select({
      n: sql<number>`count(*)`,
      promoters: sql<number>`coalesce(sum(case when ${responses.nps} >= 9 then 1 else 0 end), 0)`,
      detractors: sql<number>`coalesce(sum(case when ${responses.nps} <= 6 then 1 else 0 end), 0)`,
    })
    .from(responses)
    .where(inWindow(ws, w));
  const n = Number(row?.n ?? 0);
  const promoters = Number(row?.promoters ?? 0);
  const detractors = Number(row?.detractors ?? 0);
  return { n, promoters, detractors, passives: n - promoters - detractors };
}

/** Contacts that unsubscribed, or whose address bounced, in the order it happened. */
export const optedOut = (db: Db, ws: string, which: 'unsubscribed' | 'bounced', o: { limit: number; offset: number }) =>
  db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ws), which === 'unsubscribed' ? isNotNull(contacts.unsubscribedAt) : isNotNull(contacts.suppressed)))
    .orderBy(asc(which === 'unsubscribed' ? contacts.unsubscribedAt : contacts.suppressedAt), asc(contacts.id))
    .limit(o.limit)
    .offset(o.offset);
