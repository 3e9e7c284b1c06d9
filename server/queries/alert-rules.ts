import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alertRules, type AlertRule } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import { newId } from '../crypto';
import type { AlertRuleInput } from '../schemas/alerts';
import { themeKeysExist } from './themes';
import { assertCpis } from './cpis';
import { assertTouchpoints, stripUndefined } from './touchpoints';

export const listAlertRules = (db: Db, ws: string): Promise<AlertRule[]> =>
  db.select().from(alertRules).where(eq(alertRules.workspaceId, ws)).orderBy(asc(alertRules.createdAt), asc(alertRules.id));

export async function getAlertRule(db: Db, ws: string, id: string): Promise<AlertRule> {
  const [row] = await db.select().from(alertRules).where(and(eq(alertRules.workspaceId, ws), eq(alertRules.id, id)));
  if (!row) throw notFound('alert_rule', id);
  return row;
}

/** Kinds that fire from ingestion, one response at a time; the others are periodic. */
export const perResponseKinds = ['detractor', 'renewal_detractor'] as const;
export const isPerResponse = (kind: AlertRule['kind']): boolean => (perResponseKinds as readonly string[]).includes(kind);

/** Detractor rules fire from ingestion; the others are looked at by the periodic evaluator, first at once. */
export async function createAlertRule(db: Db, ws: string, input: AlertRuleInput, now = Date.now()): Promise<AlertRule> {
  await assertTouchpoints(db, ws, [input.touchpointId]);
  const cpiId = input.kind === 'cpi_drop' ? (input.cpiId ?? null) : null;
  const themeKey = input.kind === 'theme_spike' ? (input.themeKey ?? null) : null;
  if (cpiId) await assertCpis(db, ws, [cpiId]);
  if (themeKey && !(await themeKeysExist(db, ws, [themeKey])).has(themeKey)) {
    throw new ApiError(422, 'unknown_theme', `No theme "${themeKey}" in this workspace`, { themeKey });
  }
  const [row] = await db
    .insert(alertRules)
    .values({
      id: newId('alr'),
      workspaceId: ws,
      name: input.name,
      kind: input.kind,
      touchpointId: input.touchpointId,
      cpiId,
      themeKey,
      sensitivity: input.kind === 'anomaly' ? input.sensitivity : null,
      windowDays: input.kind === 'renewal_detractor' ? input.windowDays : null,
      active: input.active,
      nextCheckAt: isPerResponse(input.kind) ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function updateAlertRule(db: Db, ws: string, id: string, patch: { name?: string | undefined; active?: boolean | undefined }, now = Date.now()): Promise<AlertRule> {
  const rule = await getAlertRule(db, ws, id);
  // A rule switched back on is looked at again at once rather than at its old schedule.
  const reactivated = patch.active === true && !rule.active && !isPerResponse(rule.kind);
  const [row] = await db
    .update(alertRules)
    .set({ ...stripUndefined(patch), ...(reactivated ? { nextCheckAt: now } : {}), updatedAt: now })
    .where(and(eq(alertRules.workspaceId, ws), eq(alertRules.id, id)))
    .returning();
  if (!row) throw notFound('alert_rule', id);
  return row;
}

/** Deletes the rule; the alerts it raised stay listed (their `ruleId` becomes null). */
export async function deleteAlertRule(db: Db, ws: string, id: string): Promise<void> {
  await getAlertRule(db, ws, id);
  await db.delete(alertRules).where(and(eq(alertRules.workspaceId, ws), eq(alertRules.id, id)));
}

/** The active detractor and renewal-window rules of one touchpoint: what a new detractor there may alert. */
export const detractorRules = (db: Db, ws: string, touchpointId: string): Promise<AlertRule[]> =>
  db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.workspaceId, ws), eq(alertRules.touchpointId, touchpointId), inArray(alertRules.kind, [...perResponseKinds]), eq(alertRules.active, true)));
