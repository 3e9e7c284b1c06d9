import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, type Contact } from '../../db/schema';
import { newId } from '../crypto';
import { notFound } from '../errors';

type Attributes = Contact['attributes'];

export interface ContactInput {
  email: string;
  name?: string | null | undefined;
  /** Merged over the stored attributes: a key set to null is removed. */
  attributes?: Record<string, string | number | boolean | null> | undefined;
}

const merge = (stored: Attributes, patch: ContactInput['attributes']): Attributes => {
  const out = { ...stored };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
};

/** Addresses are compared case-insensitively, as every mail system does in practice. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

export async function contactByEmail(db: Db, workspaceId: string, email: string): Promise<Contact | undefined> {
  const [row] = await db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, normalEmail(email))));
  return row;
}

/** The workspace's contact by id or, when the reference holds an `@`, by email; or a 404. */
export async function ownedContact(db: Db, workspaceId: string, ref: string): Promise<Contact> {
  const [row] = ref.includes('@')
    ? [await contactByEmail(db, workspaceId, ref)]
    : await db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, ref)));
  if (!row) throw notFound('contact', ref);
  return row;
}

/** Creates the contact or updates the one with that email; says which. */
export async function upsertContact(db: Db, workspaceId: string, input: ContactInput, now = Date.now()): Promise<{ contact: Contact; created: boolean }> {
  const email = normalEmail(input.email);
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await contactByEmail(db, workspaceId, email);
    if (existing) {
      const set = { ...(input.name !== undefined ? { name: input.name } : {}), attributes: merge(existing.attributes, input.attributes), updatedAt: now };
      const [row] = await db.update(contacts).set(set).where(eq(contacts.id, existing.id)).returning();
      return { contact: row!, created: false };
    }
    const [row] = await db
      .insert(contacts)
      .values({ id: newId('ct'), workspaceId, email, name: input.name ?? null, attributes: merge({}, input.attributes), createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (row) return { contact: row, created: true };
    // Created concurrently under the same email: update that one.
  }
  throw new Error(`contact ${email} could not be written`);
}

/** Contacts in email order, `limit` after the cursor (the last email of the previous page). */
export const listContacts = (db: Db, workspaceId: string, o: { limit: number; after?: string | undefined }): Promise<Contact[]> =>
  db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), o.after ? gt(contacts.email, normalEmail(o.after)) : undefined))
    .orderBy(asc(contacts.email))
    .limit(o.limit);

/** Deletes a contact and its survey requests (cascade); its responses stay, as answers given. */
export async function deleteContact(db: Db, id: string): Promise<void> {
  await db.delete(contacts).where(eq(contacts.id, id));
}

/** Marks addresses unsubscribed or suppressed, creating contacts for unknown ones so the suppression holds. */
export async function suppressEmails(
  db: Db,
  workspaceId: string,
  emails: readonly string[],
  what: { unsubscribe: true } | { suppressed: NonNullable<Contact['suppressed']> },
  now = Date.now(),
): Promise<void> {
  const list = [...new Set(emails.map(normalEmail))];
  if (!list.length) return;
  await db
    .insert(contacts)
    .values(list.map((email) => ({ id: newId('ct'), workspaceId, email, createdAt: now, updatedAt: now })))
    .onConflictDoNothing();
  const set = 'unsubscribe' in what ? { unsubscribedAt: now, updatedAt: now } : { suppressed: what.suppressed, suppressedAt: now, updatedAt: now };
  await db.update(contacts).set(set).where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.email, list)));
}
