import { createRoute } from '@hono/zod-openapi';
import type { Autopilot } from '../../db/schema';
import { z } from 'zod';
import { managed } from '../middleware/managed';
import { ApiError, notFound } from '../errors';
import { present } from '../queries/present';
import { ownedContact } from '../queries/contacts';
import { getSurvey } from '../queries/surveys';
import { getAutopilot, listMemberships, putAutopilot, unenrol } from '../queries/autopilot';
import { autopilot, autopilotInput, autopilotParam, member, memberInput, memberList, memberParam } from '../schemas/autopilot';
import { contactImportReport } from '../schemas/contacts';
import { enrolContact, presentMember } from '../email/autopilot';
import { sendSoon } from '../email/opt-out';
import { importContacts } from '../email/contact-csv';
import { readAhead } from '../import/read-ahead';
import { bodyErrors, errors, json, jsonBody, managedErrors, noContent } from '../openapi/responses';

const showAutopilot = (a: Autopilot) => present(a);

/** Recurring email surveys per survey (Delighted's Autopilot): the schedule, and who is enrolled. */
export const autopilotRoutes = managed('editor')
  .openapi(
    createRoute({ method: 'get', path: '/{surveyId}', summary: "A survey's autopilot: whether it runs, and every how many days it asks each member", request: { params: autopilotParam }, responses: { 200: json(autopilot, 'The autopilot'), ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const { surveyId } = c.req.valid('param');
      const found = await getAutopilot(c.var.db, c.var.workspace.id, surveyId);
      if (!found) throw notFound('autopilot', surveyId);
      return c.json(showAutopilot(found), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{surveyId}',
      summary: "Start, stop or re-time a survey's autopilot (editor)",
      request: { params: autopilotParam, body: jsonBody(autopilotInput) },
      responses: { 200: json(autopilot, 'The autopilot'), ...bodyErrors, ...errors(404) },
    }),
    async (c) => {
      const survey = await getSurvey(c.var.db, c.var.workspace.id, c.req.valid('param').surveyId);
      return c.json(showAutopilot(await putAutopilot(c.var.db, c.var.workspace.id, survey.id, c.req.valid('json'))), 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/{surveyId}/members', summary: "A survey's autopilot members, with when each is asked next (cursor: after)", request: { params: autopilotParam, query: memberList }, responses: { 200: json(z.object({ data: z.array(member), next: z.string().nullable() }), 'A page of members'), ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const q = c.req.valid('query');
      const ws = c.var.workspace.id;
      const survey = await getSurvey(c.var.db, ws, c.req.valid('param').surveyId);
      const contactId = q.contact ? (await ownedContact(c.var.db, ws, q.contact)).id : undefined;
      const rows = await listMemberships(c.var.db, ws, { surveyId: survey.id, contactId, limit: q.limit, after: q.after });
      return c.json({ data: rows.map((r) => presentMember(r.membership, r.contact)), next: rows.length === q.limit ? rows[rows.length - 1]!.membership.id : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{surveyId}/members',
      summary: 'Enrol a contact (created or updated) in the autopilot; a survey without one gets it, active at 90 days (editor)',
      request: { params: autopilotParam, body: jsonBody(memberInput) },
      responses: { 200: json(member, 'Already enrolled: properties replaced'), 201: json(member, 'Enrolled'), ...bodyErrors, ...errors(404) },
    }),
    async (c) => {
      const r = await enrolContact(c.var.db, c.var.workspace, c.req.valid('param').surveyId, c.req.valid('json'));
      // A turn due now goes out after the response, not at the scheduler's next tick (a cron on Workers).
      sendSoon(c);
      const body = presentMember(r.membership, r.contact);
      return r.created ? c.json(body, 201) : c.json(body, 200);
    },
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{surveyId}/members/{ref}', summary: 'Take a contact out of the autopilot; requests already made stay (editor)', request: { params: memberParam }, responses: { ...noContent, ...errors(400, 404), ...managedErrors } }),
    async (c) => {
      const { surveyId, ref } = c.req.valid('param');
      const contact = await ownedContact(c.var.db, c.var.workspace.id, ref);
      if (!(await unenrol(c.var.db, c.var.workspace.id, surveyId, contact.id))) throw notFound('autopilot_member', ref);
      return c.body(null, 204);
    },
  );

/** Enrolment by CSV: the contact import's format; every contact written is enrolled. Mounted before autopilotRoutes (its body is not JSON). */
export const autopilotImportRoutes = managed('editor', { json: false, maxBytes: 5 * 1024 * 1024 }).openapi(
  createRoute({
    method: 'post',
    path: '/{surveyId}/members/import',
    summary: 'Enrol contacts from CSV (email, name, other columns as attributes) in the autopilot (editor)',
    request: { params: autopilotParam, body: { required: true, content: { 'text/csv': { schema: z.string().meta({ example: 'email,name,plan\r\nana@acme.com,Ana,pro\r\n' }) } } } },
    responses: { 200: json(contactImportReport, 'Contacts enrolled (created and updated), and each line refused'), ...errors(400, 404, 413, 415, 422), ...managedErrors },
  }),
  async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/csv' && type !== 'text/plain') throw new ApiError(415, 'unsupported_media_type', 'Send the CSV as the body with "Content-Type: text/csv"');
    const { db, workspace } = c.var;
    const survey = await getSurvey(db, workspace.id, c.req.valid('param').surveyId);
    try {
      const result = await importContacts(db, workspace.id, readAhead(c.req.raw.body), (contact) => enrolContact(db, workspace, survey.id, { contact: { email: contact.email }, properties: {}, delaySeconds: 0 }));
      sendSoon(c);
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof Error && err.message === 'no_email_column') throw new ApiError(422, 'no_email_column', 'The first CSV row must be a header with an "email" column');
      throw err;
    }
  },
);
