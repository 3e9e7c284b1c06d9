import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { managed } from '../middleware/managed';
import { ApiError } from '../errors';
import { present } from '../queries/present';
import { deleteContact, listContacts, ownedContact, upsertContact } from '../queries/contacts';
import { contact, contactImportReport, contactInput, contactList, contactRef } from '../schemas/contacts';
import { importContacts } from '../email/contact-csv';
import { readAhead } from '../import/read-ahead';
import { bodyErrors, errors, json, jsonBody, managedErrors, noContent } from '../openapi/responses';

/** Contacts for email surveys: upsert by email, list, get, delete (by id or email). */
export const contactRoutes = managed('editor')
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Contacts for email surveys, in email order (cursor: after)',
      request: { query: contactList },
      responses: { 200: json(z.object({ data: z.array(contact), next: z.string().nullable().describe('Pass as `after` for the next page') }), 'A page of contacts'), ...errors(400), ...managedErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await listContacts(c.var.db, c.var.workspace.id, q);
      return c.json({ data: rows.map(present), next: rows.length === q.limit ? rows[rows.length - 1]!.email : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a contact, or update the one with that email (editor)',
      request: { body: jsonBody(contactInput) },
      responses: { 200: json(contact, 'The contact, updated'), 201: json(contact, 'The contact, created'), ...bodyErrors },
    }),
    async (c) => {
      const { contact: row, created } = await upsertContact(c.var.db, c.var.workspace.id, c.req.valid('json'));
      return created ? c.json(present(row), 201) : c.json(present(row), 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/{ref}', summary: 'One contact, by id or email', request: { params: contactRef }, responses: { 200: json(contact, 'The contact'), ...errors(400, 404), ...managedErrors } }),
    async (c) => c.json(present(await ownedContact(c.var.db, c.var.workspace.id, c.req.valid('param').ref)), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{ref}',
      summary: 'Delete a contact and its survey requests; its responses stay (editor)',
      request: { params: contactRef },
      responses: { ...noContent, ...errors(400, 404), ...managedErrors },
    }),
    async (c) => {
      const found = await ownedContact(c.var.db, c.var.workspace.id, c.req.valid('param').ref);
      await deleteContact(c.var.db, found.id);
      return c.body(null, 204);
    },
  );

/** CSV import of contacts (`email`, `name`, any other column an attribute), up to 5 MiB. */
export const contactImportRoutes = managed('editor', { json: false, maxBytes: 5 * 1024 * 1024 }).openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Import contacts from CSV: email, name, other columns as attributes (editor)',
    request: { body: { required: true, content: { 'text/csv': { schema: z.string().meta({ example: 'email,name,plan,accountId,arr\r\nana@acme.com,Ana,pro,acc_1,12000\r\n' }) } } } },
    responses: { 200: json(contactImportReport, 'Contacts created and updated, and each line refused'), ...errors(413, 415, 422), ...managedErrors },
  }),
  async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/csv' && type !== 'text/plain') throw new ApiError(415, 'unsupported_media_type', 'Send the CSV as the body with "Content-Type: text/csv"');
    try {
      return c.json(await importContacts(c.var.db, c.var.workspace.id, readAhead(c.req.raw.body)), 200);
    } catch (err) {
      if (err instanceof Error && err.message === 'no_email_column') throw new ApiError(422, 'no_email_column', 'The first CSV row must be a header with an "email" column');
      throw err;
    }
  },
);
