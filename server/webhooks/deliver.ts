import { and, eq, inArray, isNull, lte, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhooks, type WebhookDelivery } from '../../db/schema';
import { signature, signingSecrets, standardSignature } from './sign';
import { fetchTransport, TargetRefused, type WebhookTransport } from './transport';

/** Retry delays after each failed attempt (then the delivery is marked failed). */
export const RETRY_DELAYS_S = [30, 120, 600, 3600, 21_600];
const TIMEOUT_MS = 5_000;

export interface DeliveryOptions {
  /** Scales RETRY_DELAYS_S (tests use a tiny one); 1 in production. */
  retryScale?: number;
  /**
   * CHORUS_WEBHOOK_ALLOW_PRIVATE: post to private, loopback and link-local targets too (a
   * self-hosted install whose receivers are on its own network). Off by default.
   */
  allowPrivate?: boolean;
  /** How this runtime posts (node:http with checked DNS on Node); `fetch` by default. */
  transport?: WebhookTransport;
}

/** What the delivery log says about a failed attempt: no detail a caller could map a network with. */
function logMessage(err: unknown): string {
  if (err instanceof TargetRefused) return 'target refused';
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timed out';
  return 'could not connect';
}

/** Records an outcome; `ifPending` leaves a delivery cancelled meanwhile (its webhook deactivated) as it is. */
async function finish(db: Db, id: string, set: Partial<WebhookDelivery>, ifPending = false): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ leaseUntil: null, ...set })
    .where(and(eq(webhookDeliveries.id, id), ifPending ? eq(webhookDeliveries.status, 'pending') : undefined));
}

/** Posts one delivery and records the outcome, scheduling a retry on failure. */
export async function attempt(db: Db, delivery: WebhookDelivery, opts: DeliveryOptions = {}, now = Date.now()): Promise<boolean> {
  const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId));
  // A deactivated (or deleted) webhook sends nothing more, retries included.
  if (!hook || !hook.active) {
    await finish(db, delivery.id, { status: 'failed', lastError: 'webhook deactivated' });
    return false;
  }
  let status: number | null = null;
  let error: unknown = null;
  const secrets = signingSecrets(hook, now);
  const timestamp = Math.floor(now / 1000);
  try {
    status = await (opts.transport ?? fetchTransport).post(
      {
        // The URL recorded when the event happened: changing the webhook's URL does not send old payloads to the new one.
        url: delivery.url ?? hook.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Chorus-Webhooks/1',
          'chorus-event': delivery.event,
          'chorus-delivery': delivery.id,
          'chorus-signature': await signature(secrets, delivery.body, timestamp),
          // Standard Webhooks (standardwebhooks.com): the id stays the same across retries, so receivers can deduplicate.
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': await standardSignature(secrets, delivery.id, timestamp, delivery.body),
        },
        body: delivery.body,
        timeoutMs: TIMEOUT_MS,
      },
      opts.allowPrivate ?? false,
    );
  } catch (err) {
    error = err;
  }
  const ok = status !== null && status >= 200 && status < 300;
  const attempts = delivery.attempts + 1;
  const delay = RETRY_DELAYS_S[attempts - 1];
  const lastError = ok ? null : status === null ? logMessage(error) : status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
  // A failure after the webhook was deactivated mid-attempt keeps the cancellation, so the log says why it stopped.
  await finish(
    db,
    delivery.id,
    {
      attempts,
      lastStatusCode: status,
      lastError,
      ...(ok
        ? { status: 'delivered' as const, deliveredAt: Date.now() }
        : // A refused target stays refused: retrying would only probe it again.
          delay === undefined || error instanceof TargetRefused
          ? { status: 'failed' as const }
          : { nextAttemptAt: now + delay * 1000 * (opts.retryScale ?? 1) }),
    },
    !ok,
  );
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
