import type { Db } from '../../db/client';
import type { AlertRule, ResponseRow } from '../../db/schema';
import { detractorRules } from '../queries/alert-rules';
import { recordAlert } from '../queries/alerts';
import { serializeResponse } from '../queries/responses';
import type { DeliveryOptions } from '../webhooks/deliver';
import { announceAlert } from './announce';

const DAY = 86_400_000;

/**
 * Days from `now` to the response's `renewalDate` attribute (a date or date-time; the day
 * itself counts as 0), or null when it has none or it cannot be read.
 */
export function daysToRenewal(row: Pick<ResponseRow, 'attributes'>, now: number): number | null {
  const value = row.attributes.renewalDate;
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? null : Math.floor(at / DAY) - Math.floor(now / DAY);
}

/** What a rule says about this detractor, or null when it does not apply (renewal outside its window). */
function alertOf(rule: AlertRule, row: ResponseRow, touchpointName: string, now: number) {
  const base = `Detractor (NPS ${row.nps}/10) at ${touchpointName}`;
  if (rule.kind !== 'renewal_detractor') return { message: base, details: {} };
  const days = daysToRenewal(row, now);
  if (days === null || days < 0 || days > (rule.windowDays ?? 0)) return null;
  return { message: `${base}, renewing in ${days} days (${String(row.attributes.renewalDate)})`, details: { renewalDate: row.attributes.renewalDate, daysToRenewal: days, windowDays: rule.windowDays } };
}

/**
 * Raises one alert per active detractor rule of the response's touchpoint, and per
 * renewal-window rule when the response's renewal date falls in its window. Runs in the
 * background after ingestion has answered; the (rule, response) key makes replays and
 * concurrent runs raise nothing twice. The alert keeps the response id, not its comment, so
 * erasing a respondent leaves no copy of their words behind.
 */
export async function raiseDetractorAlerts(db: Db, row: ResponseRow, touchpointName: string, opts: DeliveryOptions, now = Date.now()): Promise<void> {
  if (row.nps === null || row.nps > 6) return;
  const rules = await detractorRules(db, row.workspaceId, row.touchpointId);
  const comment = row.comment ? `: “${row.comment.slice(0, 500)}”` : '';
  await Promise.all(
    rules.map(async (rule) => {
      const what = alertOf(rule, row, touchpointName, now);
      if (!what) return;
      const alert = await recordAlert(db, row.workspaceId, {
        ruleId: rule.id,
        kind: rule.kind,
        touchpointId: row.touchpointId,
        conditionKey: `response:${row.id}`,
        message: what.message,
        details: { responseId: row.id, surveyId: row.surveyId, nps: row.nps, ...what.details },
      });
      if (alert) await announceAlert(db, alert, opts, { response: serializeResponse(row) }, what.message + comment);
    }),
  );
}
