import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { autopilotMemberships, autopilots, contacts, surveyRequests, surveys, type Autopilot, type AutopilotMembership, type Contact } from '../../db/schema';
import { newId, randomToken } from '../crypto';

/** Delighted's default: a contact is asked again every 90 days. */
export const DEFAULT_FREQUENCY_DAYS = 90;
const DAY_MS = 86_400_000;

export async function getAutopilot(db: Db, workspaceId: string, surveyId: string): Promise<Autopilot | undefined> {
  const [row] = await db.select().from(autopilots).where(and(eq(autopilots.workspaceId, workspaceId), eq(autopilots.surveyId, surveyId)));
  return row;
}

/** Creates or changes a survey's autopilot; fields left out keep their value (new: active, 90 days). */
export async function putAutopilot(db: Db, workspaceId: string, surveyId: string, patch: { active?: boolean | undefined; frequencyDays?: number | undefined }, now = Date.now()): Promise<Autopilot> {
  const existing = await getAutopilot(db, workspaceId, surveyId);
  const values = { active: patch.active ?? existing?.active ?? true, frequencyDays: patch.frequencyDays ?? existing?.frequencyDays ?? DEFAULT_FREQUENCY_DAYS };
  const [row] = await db
    .insert(autopilots)
    .values({ surveyId, workspaceId, ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: autopilots.surveyId, set: { ...values, updatedAt: now } })
    .returning();
  return row!;
}

export type MembershipWithContact = { membership: AutopilotMembership; contact: Contact };

/** Enrols a contact (again: its properties are replaced, its next survey kept). */
export async function enrol(db: Db, workspaceId: string, surveyId: string, contactId: string, o: { properties: AutopilotMembership['properties']; firstAt: number }, now = Date.now()): Promise<{ membership: AutopilotMembership; created: boolean }> {
  const [created] = await db
    .insert(autopilotMemberships)
    .values({ id: newId('am'), workspaceId, surveyId, contactId, properties: o.properties, nextSurveyAt: o.firstAt, nextRequestId: newId('sr'), createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (created) return { membership: created, created: true };
  const [updated] = await db
    .update(autopilotMemberships)
    .set({ properties: o.properties, updatedAt: now })
    .where(and(eq(autopilotMemberships.surveyId, surveyId), eq(autopilotMemberships.contactId, contactId)))
    .returning();
  return { membership: updated!, created: false };
}

/** Removes a contact from a survey's autopilot; false when it was not enrolled. */
export async function unenrol(db: Db, workspaceId: string, surveyId: string, contactId: string): Promise<boolean> {
  const rows = await db
    .delete(autopilotMemberships)
    .where(and(eq(autopilotMemberships.workspaceId, workspaceId), eq(autopilotMemberships.surveyId, surveyId), eq(autopilotMemberships.contactId, contactId)))
    .returning({ id: autopilotMemberships.id });
  return rows.length > 0;
}

/** A survey's members in enrolment order (cursor: the last membership id), or one contact's memberships. */
export const listMemberships = (db: Db, workspaceId: string, o: { surveyId?: string | undefined; contactId?: string | undefined; limit: number; after?: string | undefined }): Promise<MembershipWithContact[]> =>
  db
    .select({ membership: autopilotMemberships, contact: contacts })
    .from(autopilotMemberships)
    .innerJoin(contacts, eq(contacts.id, autopilotMemberships.contactId))
    .where(
      and(
        eq(autopilotMemberships.workspaceId, workspaceId),
        o.surveyId ? eq(autopilotMemberships.surveyId, o.surveyId) : undefined,
        o.contactId ? eq(autopilotMemberships.contactId, o.contactId) : undefined,
        o.after ? gt(autopilotMemberships.id, o.after) : undefined,
      ),
    )
    .orderBy(asc(autopilotMemberships.id))
    .limit(o.limit);

/**
 * Turns the memberships that are due into pending survey requests, then moves each to its
 * next turn. The request is inserted under the id the membership announced, so running this
 * twice at once (two processes, or again after a crash) makes one request per turn. Only
 * active autopilots of active surveys run; the others keep their members waiting.
 */
export async function startDueTurns(db: Db, now: number, limit: number): Promise<number> {
  const due = await db
    .select({ m: autopilotMemberships, frequencyDays: autopilots.frequencyDays })
    .from(autopilotMemberships)
    .innerJoin(autopilots, eq(autopilots.surveyId, autopilotMemberships.surveyId))
    .innerJoin(surveys, eq(surveys.id, autopilotMemberships.surveyId))
    .where(and(lte(autopilotMemberships.nextSurveyAt, now), eq(autopilots.active, true), eq(surveys.status, 'active')))
    .limit(limit);
  for (const { m, frequencyDays } of due) {
    await db
      .insert(surveyRequests)
      .values({ id: m.nextRequestId, workspaceId: m.workspaceId, contactId: m.contactId, surveyId: m.surveyId, status: 'pending', properties: m.properties, token: randomToken('st'), sendAt: m.nextSurveyAt, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
    // The next turn counts from this one's due time, so the rhythm does not drift with the
    // tick; after a pause (turns missed) it counts from now rather than catching up.
    const period = Math.max(1000, Math.round(frequencyDays * DAY_MS));
    const next = m.nextSurveyAt + period > now ? m.nextSurveyAt + period : now + period;
    await db
      .update(autopilotMemberships)
      .set({ nextSurveyAt: next, nextRequestId: newId('sr'), updatedAt: now })
      .where(and(eq(autopilotMemberships.id, m.id), eq(autopilotMemberships.nextRequestId, m.nextRequestId)));
  }
  return due.length;
}
