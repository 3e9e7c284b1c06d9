import { and, eq, inArray } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../../db/client';
import { alertRules, webhooks, type WebhookEvent } from '../../db/schema';
import { ttlCache } from '../cache';
import type { AppEnv } from '../env';
import { CONFIG_TTL_MS } from '../queries/hot-lookups';
import { perResponseKinds } from '../queries/alert-rules';

/** What in a workspace listens to response events: webhook subscriptions and detractor rules. */
export interface Listeners {
  events: ReadonlySet<WebhookEvent>;
  detractorRules: boolean;
}

const caches = new WeakMap<Db, ReturnType<typeof ttlCache<Listeners>>>();
const cacheOf = (db: Db) => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = ttlCache(CONFIG_TTL_MS)));
  return c;
};

/**
 * Cached like the other config lookups. Most workspaces have no webhook for most events;
 * without this, every response cost three reads after its acknowledgement to find that out.
 */
export const listenersOf = (db: Db, workspaceId: string): Promise<Listeners> =>
  cacheOf(db).get(workspaceId, async () => {
    const [hooks, rules] = await Promise.all([
      db.select({ events: webhooks.events }).from(webhooks).where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.active, true))),
      db.select({ id: alertRules.id }).from(alertRules).where(and(eq(alertRules.workspaceId, workspaceId), inArray(alertRules.kind, [...perResponseKinds]), eq(alertRules.active, true))).limit(1),
    ]);
    return { events: new Set(hooks.flatMap((h) => h.events)), detractorRules: rules.length > 0 };
  });

/** After a webhook or alert rule changed in this process. */
export const forgetListeners = (db: Db, workspaceId: string): void => cacheOf(db).evict(workspaceId);

/** For the webhook and alert-rule routes: any write there may change who listens. */
export const forgetListenersOnWrite: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') forgetListeners(c.var.db, c.var.workspace.id);
};
