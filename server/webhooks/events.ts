import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { touchpoints, type WebhookEvent } from '../../db/schema';
import type { AppEnv } from '../env';
import { serializeResponse } from '../queries/responses';
import { readResponse } from '../services/guarded-write';
import { raiseDetractorAlerts } from '../alerts/detractor';
import { dispatch, type EventPayload } from './dispatch';
import { listenersOf } from './listeners';

const verbs: Record<string, string> = {
  'response.created': 'New response',
  'response.completed': 'Response completed',
  'response.detractor': 'Detractor',
};

/**
 * Sends a response's webhook events, and raises detractor alerts, after the respondent has
 * had their answer acknowledged.
 */
export function announceResponse(c: Context<AppEnv>, workspaceId: string, responseId: string, events: WebhookEvent[]): void {
  if (events.length === 0) return;
  const db = c.var.db;
  const opts = c.var.webhooks;
  c.var.background(async () => {
    const listeners = await listenersOf(db, workspaceId);
    const detractorAlert = events.includes('response.detractor') && listeners.detractorRules;
    if (!detractorAlert && !events.some((e) => listeners.events.has(e))) return;
    const row = await readResponse(db, workspaceId, responseId);
    if (!row) return;
    const [tp] = await db.select({ name: touchpoints.name }).from(touchpoints).where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.id, row.touchpointId)));
    const response = serializeResponse(row);
    const score = row.nps === null ? '' : ` (NPS ${row.nps}/10)`;
    const comment = row.comment ? `: “${row.comment.slice(0, 500)}”` : '';
    const payloads: EventPayload[] = events.map((event) => ({
      event,
      data: { response },
      text: `${verbs[event] ?? event}${score} at ${tp?.name ?? row.touchpointId}${comment}`,
    }));
    await Promise.all([
      dispatch(db, workspaceId, payloads, opts),
      detractorAlert ? raiseDetractorAlerts(db, row, tp?.name ?? row.touchpointId, opts) : undefined,
    ]);
  });
}
