import type { Db } from '../../db/client';
import type { ResponseRow } from '../../db/schema';
import { detractorRules } from '../queries/alert-rules';
import { recordAlert } from '../queries/alerts';
import { serializeResponse } from '../queries/responses';
import type { DeliveryOptions } from '../webhooks/deliver';
import { announceAlert } from './announce';

/**
 * Raises one alert per active detractor rule of the response's touchpoint. Runs in the
 * background after ingestion has answered; the (rule, response) key makes replays and
 * concurrent runs raise nothing twice. The alert keeps the response id, not its comment, so
 * erasing a respondent leaves no copy of their words behind.
 */
export async function raiseDetractorAlerts(db: Db, row: ResponseRow, touchpointName: string, opts: DeliveryOptions): Promise<void> {
  if (row.nps === null || row.nps > 6) return;
  const rules = await detractorRules(db, row.workspaceId, row.touchpointId);
  const message = `Detractor (NPS ${row.nps}/10) at ${touchpointName}`;
  const comment = row.comment ? `: “${row.comment.slice(0, 500)}”` : '';
  await Promise.all(
    rules.map(async (rule) => {
      const alert = await recordAlert(db, row.workspaceId, {
        ruleId: rule.id,
        kind: 'detractor',
        touchpointId: row.touchpointId,
        conditionKey: `response:${row.id}`,
        message,
        details: { responseId: row.id, surveyId: row.surveyId, nps: row.nps },
      });
      if (alert) await announceAlert(db, alert, opts, { response: serializeResponse(row) }, message + comment);
    }),
  );
}
