import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loopEvents, type LoopEvent } from '../../db/schema';
import { newId } from '../crypto';

export type NewLoopEvent = Omit<LoopEvent, 'id' | 'workspaceId' | 'responseId' | 'createdAt' | 'status' | 'assignee' | 'resolution' | 'text' | 'to' | 'subject'> &
  Partial<Pick<LoopEvent, 'status' | 'assignee' | 'resolution' | 'text' | 'to' | 'subject'>>;

/** The insert of one activity-log entry, to batch with the change it records. */
export const logEvent = (db: Db, ws: string, responseId: string, e: NewLoopEvent, now: number) =>
  db.insert(loopEvents).values({ id: newId('lev'), workspaceId: ws, responseId, createdAt: now, ...e });

/** The response's close-the-loop activity, oldest first. */
export const listActivity = (db: Db, ws: string, responseId: string) =>
  db
    .select()
    .from(loopEvents)
    .where(and(eq(loopEvents.workspaceId, ws), eq(loopEvents.responseId, responseId)))
    .orderBy(asc(loopEvents.createdAt), sql`rowid`); // rowid: events of one request keep the order they were written in

/** The API shape of an activity-log entry. */
export const presentEvent = (e: LoopEvent) => ({
  id: e.id,
  kind: e.kind,
  actor: e.actor,
  status: e.status,
  assignee: e.assignee,
  resolution: e.resolution,
  text: e.text,
  to: e.to,
  subject: e.subject,
  createdAt: new Date(e.createdAt).toISOString(),
});
