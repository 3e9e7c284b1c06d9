import { z } from 'zod';
import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { ApiError } from '../errors';
import { present } from '../queries/present';
import { deleteContact, listContacts, ownedContact, upsertContact } from '../queries/contacts';
import { contactInput, contactList } from '../schemas/contacts';
import { importContacts } from '../email/contact-csv';
import { readAhead } from '../import/read-ahead';

const ref = z.object({ ref: z.string().min(1).max(320) });

/** Contacts for email surveys: upsert by email, list, get, delete (by id or email). */
export const contactRoutes = managed('editor')
  .get('/', validate('query', contactList), async (c) => {
    const q = c.req.valid('query');
    const rows = await listContacts(c.var.db, c.var.workspace.id, q);
    return c.json({ data: rows.map(present), next: rows.length === q.limit ? rows[rows.length - 1]!.email : null });
  })
  .post('/', validate('json', contactInput), async (c) => {
    const { contact, created } = await upsertContact(c.var.db, c.var.workspace.id, c.req.valid('json'));
    return c.json(present(contact), created ? 201 : 200);
  })
  .get('/:ref', validate('param', ref), async (c) => c.json(present(await ownedContact(c.var.db, c.var.workspace.id, c.req.valid('param').ref))))
  .delete('/:ref', validate('param', ref), async (c) => {
    const contact = await ownedContact(c.var.db, c.var.workspace.id, c.req.valid('param').ref);
    await deleteContact(c.var.db, contact.id);
    return c.body(null, 204);
  });

/** CSV import of contacts (`email`, `name`, any other column an attribute), up to 5 MiB. */
export const contactImportRoutes = managed('editor', { json: false, maxBytes: 5 * 1024 * 1024 }).post('/', async (c) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/csv' && type !== 'text/plain') throw new ApiError(415, 'unsupported_media_type', 'Send the CSV as the body with "Content-Type: text/csv"');
  try {
    return c.json(await importContacts(c.var.db, c.var.workspace.id, readAhead(c.req.raw.body)));
  } catch (err) {
    if (err instanceof Error && err.message === 'no_email_column') throw new ApiError(422, 'no_email_column', 'The first CSV row must be a header with an "email" column');
    throw err;
  }
});
