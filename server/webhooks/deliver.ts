import { and, eq, inArray, isNull, lte, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhooks, type WebhookDelivery } from '../../db/schema';
import { signature } from './sign';

/** Retry delays after each failed attempt (then the delivery is marked failed). */
export const RETRY_DELAYS_S = [30, 120, 600, 3600, 21_600];
const TIMEOUT_MS = 5_000;

export interface DeliveryOptions {
  /** Scales RETRY_DELAYS_S (tests use a tiny one); 1 in production. */
  retryScale?: number;
}

/** Posts one delivery and records the outcome, scheduling a retry on failure. */
export async function attempt(db: Db, delivery: WebhookDelivery, opts: DeliveryOptions = {}, now = Date.now()): Promise<boolean> {
  const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId));
  if (!hook) return false;
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Chorus-Webhooks/1',
        'chorus-event': delivery.event,
        'chorus-delivery': delivery.id,
        'chorus-signature': await signature(hook.secret, delivery.body, Math.floor(now / 1000)),
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel();
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const ok = status !== null && status >= 200 && status < 300;
  const attempts = delivery.attempts + 1;
  const delay = RETRY_DELAYS_S[attempts - 1];
  await db
    .update(webhookDeliveries)
    .set({
      attempts,
      lastStatusCode: status,
      lastError: ok ? null : (error ?? `HTTP ${status}`),
      leaseUntil: null,
      ...(ok
        ? { status: 'delivered' as const, deliveredAt: Date.now() }
        : delay === undefined
          ? { status: 'failed' as const }
          : { nextAttemptAt: now + delay * 1000 * (opts.retryScale ?? 1) }),
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  return ok;
}

/**
 * Attempts every delivery that is due, under a short lease so two runners (processes,
 * isolates, cron ticks) never post the same delivery at once. Returns how many it tried.
 */
export async function deliverDue(db: Db, opts: DeliveryOptions = {}, now = Date.now(), limit = 50): Promise<number> {
  const due = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now), or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now))))
    .limit(limit);
  if (due.length === 0) return 0;
  const leased = await db
    .update(webhookDeliveries)
    .set({ leaseUntil: now + 60_000 })
    .where(and(inArray(webhookDeliveries.id, due.map((d) => d.id)), or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now))))
    .returning();
  await Promise.all(leased.map((d) => attempt(db, d, opts, now)));
  return leased.length;
}
