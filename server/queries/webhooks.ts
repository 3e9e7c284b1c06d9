import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhooks, type NewWebhook, type Webhook, type WebhookDelivery } from '../../db/schema';
import { notFound } from '../errors';

export const listWebhooks = (db: Db, workspaceId: string): Promise<Webhook[]> =>
  db.select().from(webhooks).where(eq(webhooks.workspaceId, workspaceId));

export async function insertWebhook(db: Db, values: NewWebhook): Promise<Webhook> {
  const [row] = await db.insert(webhooks).values(values).returning();
  return row!;
}

/** Changes an (owned, already looked-up) webhook and returns it as stored. */
export async function updateWebhook(db: Db, id: string, set: Partial<NewWebhook>): Promise<Webhook> {
  const [row] = await db.update(webhooks).set({ ...set, updatedAt: Date.now() }).where(eq(webhooks.id, id)).returning();
  return row!;
}

/** Deletes a webhook; its deliveries go with it (foreign key cascade). */
export async function deleteWebhook(db: Db, id: string): Promise<void> {
  await db.delete(webhooks).where(eq(webhooks.id, id));
}

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
