import type { Context } from 'hono';
import { z } from 'zod';
import { webhookEvents, type Webhook, type WebhookDelivery } from '../../db/schema';
import type { AppEnv } from '../env';
import { createRoute } from '@hono/zod-openapi';
import { jsonBodies, managed } from '../middleware/managed';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';
import { ApiError } from '../errors';
import { newId } from '../crypto';
import { newWebhookSecret } from '../webhooks/sign';
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
  const { secret: _secret, previousSecret: _previous, ...rest } = present(w);
  return isOwner(c) ? rest : { ...rest, url: maskUrl(w.url) };
};

const showDelivery = (c: Context<AppEnv>, d: WebhookDelivery) => {
  const rest = present(d);
  if (isOwner(c)) return rest;
  const { body: _body, ...masked } = rest;
  return { ...masked, url: d.url === null ? null : maskUrl(d.url) };
};

/** A rotated secret keeps signing deliveries (beside the new one) this long, so receivers can switch without missing any. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3600_000;

const webhook = z
  .object({
    id: z.string(),
    url: z.string().describe('The whole URL for owners; scheme and host only for other roles'),
    events: z.array(z.enum(webhookEvents)),
    format: z.enum(['json', 'slack']),
    active: z.boolean(),
    previousSecretExpiresAt: z.string().nullable().describe('Until then, deliveries are also signed with the secret before the last rotation'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Webhook' });
const withSecret = webhook
  .extend({ secret: z.string().describe('whsec_ then the base64 key (Standard Webhooks); shown only here') })
  .meta({ id: 'WebhookWithSecret', example: { id: 'wh_1', url: 'https://hooks.example.com/chorus', events: ['response.completed'], format: 'json', active: true, previousSecretExpiresAt: null, createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-10-01T09:00:00.000Z', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } });
const delivery = z
  .object({
    id: z.string().describe('Also sent as webhook-id and Chorus-Delivery'),
    webhookId: z.string(),
    event: z.string(),
    url: z.string().nullable(),
    body: z.string().optional().describe('The exact body sent (owners only)'),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    leaseUntil: z.number().int().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

/** Signed webhooks on new, completed and detractor responses and on alerts (owners manage them). */
export const webhookRoutes = managed('owner', jsonBodies, forgetListenersOnWrite)
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Webhooks (without their secrets)', responses: { 200: json(listOf(webhook), 'The webhooks'), ...managedErrors } }),
    async (c) => c.json({ data: (await listWebhooks(c.var.db, c.var.workspace.id)).map((w) => show(c, w)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a webhook; its signing secret is returned once (owner)',
      request: { body: jsonBody(webhookInput) },
      responses: { 201: json(withSecret, 'The webhook created, with its secret'), ...bodyErrors },
    }),
    async (c) => {
      const input = c.req.valid('json');
      await assertTargetAllowed(input.url, c.var.webhooks);
      const now = Date.now();
      const row = await insertWebhook(c.var.db, { ...input, id: newId('wh'), workspaceId: c.var.workspace.id, secret: newWebhookSecret(), createdAt: now, updatedAt: now });
      return c.json({ ...show(c, row), secret: row.secret }, 201);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', summary: 'One webhook', request: { params: id }, responses: { 200: json(webhook, 'The webhook'), ...errors(400, 404), ...managedErrors } }),
    async (c) => c.json(show(c, await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Change a webhook',
      request: { params: id, body: jsonBody(webhookPatch) },
      responses: { 200: json(webhook, 'The webhook changed'), ...bodyErrors, ...errors(404) },
    }),
    async (c) => {
      const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      const patch = c.req.valid('json');
      if (patch.url !== undefined) await assertTargetAllowed(patch.url, c.var.webhooks);
      const row = await updateWebhook(c.var.db, hook.id, patch);
      if (patch.active === false) await cancelPendingDeliveries(c.var.db, hook.id, 'webhook deactivated');
      return c.json(show(c, row), 200);
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', summary: 'Delete a webhook', request: { params: id }, responses: { ...noContent, ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      // A retry already in flight finds no webhook and stops.
      await deleteWebhook(c.var.db, hook.id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/rotate-secret',
      summary: 'Replace the signing secret; returns the new one once. The old one keeps signing deliveries beside it for 24 h',
      request: { params: id },
      responses: { 200: json(withSecret, 'The webhook with its new secret'), ...errors(400, 404, 413, 415), ...managedErrors },
    }),
    async (c) => {
      const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      // Rotating twice within the day keeps only the latest previous secret: the one receivers most likely still hold.
      const row = await updateWebhook(c.var.db, hook.id, { secret: newWebhookSecret(), previousSecret: hook.secret, previousSecretExpiresAt: Date.now() + PREVIOUS_SECRET_TTL_MS });
      return c.json({ ...show(c, row), secret: row.secret }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/ping',
      summary: 'Send a signed test event to this webhook now and return its delivery',
      request: { params: id },
      responses: { 200: json(delivery, 'The delivery, after its first attempt'), ...errors(400, 404, 409, 413, 415), ...managedErrors },
    }),
    async (c) => {
      const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      if (!hook.active) throw new ApiError(409, 'webhook_inactive', 'This webhook is deactivated: set "active": true to ping it');
      const [deliveryId] = await deliverTo(c.var.db, [hook], [{ event: 'ping', data: { webhookId: hook.id }, text: 'Chorus webhook test' }], c.var.webhooks);
      return c.json(showDelivery(c, (await deliveryById(c.var.db, deliveryId!))!), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/deliveries',
      summary: 'The last 100 deliveries: status, attempts, response code, error',
      request: { params: id },
      responses: { 200: json(listOf(delivery), 'The deliveries, newest first'), ...errors(400, 404), ...managedErrors },
    }),
    async (c) => {
      const hook = await ownedWebhook(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      return c.json({ data: (await recentDeliveries(c.var.db, c.var.workspace.id, hook.id)).map((d) => showDelivery(c, d)) }, 200);
    },
  );
