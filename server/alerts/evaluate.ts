import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alertRules, touchpoints, workspaces, type Alert, type AlertRule, type Workspace } from '../../db/schema';
import { recordAlert } from '../queries/alerts';
import type { DeliveryOptions } from '../webhooks/deliver';
import { announceAlert } from './announce';
import { evaluateWeekOverWeek, type WeekOverWeek } from './week-over-week';
import { evaluateAnomalyRule, type DayCheck } from './anomaly';

/**
 * How often a week-over-week rule is looked at. Its verdict only changes when a week ends
 * or late data lands (offline answers, imports, comments analysed after the fact), so an
 * hour keeps alerts timely without re-reading rollups every minute.
 */
export const CHECK_INTERVAL_MS = 3_600_000;

export type RuleCheck = (WeekOverWeek | DayCheck) & {
  /** Alerts this check stored (conditions that had already alerted are not repeated). */
  raised: Alert[];
};

/**
 * Evaluates one periodic rule (week-over-week, or anomaly) now and stores an alert for each condition met that has
 * not alerted before. Announcing is left to the caller, so a request can answer first.
 * An inactive rule is evaluated as a dry run: it reports what it sees and raises nothing.
 */
export async function checkRule(db: Db, workspace: Workspace, rule: AlertRule, now = Date.now()): Promise<RuleCheck> {
  const [tp] = await db.select({ name: touchpoints.name }).from(touchpoints).where(and(eq(touchpoints.workspaceId, workspace.id), eq(touchpoints.id, rule.touchpointId)));
  const name = tp?.name ?? rule.touchpointId;
  const result = rule.kind === 'anomaly' ? await evaluateAnomalyRule(db, workspace, rule, name, now) : await evaluateWeekOverWeek(db, workspace, rule, name, now);
  const raised: Alert[] = [];
  if (rule.active) {
    for (const a of result.alerts) {
      const alert = await recordAlert(db, workspace.id, { ...a, ruleId: rule.id }, now);
      if (alert) raised.push(alert);
    }
  }
  return { ...result, raised };
}

/**
 * Evaluates the week-over-week rules that are due (Node's timer, the Workers cron), each
 * claimed first by moving its next check forward with a conditional update, so processes and
 * isolates running this at once split the rules between them instead of repeating them.
 */
export async function evaluateDueRules(db: Db, opts: DeliveryOptions = {}, now = Date.now(), limit = 20): Promise<number> {
  const due = await db
    .select({ rule: alertRules, workspace: workspaces })
    .from(alertRules)
    .innerJoin(workspaces, eq(workspaces.id, alertRules.workspaceId))
    .where(and(eq(alertRules.active, true), isNotNull(alertRules.nextCheckAt), lte(alertRules.nextCheckAt, now)))
    .limit(limit);
  const failures: unknown[] = [];
  let checked = 0;
  for (const { rule, workspace } of due) {
    const [claimed] = await db
      .update(alertRules)
      .set({ nextCheckAt: now + CHECK_INTERVAL_MS, lastCheckedAt: now })
      .where(and(eq(alertRules.id, rule.id), eq(alertRules.nextCheckAt, rule.nextCheckAt!)))
      .returning({ id: alertRules.id });
    if (!claimed) continue;
    checked++;
    try {
      const { raised } = await checkRule(db, workspace, rule, now);
      await Promise.all(raised.map((a) => announceAlert(db, a, opts)));
    } catch (err) {
      failures.push(err); // one broken rule must not starve the others
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} alert rule(s) could not be evaluated`);
  return checked;
}
