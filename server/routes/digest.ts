import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { managed } from '../middleware/managed';
import { bodyErrors, errors, json, jsonBody, managedErrors } from '../openapi/responses';
import { buildDigest } from '../digest/build';
import { requireMail, sendDigest, type DigestDelivery } from '../digest/send';
import { digestWeek } from '../digest/week';
import { digestBody, digestQuery, digestSent, digestSubscription, digestSubscriptionInput } from '../schemas/digest';
import { getDigestSubscription, setDigestSubscription } from '../queries/digest-members';

const delivery = (c: Context<AppEnv>): DigestDelivery => ({ mail: c.var.mail, webhooks: c.var.webhooks, baseUrl: c.var.publicUrl ?? new URL(c.req.url).origin });
const digestOf = (c: Context<AppEnv>, week: number | undefined) => buildDigest(c.var.db, c.var.workspace, digestWeek(c.var.workspace.timezone, Date.now(), week));

/** The weekly digest (docs/METRICS.md, "Weekly digest"): read it, or send it now. */
export const digestRoutes = managed()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The weekly digest of one local ISO week (default the last complete one): significant changes, moving themes with verbatims, missed CPIs, loops, volume, accounts turned red, anomalies',
      request: { query: digestQuery },
      responses: { 200: json(digestBody, 'The digest'), ...errors(400), ...managedErrors },
    }),
    async (c) => c.json(await digestOf(c, c.req.valid('query').week), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/send',
      summary: 'Email the digest now to opted-in members and post it to digest.weekly webhooks (409 when mail is not configured)',
      request: { query: digestQuery },
      responses: { 200: json(digestSent, 'Who it was sent to'), ...errors(400, 409), ...managedErrors },
    }),
    async (c) => {
      const d = delivery(c);
      requireMail(d);
      const digest = await digestOf(c, c.req.valid('query').week);
      return c.json(await sendDigest(c.var.db, c.var.workspace, digest, d), 200);
    },
  );

/** The signed-in member's own choice: every member may change it, whatever their role. */
const memberOf = (c: Context<AppEnv>): string => {
  if (c.var.principal.kind !== 'user') throw new ApiError(400, 'not_a_member', 'Digest subscriptions belong to members: sign in (an API key has no mailbox)');
  return c.var.principal.id;
};

export const digestSubscriptionRoutes = managed('viewer')
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "The signed-in member's own digest email subscription (session)",
      responses: { 200: json(digestSubscription, 'The subscription'), ...errors(400, 404), ...managedErrors },
    }),
    async (c) => c.json(await getDigestSubscription(c.var.db, c.var.workspace.id, memberOf(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      summary: 'Subscribe or unsubscribe the signed-in member from the digest email (session; any role)',
      request: { body: jsonBody(digestSubscriptionInput) },
      responses: { 200: json(digestSubscription, 'The subscription'), ...bodyErrors, ...errors(404) },
    }),
    async (c) => {
      const user = memberOf(c);
      await setDigestSubscription(c.var.db, c.var.workspace.id, user, c.req.valid('json').subscribed);
      return c.json(await getDigestSubscription(c.var.db, c.var.workspace.id, user), 200);
    },
  );
