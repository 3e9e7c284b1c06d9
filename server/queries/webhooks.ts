import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhooks, type Webhook, type WebhookDelivery } from '../../db/schema';
import { notFound } from '../errors';

/** The workspace's webhook `id`, or a 404. */
export async function ownedWebhook(db: Db, workspaceId: string, id: string): Promise<Webhook> {
  const [row] = await db.select().from(webhooks).where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id)));
  if (!row) throw notFound('webhook', id);
  return row;
}

/** Marks a webhook's pending deliveries failed, so a deactivated webhook gets no more retries. */
export async function cancelPendingDeliveries(db: Db, webhookId: string, reason: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', lastError: reason, leaseUntil: null })
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, 'pending')));
}

export async function deliveryById(db: Db, id: string): Promise<WebhookDelivery | undefined> {
  return (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];
}

/** The webhook's last 100 deliveries, newest first. */
export function recentDeliveries(db: Db, workspaceId: string, webhookId: string): Promise<WebhookDelivery[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.webhookId, webhookId)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(100);
}
