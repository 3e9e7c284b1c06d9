import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { touchpoints, type WebhookEvent } from '../../db/schema';
import type { AppEnv } from '../env';
import { serializeResponse } from '../queries/responses';
import { readResponse } from '../services/guarded-write';
import { dispatch, type EventPayload } from './dispatch';

const verbs: Record<string, string> = {
  'response.created': 'New response',
  'response.completed': 'Response completed',
  'response.detractor': 'Detractor',
};

/** Sends a response's webhook events after the respondent has had their answer acknowledged. */
export function announceResponse(c: Context<AppEnv>, workspaceId: string, responseId: string, events: WebhookEvent[]): void {
  if (events.length === 0) return;
  const db = c.var.db;
  const opts = { retryScale: c.var.webhookRetryScale };
  c.var.background(async () => {
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
    await dispatch(db, workspaceId, payloads, opts);
  });
}
