import { createRoute } from '@hono/zod-openapi';
import type { SurveyRequest } from '../../db/schema';
import { managed } from '../middleware/managed';
import { ApiError } from '../errors';
import { present } from '../queries/present';
import { ownedContact } from '../queries/contacts';
import { cancelPending, listSurveyRequests, ownedSurveyRequest } from '../queries/survey-requests';
import { bounceInput, contact, requestId, surveyRequest, surveyRequestInput, surveyRequestList } from '../schemas/contacts';
import { scheduleSurveyRequest } from '../email/schedule';
import { optOut, sendSoon } from '../email/opt-out';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';

// The token is the email's capability (score, unsubscribe): it is never shown through the API.
const show = (r: SurveyRequest) => {
  const { token: _token, leaseUntil: _lease, ...rest } = present(r);
  return rest;
};

/** Email surveys: schedule one for a contact, see what became of each (sent, answered, skipped and why). */
export const surveyRequestRoutes = managed('editor')
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Schedule an email survey to a contact after a delay (editor)',
      request: { body: jsonBody(surveyRequestInput) },
      responses: { 202: json(surveyRequest, 'The request, pending until sendAt'), ...bodyErrors, ...errors(404, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const request = await scheduleSurveyRequest(c.var.db, c.var.workspace, input, { mailConfigured: !!c.var.mail });
      if (input.delaySeconds === 0) sendSoon(c);
      return c.json(show(request), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Survey requests, newest first: sent, answered, or skipped and why',
      request: { query: surveyRequestList },
      responses: { 200: json(listOf(surveyRequest), 'The requests'), ...errors(400, 404), ...managedErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const contactId = q.contact ? (await ownedContact(c.var.db, c.var.workspace.id, q.contact)).id : undefined;
      return c.json({ data: (await listSurveyRequests(c.var.db, c.var.workspace.id, { status: q.status, contactId, limit: q.limit })).map(show) }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', summary: 'One survey request', request: { params: requestId }, responses: { 200: json(surveyRequest, 'The request'), ...errors(400, 404), ...managedErrors } }),
    async (c) => c.json(show(await ownedSurveyRequest(c.var.db, c.var.workspace.id, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', summary: 'Cancel a pending survey request (editor)', request: { params: requestId }, responses: { ...noContent, ...errors(400, 404, 409), ...managedErrors } }),
    async (c) => {
      const r = await ownedSurveyRequest(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      if (!(await cancelPending(c.var.db, c.var.workspace.id, { id: r.id }))) throw new ApiError(409, 'not_pending', `Survey request "${r.id}" is ${r.status}; only pending requests can be cancelled`);
      return c.body(null, 204);
    },
  );

/** Bounce and complaint intake (from the mail provider's webhook or a script): the address is suppressed. */
export const bounceRoutes = managed('editor').openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Record a bounce or complaint: the address is suppressed and its pending requests cancelled (editor)',
    request: { body: jsonBody(bounceInput) },
    responses: { 200: json(contact, 'The contact, suppressed'), ...bodyErrors },
  }),
  async (c) => {
    const { email, type } = c.req.valid('json');
    return c.json(present(await optOut(c.var.db, c.var.workspace.id, email, { suppressed: type })), 200);
  },
);

