import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alerts, type Alert, type AlertKind } from '../../db/schema';
import { notFound } from '../errors';
import { newId } from '../crypto';
import type { AlertListQuery } from '../schemas/alerts';
import { afterCursor, decodeCursor, encodeCursor } from './cursor';
import { present } from './present';

/** The API shape of an alert. */
export const serializeAlert = (a: Alert) => present(a);
export type AlertDto = ReturnType<typeof serializeAlert>;

export interface NewAlert {
  ruleId: string;
  kind: AlertKind;
  touchpointId: string;
  conditionKey: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * Stores the alert unless its rule already raised one for the same condition. The unique
 * (rule, condition) index decides, so concurrent evaluators cannot both fire: only the one
 * whose insert lands gets the row back, and only it announces the alert.
 */
export async function recordAlert(db: Db, ws: string, a: NewAlert, now = Date.now()): Promise<Alert | undefined> {
  const [row] = await db
    .insert(alerts)
    .values({ ...a, id: newId('alt'), workspaceId: ws, createdAt: now })
    .onConflictDoNothing({ target: [alerts.ruleId, alerts.conditionKey] })
    .returning();
  return row;
}

/** Newest first, with cursor pagination that stays stable while new alerts arrive. */
export async function listAlerts(db: Db, ws: string, q: AlertListQuery) {
  const conditions: (SQL | undefined)[] = [
    eq(alerts.workspaceId, ws),
    q.rule ? eq(alerts.ruleId, q.rule) : undefined,
    q.kind ? eq(alerts.kind, q.kind) : undefined,
    q.touchpoint ? eq(alerts.touchpointId, q.touchpoint) : undefined,
    q.from !== undefined ? gte(alerts.createdAt, q.from) : undefined,
    q.to !== undefined ? lt(alerts.createdAt, q.to) : undefined,
    q.cursor ? afterCursor(alerts.createdAt, alerts.id, decodeCursor(q.cursor)) : undefined,
  ];
  const rows = await db
    .select()
    .from(alerts)
    .where(and(...conditions))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { data: page.map(serializeAlert), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}

export async function getAlert(db: Db, ws: string, id: string): Promise<Alert> {
  const [row] = await db.select().from(alerts).where(and(eq(alerts.workspaceId, ws), eq(alerts.id, id)));
  if (!row) throw notFound('alert', id);
  return row;
}
