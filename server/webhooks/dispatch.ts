import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhooks, type Webhook, type WebhookEvent } from '../../db/schema';
import { newId } from '../crypto';
import { attempt, type DeliveryOptions } from './deliver';

export interface EventPayload {
  event: WebhookEvent | 'ping';
  data: Record<string, unknown>;
  /** One line for people, used by the Slack format. */
  text: string;
}

function body(hook: Webhook, deliveryId: string, p: EventPayload, now: number): string {
  if (hook.format === 'slack') return JSON.stringify({ text: p.text });
  return JSON.stringify({ id: deliveryId, event: p.event, createdAt: new Date(now).toISOString(), workspaceId: hook.workspaceId, data: p.data });
}

/**
 * Records a delivery for every active webhook subscribed to the event, then makes the first
 * attempt at once. Runs in the background: ingestion has already answered.
 */
export async function dispatch(db: Db, workspaceId: string, payloads: readonly EventPayload[], opts: DeliveryOptions = {}, now = Date.now()): Promise<void> {
  if (payloads.length === 0) return;
  const hooks = await db.select().from(webhooks).where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.active, true)));
  const rows = hooks.flatMap((hook) =>
    payloads
      .filter((p) => p.event === 'ping' || hook.events.includes(p.event))
      .map((p) => {
        const id = newId('dlv');
        // Leased to this first attempt, so a concurrent retry sweep leaves it alone.
        return { id, workspaceId, webhookId: hook.id, event: p.event, body: body(hook, id, p, now), status: 'pending' as const, nextAttemptAt: now, leaseUntil: now + 60_000, createdAt: now };
      }),
  );
  if (rows.length === 0) return;
  // One row per statement: D1 binds at most 100 parameters per statement.
  const inserted = await Promise.all(rows.map(async (r) => (await db.insert(webhookDeliveries).values(r).returning())[0]!));
  await Promise.all(inserted.map((d) => attempt(db, d, opts, now)));
}
