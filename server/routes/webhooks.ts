import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { webhookDeliveries, webhookEvents, webhooks, type Webhook } from '../../db/schema';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { notFound } from '../errors';
import { newId, randomToken } from '../crypto';
import { present } from '../queries/present';
import { dispatch } from '../webhooks/dispatch';
import { forgetListenersOnWrite } from '../webhooks/listeners';

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

// The secret is shown once, when created or rotated; listings never carry it.
const show = (w: Webhook) => {
  const { secret: _secret, ...rest } = present(w);
  return rest;
};

async function owned(db: Parameters<typeof dispatch>[0], ws: string, hookId: string): Promise<Webhook> {
  const [row] = await db.select().from(webhooks).where(and(eq(webhooks.workspaceId, ws), eq(webhooks.id, hookId)));
  if (!row) throw notFound('webhook', hookId);
  return row;
}

/** Signed webhooks on new, completed and detractor responses and on alerts (owners manage them). */
export const webhookRoutes = managed('owner')
  .use(forgetListenersOnWrite)
  .get('/', async (c) => c.json({ data: (await c.var.db.select().from(webhooks).where(eq(webhooks.workspaceId, c.var.workspace.id))).map(show) }))
  .post('/', validate('json', webhookInput), async (c) => {
    const now = Date.now();
    const [row] = await c.var.db
      .insert(webhooks)
      .values({ ...c.req.valid('json'), id: newId('wh'), workspaceId: c.var.workspace.id, secret: randomToken('whsec'), createdAt: now, updatedAt: now })
      .returning();
    return c.json({ ...show(row!), secret: row!.secret }, 201);
  })
  .get('/:id', validate('param', id), async (c) => c.json(show(await owned(c.var.db, c.var.workspace.id, c.req.valid('param').id))))
  .patch('/:id', validate('param', id), validate('json', webhookPatch), async (c) => {
    const hook = await owned(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    const [row] = await c.var.db.update(webhooks).set({ ...c.req.valid('json'), updatedAt: Date.now() }).where(eq(webhooks.id, hook.id)).returning();
    return c.json(show(row!));
  })
  .delete('/:id', validate('param', id), async (c) => {
    const hook = await owned(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    await c.var.db.delete(webhooks).where(eq(webhooks.id, hook.id));
    return c.body(null, 204);
  })
  .post('/:id/rotate-secret', validate('param', id), async (c) => {
    const hook = await owned(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    const [row] = await c.var.db.update(webhooks).set({ secret: randomToken('whsec'), updatedAt: Date.now() }).where(eq(webhooks.id, hook.id)).returning();
    return c.json({ ...show(row!), secret: row!.secret });
  })
  .post('/:id/ping', validate('param', id), async (c) => {
    const hook = await owned(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    await dispatch(c.var.db, hook.workspaceId, [{ event: 'ping', data: { webhookId: hook.id }, text: 'Chorus webhook test' }], { retryScale: c.var.webhookRetryScale });
    const [last] = await c.var.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.id)).orderBy(desc(webhookDeliveries.createdAt)).limit(1);
    return c.json(present(last!));
  })
  .get('/:id/deliveries', validate('param', id), async (c) => {
    const hook = await owned(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    const rows = await c.var.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hook.id))
      .orderBy(desc(webhookDeliveries.createdAt))
      .limit(100);
    return c.json({ data: rows.map((r) => present(r)) });
  });
