import type { Db } from '../../db/client';
import type { AlertRule, Workspace } from '../../db/schema';
import { localDay, isoDate } from '../metrics/time-zone';
import { dailyAnomalies } from '../queries/anomalies';
import type { NewAlert } from '../queries/alerts';
import type { Observation } from './week-over-week';

export interface DayCheck {
  /** The last complete local day, the one judged. */
  day: string;
  observations: Observation[];
  alerts: Omit<NewAlert, 'ruleId'>[];
}

/**
 * An anomaly rule: the last complete local day's response volume and NPS at the rule's
 * touchpoint against the same weekday of the 8 weeks before, flagged at the rule's
 * sensitivity (docs/METRICS.md, "Anomalies"). Whole days only, like the weekly rules.
 */
export async function evaluateAnomalyRule(db: Db, workspace: Workspace, rule: AlertRule, touchpointName: string, now = Date.now()): Promise<DayCheck> {
  const day = localDay(workspace.timezone, now) - 1;
  const [d] = await dailyAnomalies(db, workspace, day, day, rule.touchpointId);
  const sensitivity = rule.sensitivity ?? 'medium';
  const observations: Observation[] = [];
  const alerts: Omit<NewAlert, 'ruleId'>[] = [];
  const metrics = [
    ['volume', 'Response volume', d!.volume],
    ['nps', 'NPS', d!.npsScore],
  ] as const;
  for (const [metric, label, a] of metrics) {
    const triggered = !!a?.flaggedAt.includes(sensitivity);
    const o: Observation = {
      subject: null,
      before: { median: a?.median ?? null, scale: a?.scale ?? null },
      after: { value: a?.value ?? null, n: metric === 'nps' ? d!.npsN : d!.responses },
      change: a ? { delta: a.value - a.median, z: a.z, significant: triggered } : null,
      triggered,
    };
    observations.push(o);
    if (triggered) {
      alerts.push({
        kind: 'anomaly',
        touchpointId: rule.touchpointId,
        conditionKey: `day:${d!.day}:${metric}`,
        message: `${label} at ${touchpointName} on ${d!.day} was unusual for the weekday: ${Math.round(a!.value)} against a usual ${Math.round(a!.median)} (robust z ${a!.z.toFixed(1)}, ${sensitivity} sensitivity)`,
        details: { day: d!.day, metric, sensitivity, ...a },
      });
    }
  }
  return { day: isoDate(day), observations, alerts };
}
