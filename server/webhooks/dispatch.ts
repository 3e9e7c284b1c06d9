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

/**
 * Slack reads `<…>` in message text as mentions and links (`<!channel>`, `<https://x|y>`),
 * so user text (comments, touchpoint names) is escaped as Slack documents: & < > only.
 */
export const slackEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function body(hook: Webhook, deliveryId: string, p: EventPayload, now: number): string {
  if (hook.format === 'slack') return JSON.stringify({ text: slackEscape(p.text) });
  return JSON.stringify({ id: deliveryId, event: p.event, createdAt: new Date(now).toISOString(), workspaceId: hook.workspaceId, data: p.data });
}

/**
 * Records a delivery of each payload for each of `hooks` that subscribes to it (a ping goes
 * to every hook given), then makes the first attempt at once. Returns their ids.
 */
export async function deliverTo(db: Db, hooks: readonly Webhook[], payloads: readonly EventPayload[], opts: DeliveryOptions = {}, now = Date.now()): Promise<string[]> {
  const rows = hooks.flatMap((hook) =>
    payloads
      .filter((p) => p.event === 'ping' || hook.events.includes(p.event))
      .map((p) => {
        const id = newId('dlv');
        // Leased to this first attempt, so a concurrent retry sweep leaves it alone.
        return { id, workspaceId: hook.workspaceId, webhookId: hook.id, event: p.event, url: hook.url, body: body(hook, id, p, now), status: 'pending' as const, nextAttemptAt: now, leaseUntil: now + 60_000, createdAt: now };
      }),
  );
  if (rows.length === 0) return [];
  // One row per statement: D1 binds at most 100 parameters per statement.
  const inserted = await Promise.all(rows.map(async (r) => (await db.insert(webhookDeliveries).values(r).returning())[0]!));
  await Promise.all(inserted.map((d) => attempt(db, d, opts, now)));
  return inserted.map((d) => d.id);
}

/**
 * Delivers events to every active webhook of the workspace subscribed to them (a ping is
 * never broadcast: it goes to one webhook, through `deliverTo`). Runs in the background:
 * ingestion has already answered.
 */
export async function dispatch(db: Db, workspaceId: string, payloads: readonly EventPayload[], opts: DeliveryOptions = {}, now = Date.now()): Promise<void> {
  const events = payloads.filter((p) => p.event !== 'ping');
  if (events.length === 0) return;
  const hooks = await db.select().from(webhooks).where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.active, true)));
  await deliverTo(db, hooks, events, opts, now);
}
