import { and, desc, eq, gte, inArray, isNull, lte, max, ne, or, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, responses, surveyRequests, surveys, workspaces, type Contact, type Survey, type Workspace, type NewSurveyRequest, type SkipReason, type SurveyRequest } from '../../db/schema';
import { notFound } from '../errors';

/** How long a sender holds a claimed request before another process may take it over. */
const LEASE_MS = 60_000;

export async function insertSurveyRequest(db: Db, values: NewSurveyRequest): Promise<SurveyRequest> {
  const [row] = await db.insert(surveyRequests).values(values).returning();
  return row!;
}

export async function ownedSurveyRequest(db: Db, workspaceId: string, id: string): Promise<SurveyRequest> {
  const [row] = await db.select().from(surveyRequests).where(and(eq(surveyRequests.workspaceId, workspaceId), eq(surveyRequests.id, id)));
  if (!row) throw notFound('survey_request', id);
  return row;
}

/** Newest first; skipped ones carry their reason. */
export const listSurveyRequests = (db: Db, workspaceId: string, o: { status?: SurveyRequest['status'] | undefined; contactId?: string | undefined; limit: number }) =>
  db
    .select()
    .from(surveyRequests)
    .where(and(eq(surveyRequests.workspaceId, workspaceId), o.status ? eq(surveyRequests.status, o.status) : undefined, o.contactId ? eq(surveyRequests.contactId, o.contactId) : undefined))
    .orderBy(desc(surveyRequests.createdAt), desc(surveyRequests.id))
    .limit(o.limit);

const leaseFree = (now: number) => or(isNull(surveyRequests.leaseUntil), lt(surveyRequests.leaseUntil, now));

/** Claims up to `limit` requests due for their first email (or their reminder, `reminders`), for this process alone. */
export async function claimDue(db: Db, now: number, limit: number, reminders = false): Promise<SurveyRequest[]> {
  const due = reminders
    ? and(eq(surveyRequests.status, 'sent'), lte(surveyRequests.remindAt, now), isNull(surveyRequests.remindedAt))
    : and(eq(surveyRequests.status, 'pending'), lte(surveyRequests.sendAt, now));
  const ids = (await db.select({ id: surveyRequests.id }).from(surveyRequests).where(and(due, leaseFree(now))).limit(limit)).map((r) => r.id);
  if (!ids.length) return [];
  // Conditional on the lease still being free: of two processes racing, one gets each row.
  return db.update(surveyRequests).set({ leaseUntil: now + LEASE_MS }).where(and(inArray(surveyRequests.id, ids), due, leaseFree(now))).returning();
}

type Outcome =
  | { status: 'sent'; sentAt: number; remindAt: number | null }
  | { status: 'skipped'; skipReason: SkipReason }
  | { status: 'cancelled' }
  | { reminded: number }
  /** The send failed: try again once the lease runs out. */
  | { retry: true };

/** Records what the sender did with a claimed request and releases it. */
export async function settleRequest(db: Db, id: string, outcome: Outcome, now = Date.now()): Promise<void> {
  if ('retry' in outcome) return;
  const set = 'reminded' in outcome ? { remindedAt: outcome.reminded } : outcome;
  await db.update(surveyRequests).set({ ...set, leaseUntil: null, updatedAt: now }).where(eq(surveyRequests.id, id));
}

/** The request an email link's token names, with its contact. */
export async function requestByToken(db: Db, token: string): Promise<{ request: SurveyRequest; contact: Contact } | undefined> {
  const [row] = await db.select({ request: surveyRequests, contact: contacts }).from(surveyRequests).innerJoin(contacts, eq(contacts.id, surveyRequests.contactId)).where(eq(surveyRequests.token, token));
  return row;
}

/** The first answer arrived: no reminder goes out after this. */
export async function markAnswered(db: Db, id: string, now = Date.now()): Promise<void> {
  await db.update(surveyRequests).set({ status: 'answered', answeredAt: now, updatedAt: now }).where(and(eq(surveyRequests.id, id), inArray(surveyRequests.status, ['sent', 'pending'])));
}

/** Cancels a contact's requests not sent yet (or only those of one request id); returns how many. */
export async function cancelPending(db: Db, workspaceId: string, o: { contactId?: string; id?: string }, now = Date.now()): Promise<number> {
  const rows = await db
    .update(surveyRequests)
    .set({ status: 'cancelled', updatedAt: now })
    .where(and(eq(surveyRequests.workspaceId, workspaceId), eq(surveyRequests.status, 'pending'), o.contactId ? eq(surveyRequests.contactId, o.contactId) : undefined, o.id ? eq(surveyRequests.id, o.id) : undefined))
    .returning({ id: surveyRequests.id });
  return rows.length;
}

/** Whether another email survey reached the contact since `since` (any survey, any touchpoint). */
export async function emailedSince(db: Db, contactId: string, exceptId: string, since: number): Promise<boolean> {
  const [row] = await db
    .select({ id: surveyRequests.id })
    .from(surveyRequests)
    .where(and(eq(surveyRequests.contactId, contactId), ne(surveyRequests.id, exceptId), gte(surveyRequests.sentAt, since)))
    .limit(1);
  return !!row;
}

/** Whether the contact answered any survey since `since` on any channel (widget, link, email): identified by their email. */
export async function answeredSince(db: Db, workspaceId: string, email: string, since: number): Promise<boolean> {
  const [row] = await db
    .select({ id: responses.id })
    .from(responses)
    .where(and(eq(responses.workspaceId, workspaceId), eq(responses.respondentId, email), gte(responses.createdAt, since)))
    .limit(1);
  return !!row;
}

/** What sending a request needs: its contact, survey and workspace. */
export async function requestContext(db: Db, id: string): Promise<{ contact: Contact; survey: Survey; workspace: Workspace } | undefined> {
  const [row] = await db
    .select({ contact: contacts, survey: surveys, workspace: workspaces })
    .from(surveyRequests)
    .innerJoin(contacts, eq(contacts.id, surveyRequests.contactId))
    .innerJoin(surveys, eq(surveys.id, surveyRequests.surveyId))
    .innerJoin(workspaces, eq(workspaces.id, surveyRequests.workspaceId))
    .where(eq(surveyRequests.id, id));
  return row;
}

/** When an email survey last reached the contact (any survey), or null. */
export async function lastEmailedAt(db: Db, contactId: string): Promise<number | null> {
  const [row] = await db.select({ at: max(surveyRequests.sentAt) }).from(surveyRequests).where(eq(surveyRequests.contactId, contactId));
  return row?.at ?? null;
}
