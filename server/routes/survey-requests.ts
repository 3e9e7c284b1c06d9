import type { Context } from 'hono';
import { z } from 'zod';
import type { SurveyRequest } from '../../db/schema';
import type { AppEnv } from '../env';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { ApiError } from '../errors';
import { present } from '../queries/present';
import { publicBase } from '../public-url';
import { ownedContact, suppressEmails } from '../queries/contacts';
import { cancelPending, listSurveyRequests, ownedSurveyRequest } from '../queries/survey-requests';
import { bounceInput, surveyRequestInput, surveyRequestList } from '../schemas/contacts';
import { scheduleSurveyRequest } from '../email/schedule';
import { sendDueSurveyRequests } from '../email/send';

const id = z.object({ id: z.string().min(1).max(64) });

// The token is the email's capability (score, unsubscribe): it is never shown through the API.
const show = (r: SurveyRequest) => {
  const { token: _token, leaseUntil: _lease, ...rest } = present(r);
  return rest;
};

/** Sends what is due now (a request with no delay) after the response, instead of at the next tick. */
const sendSoon = (c: Context<AppEnv>) => {
  const { db, mail } = c.var;
  const baseUrl = publicBase(c);
  c.var.background(async () => void (await sendDueSurveyRequests(db, { mail, baseUrl })));
};

/** Email surveys: schedule one for a contact, see what became of each (sent, answered, skipped and why). */
export const surveyRequestRoutes = managed('editor')
  .post('/', validate('json', surveyRequestInput), async (c) => {
    const input = c.req.valid('json');
    const request = await scheduleSurveyRequest(c.var.db, c.var.workspace, input, { mailConfigured: !!c.var.mail });
    if (input.delaySeconds === 0) sendSoon(c);
    return c.json(show(request), 202);
  })
  .get('/', validate('query', surveyRequestList), async (c) => {
    const q = c.req.valid('query');
    const contactId = q.contact ? (await ownedContact(c.var.db, c.var.workspace.id, q.contact)).id : undefined;
    return c.json({ data: (await listSurveyRequests(c.var.db, c.var.workspace.id, { status: q.status, contactId, limit: q.limit })).map(show) });
  })
  .get('/:id', validate('param', id), async (c) => c.json(show(await ownedSurveyRequest(c.var.db, c.var.workspace.id, c.req.valid('param').id))))
  .delete('/:id', validate('param', id), async (c) => {
    const r = await ownedSurveyRequest(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    if (!(await cancelPending(c.var.db, c.var.workspace.id, { id: r.id }))) throw new ApiError(409, 'not_pending', `Survey request "${r.id}" is ${r.status}; only pending requests can be cancelled`);
    return c.body(null, 204);
  });

/** Bounce and complaint intake (from the mail provider's webhook or a script): the address is suppressed. */
export const bounceRoutes = managed('editor').post('/', validate('json', bounceInput), async (c) => {
  const { email, type } = c.req.valid('json');
  await suppressEmails(c.var.db, c.var.workspace.id, [email], { suppressed: type });
  const contact = await ownedContact(c.var.db, c.var.workspace.id, email);
  await cancelPending(c.var.db, c.var.workspace.id, { contactId: contact.id });
  return c.json(present(contact));
});
