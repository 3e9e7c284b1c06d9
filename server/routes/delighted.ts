import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireJson } from '../validate';
import { limitBody } from '../middleware/body-limit';
import { authorize, useApiKey } from '../middleware/authenticate';
import { publicBase } from '../public-url';
import { listContacts, ownedContact, upsertContact } from '../queries/contacts';
import { cancelPending } from '../queries/survey-requests';
import { npsCounts, optedOut, scoredResponses } from '../queries/delighted';
import {
  delightedBounce,
  delightedMetrics,
  delightedOk,
  delightedPerson,
  delightedPersonCreated,
  delightedResponse,
  delightedUnsubscribe,
  emailParam,
  metricsQuery,
  pageQuery,
  peopleQuery,
  personInput,
  responseInput,
  responsesQuery,
  SURVEY_PROPERTY,
  unsubscribeInput,
  platformParam,
  membershipsQuery,
  membershipInput,
  membershipRef,
  delightedAutopilot,
  delightedMembership,
  delightedMembershipChange,
  formTwin,
} from '../schemas/delighted';
import { getSurvey } from '../queries/surveys';
import { DEFAULT_FREQUENCY_DAYS, getAutopilot, listMemberships, unenrol } from '../queries/autopilot';
import { enrolContact } from '../email/autopilot';
import { formBodyAsJson } from '../delighted/form-body';
import { documentedRouter } from '../openapi/router';
import { bodyErrors, errors, json, jsonBody } from '../openapi/responses';
import { scheduleSurveyRequest } from '../email/schedule';
import { optOut, sendSoon } from '../email/opt-out';
import { announceResponse } from '../webhooks/events';
import { analyzeLater } from '../services/analysis-queue';
import { autopilotConfig, bounce, membership, metrics, person, surveyResponse, unsubscribe } from '../delighted/present';
import { createResponse, emailSurveyId } from '../delighted/service';

const refuse = (message: string) => new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Basic realm="chorus"' });

/** Delighted's authentication: HTTP Basic with the API key as the user name and no password. */
const basicApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,400})$/i.exec(c.req.header('authorization') ?? '');
  let user = '';
  try {
    user = match ? atob(match[1]!).split(':')[0]! : '';
  } catch {
    user = '';
  }
  if (!user) throw refuse('Send the API key as the HTTP Basic user name, as Delighted clients do');
  await useApiKey(c, user, refuse);
  await next();
});

const offset = (q: { page: number; per_page: number }) => ({ limit: q.per_page, offset: (q.page - 1) * q.per_page });

/**
 * The Delighted API as its official clients call it, so an integration moves by changing the
 * host (and base path): people, survey responses, metrics, unsubscribes, bounces and pending
 * survey requests. Answers carry Delighted's field names and Unix-second times.
 */
const router = documentedRouter();
// `use` is not chained: Hono types its result as a plain Hono, without `.openapi()`.
router.use(limitBody(1024 * 1024), formBodyAsJson, requireJson, basicApiKey, authorize('editor'));
const auth = errors(401, 403);
/**
 * Documents a route's form-encoded twin of its JSON body (Delighted's curl docs send
 * `-d email=…`). Added after typing: formBodyAsJson has turned such a body into JSON before the
 * route's JSON validator runs, and a non-zod schema is not validated again.
 */
const acceptingForm = <R extends ReturnType<typeof createRoute>>(route: R): R => {
  Object.assign(route.request?.body?.content ?? {}, { 'application/x-www-form-urlencoded': formTwin });
  return route;
};
const arrayOf = <T extends z.ZodType>(item: T, what: string) => json(z.array(item), what);

export const delightedRoutes = router
  .openapi(
    acceptingForm(createRoute({
      method: 'post',
      path: '/people',
      summary: 'Delighted: create or update a person and schedule the email survey (HTTP Basic, the key as user name)',
      request: { body: jsonBody(personInput) },
      responses: { 200: json(delightedPersonCreated, 'The person, with when the survey goes out'), ...bodyErrors, ...errors(404, 409) },
    })),
    async (c) => {
      const input = c.req.valid('json');
      const ws = c.var.workspace;
      const { [SURVEY_PROPERTY]: _survey, ...attributes } = input.properties;
      let scheduledAt: number | null = null;
      if (input.send) {
        const request = await scheduleSurveyRequest(c.var.db, ws, { surveyId: emailSurveyId(ws, input.properties), contact: { email: input.email, name: input.name, attributes }, delaySeconds: input.delay, properties: {} }, { mailConfigured: !!c.var.mail });
        scheduledAt = request.sendAt;
        if (input.delay === 0) sendSoon(c);
      }
      const contact = input.send ? await ownedContact(c.var.db, ws.id, input.email) : (await upsertContact(c.var.db, ws.id, { email: input.email, name: input.name, attributes })).contact;
      return c.json({ ...person(contact), survey_scheduled_at: scheduledAt === null ? null : Math.floor(scheduledAt / 1000) }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/people', summary: 'Delighted: people, with Link-header pagination', request: { query: peopleQuery }, responses: { 200: arrayOf(delightedPerson, 'A page of people; the next is in the Link header'), ...errors(400), ...auth } }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await listContacts(c.var.db, c.var.workspace.id, { limit: q.per_page, after: q.page_info });
      if (rows.length === q.per_page) {
        const next = new URL(c.req.url);
        next.searchParams.set('page_info', rows[rows.length - 1]!.email);
        c.header('Link', `<${publicBase(c)}${next.pathname}${next.search}>; rel="next"`);
      }
      return c.json(rows.map(person), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/people/{email}/survey_requests/pending',
      summary: "Delighted: cancel a person's pending survey requests",
      request: { params: emailParam },
      responses: { 200: json(delightedOk, 'Done'), ...errors(400, 404), ...auth },
    }),
    async (c) => {
      const contact = await ownedContact(c.var.db, c.var.workspace.id, c.req.valid('param').email);
      await cancelPending(c.var.db, c.var.workspace.id, { contactId: contact.id });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/survey_responses',
      summary: 'Delighted: NPS responses, oldest first, with since / until / updated_since / expand[]=person',
      request: { query: responsesQuery },
      responses: { 200: arrayOf(delightedResponse, 'A page of responses'), ...errors(400), ...auth },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const expand = [q['expand[]'] ?? []].flat();
      const rows = await scoredResponses(c.var.db, c.var.workspace.id, { since: q.since, until: q.until, updatedSince: q.updated_since, ...offset(q) });
      const baseUrl = publicBase(c);
      return c.json(rows.map((r) => surveyResponse(r.response, r.contact, { expandPerson: expand.includes('person'), baseUrl })), 200);
    },
  )
  .openapi(
    acceptingForm(createRoute({
      method: 'post',
      path: '/survey_responses',
      summary: 'Delighted: create a response for a person',
      request: { body: jsonBody(responseInput) },
      responses: { 201: json(delightedResponse, 'The response'), ...bodyErrors, ...errors(404) },
    })),
    async (c) => {
      const input = c.req.valid('json');
      const ws = c.var.workspace;
      const contact = await ownedContact(c.var.db, ws.id, input.person);
      const { row, result } = await createResponse(c.var.db, ws, contact, input);
      if (result.analyze) analyzeLater(c, ws.id, row.id);
      announceResponse(c, ws.id, row.id, result.events);
      return c.json(surveyResponse(row, contact, { expandPerson: false, baseUrl: publicBase(c) }), 201);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/metrics', summary: 'Delighted: NPS with promoter, passive and detractor counts and percents', request: { query: metricsQuery }, responses: { 200: json(delightedMetrics, 'The metrics'), ...errors(400), ...auth } }),
    async (c) => c.json(metrics(await npsCounts(c.var.db, c.var.workspace.id, c.req.valid('query'))), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/unsubscribes', summary: 'Delighted: people who unsubscribed', request: { query: pageQuery }, responses: { 200: arrayOf(delightedUnsubscribe, 'A page of unsubscribes'), ...errors(400), ...auth } }),
    async (c) => c.json((await optedOut(c.var.db, c.var.workspace.id, 'unsubscribed', offset(c.req.valid('query')))).map(unsubscribe), 200),
  )
  .openapi(
    acceptingForm(createRoute({ method: 'post', path: '/unsubscribes', summary: 'Delighted: unsubscribe a person', request: { body: jsonBody(unsubscribeInput) }, responses: { 200: json(delightedOk, 'Done'), ...bodyErrors } })),
    async (c) => {
      const { person_email } = c.req.valid('json');
      await optOut(c.var.db, c.var.workspace.id, person_email, { unsubscribe: true });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/bounces', summary: 'Delighted: people whose email bounced', request: { query: pageQuery }, responses: { 200: arrayOf(delightedBounce, 'A page of bounces'), ...errors(400), ...auth } }),
    async (c) => c.json((await optedOut(c.var.db, c.var.workspace.id, 'bounced', offset(c.req.valid('query')))).map(bounce), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/autopilot/{platform}', summary: "Delighted: the autopilot of the workspace's email survey (or properties' chorus_survey_id)", request: { params: platformParam, query: z.object({ [SURVEY_PROPERTY]: membershipRef.shape[SURVEY_PROPERTY] }) }, responses: { 200: json(delightedAutopilot, 'The autopilot'), ...errors(400, 404, 422), ...auth } }),
    async (c) => {
      const ws = c.var.workspace;
      const survey = await getSurvey(c.var.db, ws.id, emailSurveyId(ws, c.req.valid('query')));
      return c.json(autopilotConfig(await getAutopilot(c.var.db, ws.id, survey.id), survey, DEFAULT_FREQUENCY_DAYS), 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/autopilot/{platform}/memberships', summary: 'Delighted: people in the autopilot, with their next survey; Link-header pagination', request: { params: platformParam, query: membershipsQuery }, responses: { 200: arrayOf(delightedMembership, 'A page of memberships'), ...errors(400, 404, 422), ...auth } }),
    async (c) => {
      const q = c.req.valid('query');
      const ws = c.var.workspace;
      const survey = await getSurvey(c.var.db, ws.id, emailSurveyId(ws, q));
      const who = q.person_email ?? q.person_id;
      const contactId = who ? (await ownedContact(c.var.db, ws.id, who)).id : undefined;
      const rows = await listMemberships(c.var.db, ws.id, { surveyId: survey.id, contactId, limit: q.per_page, after: q.page_info });
      if (rows.length === q.per_page) {
        const next = new URL(c.req.url);
        next.searchParams.set('page_info', rows[rows.length - 1]!.membership.id);
        c.header('Link', `<${publicBase(c)}${next.pathname}${next.search}>; rel="next"`);
      }
      return c.json(rows.map((r) => membership(r.membership, r.contact)), 200);
    },
  )
  .openapi(
    acceptingForm(createRoute({ method: 'post', path: '/autopilot/{platform}/memberships', summary: 'Delighted: add a person to the autopilot (created or updated); the first survey goes at once', request: { params: platformParam, body: jsonBody(membershipInput) }, responses: { 201: json(delightedMembershipChange, 'The person, enrolled'), ...bodyErrors, ...errors(404) } })),
    async (c) => {
      const input = c.req.valid('json');
      const ws = c.var.workspace;
      const { [SURVEY_PROPERTY]: _survey, ...properties } = input.properties;
      const r = await enrolContact(c.var.db, ws, emailSurveyId(ws, input.properties), { contact: { email: input.person_email, ...(input.person_name !== undefined ? { name: input.person_name } : {}) }, properties, delaySeconds: 0 });
      // The first turn is due now: it goes out after the response, not at the scheduler's next tick.
      sendSoon(c);
      return c.json({ ok: true as const, person: person(r.contact), properties: r.membership.properties }, 201);
    },
  )
  .openapi(
    acceptingForm(createRoute({
      method: 'delete',
      path: '/autopilot/{platform}/memberships',
      summary: 'Delighted: remove a person from the autopilot, by person_email or person_id (query or body)',
      request: { params: platformParam, query: membershipRef, body: { required: false, content: { 'application/json': { schema: membershipRef } } } },
      responses: { 202: json(delightedMembershipChange, 'The person, removed'), ...bodyErrors, ...errors(404) },
    })),
    async (c) => {
      const ref = { ...c.req.valid('query'), ...c.req.valid('json') };
      const who = ref.person_email ?? ref.person_id;
      if (!who) throw new ApiError(400, 'invalid_query', 'Give person_email or person_id, in the query or the body');
      const ws = c.var.workspace;
      const survey = await getSurvey(c.var.db, ws.id, emailSurveyId(ws, ref));
      const contact = await ownedContact(c.var.db, ws.id, who);
      if (!(await unenrol(c.var.db, ws.id, survey.id, contact.id))) throw new ApiError(404, 'not_found', `${who} is not in the autopilot of survey "${survey.id}"`);
      return c.json({ ok: true as const, person: person(contact) }, 202);
    },
  );
