import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { buildDigest } from '../digest/build';
import { requireMail, sendDigest, type DigestDelivery } from '../digest/send';
import { digestWeek } from '../digest/week';
import { digestQuery, digestSubscriptionInput } from '../schemas/digest';
import { getDigestSubscription, setDigestSubscription } from '../queries/digest-members';

const query = validate('query', digestQuery);
const delivery = (c: Context<AppEnv>): DigestDelivery => ({ mail: c.var.mail, webhooks: c.var.webhooks, baseUrl: c.var.publicUrl ?? new URL(c.req.url).origin });
const digestOf = (c: Context<AppEnv>, week: number | undefined) => buildDigest(c.var.db, c.var.workspace, digestWeek(c.var.workspace.timezone, Date.now(), week));

/** The weekly digest (docs/METRICS.md, "Weekly digest"): read it, or send it now. */
export const digestRoutes = managed()
  .get('/', query, async (c) => c.json(await digestOf(c, c.req.valid('query').week)))
  .post('/send', query, async (c) => {
    const d = delivery(c);
    requireMail(d);
    const digest = await digestOf(c, c.req.valid('query').week);
    return c.json(await sendDigest(c.var.db, c.var.workspace, digest, d));
  });

/** The signed-in member's own choice: every member may change it, whatever their role. */
const memberOf = (c: Context<AppEnv>): string => {
  if (c.var.principal.kind !== 'user') throw new ApiError(400, 'not_a_member', 'Digest subscriptions belong to members: sign in (an API key has no mailbox)');
  return c.var.principal.id;
};

export const digestSubscriptionRoutes = managed('viewer')
  .get('/', async (c) => c.json(await getDigestSubscription(c.var.db, c.var.workspace.id, memberOf(c))))
  .put('/', validate('json', digestSubscriptionInput), async (c) => {
    const user = memberOf(c);
    await setDigestSubscription(c.var.db, c.var.workspace.id, user, c.req.valid('json').subscribed);
    return c.json(await getDigestSubscription(c.var.db, c.var.workspace.id, user));
  });
