import type { Context } from 'hono';
import { z } from 'zod';
import { webhookEvents, type Webhook, type WebhookDelivery } from '../../db/schema';
import type { AppEnv } from '../env';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { ApiError } from '../errors';
import { newId, randomToken } from '../crypto';
import { present } from '../queries/present';
import { cancelPendingDeliveries, deleteWebhook, deliveryById, insertWebhook, listWebhooks, ownedWebhook, recentDeliveries, updateWebhook } from '../queries/webhooks';
import { deliverTo } from '../webhooks/dispatch';
import { forgetListenersOnWrite } from '../webhooks/listeners';
import { maskUrl } from '../webhooks/ip-ranges';
import { assertTargetAllowed } from '../webhooks/target';

const id = z.object({ id: z.string().min(1).max(64) });
const url = z.url({ protocol: /^https?$/ }).max(2000);
const webhookInput = z.strictObject({
  url,
  events: z.array(z.enum(webhookEvents)).min(1).max(webhookEvents.length),
  /** `slack` posts `{ text }` for Slack's incoming webhooks instead of the JSON event. */
  format: z.enum(['json', 'slack']).default('json'),
  active: z.boolean().default(true),
});
const webhookPatch = webhookInput.partial().strict();

// A webhook URL is a credential (Slack's carry their token in the path), and delivery bodies
// carry respondents' answers: owners see both; editors and viewers see the host only and no bodies.
const isOwner = (c: Context<AppEnv>) => c.var.role === 'owner';

// The secret is shown once, when created or rotated; listings never carry it.
const show = (c: Context<AppEnv>, w: Webhook) => {
  const { secret: _secret, ...rest } = present(w);
  return isOwner(c) ? rest : { ...rest, url: maskUrl(w.url) };
};

const showDelivery = (c: Context<AppEnv>, d: WebhookDelivery) => {
  const rest = present(d);
  if (isOwner(c)) return rest;
  const { body: _body, ...masked } = rest;
  return { ...masked, url: d.url === null ? null : maskUrl(d.url) };
};

/** Signed webhooks on new, completed and detractor responses and on alerts (owners manage them). */
export const webhookRoutes = managed('owner')
  .use(forgetListenersOnWrite)
  .get('/', async (c) => c.json({ data: (await listWebhooks(c.var.db, c.var.workspace.id)).map((w) => show(c, w)) }))
  .post('/', validate('json', webhookInput), async (c) => {
    const input = c.req.valid('json');
    await assertTargetAllowed(input.url, c.var.webhooks);
    const now = Date.now();
    const row = await insertWebhook(c.var.db, { ...input, id: newId('wh'), workspaceId: c.var.workspace.id, secret: randomToken('whsec'), createdAt: now, updatedAt: now });
    return c.json({ ...show(c, row), secret: row.secret }, 201);
  })
  .get('/:id', validate('param', id), async (c) => c.json(show(c, await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id))))
  .patch('/:id', validate('param', id), validate('json', webhookPatch), async (c) => {
    const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    const patch = c.req.valid('json');
    if (patch.url !== undefined) await assertTargetAllowed(patch.url, c.var.webhooks);
    const row = await updateWebhook(c.var.db, hook.id, patch);
    if (patch.active === false) await cancelPendingDeliveries(c.var.db, hook.id, 'webhook deactivated');
    return c.json(show(c, row));
  })
  .delete('/:id', validate('param', id), async (c) => {
    const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    // A retry already in flight finds no webhook and stops.
    await deleteWebhook(c.var.db, hook.id);
    return c.body(null, 204);
  })
  .post('/:id/rotate-secret', validate('param', id), async (c) => {
    const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    const row = await updateWebhook(c.var.db, hook.id, { secret: randomToken('whsec') });
    return c.json({ ...show(c, row), secret: row.secret });
  })
  .post('/:id/ping', validate('param', id), async (c) => {
    const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    if (!hook.active) throw new ApiError(409, 'webhook_inactive', 'This webhook is deactivated: set "active": true to ping it');
    const [deliveryId] = await deliverTo(c.var.db, [hook], [{ event: 'ping', data: { webhookId: hook.id }, text: 'Chorus webhook test' }], c.var.webhooks);
    return c.json(showDelivery(c, (await deliveryById(c.var.db, deliveryId!))!));
  })
  .get('/:id/deliveries', validate('param', id), async (c) => {
    const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.json({ data: (await recentDeliveries(c.var.db, c.var.workspace.id, hook.id)).map((d) => showDelivery(c, d)) });
  });
