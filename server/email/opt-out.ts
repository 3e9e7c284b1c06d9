import type { Context } from 'hono';
import type { Db } from '../../db/client';
import type { Contact } from '../../db/schema';
import type { AppEnv } from '../env';
import { publicBase } from '../public-url';
import { ownedContact, suppressEmails } from '../queries/contacts';
import { cancelPending } from '../queries/survey-requests';
import { sendDueSurveyRequests } from './send';

/**
 * Stops email surveys to an address: an unsubscribe or a bounce / complaint. The contact is
 * created if unknown (so the suppression holds) and its pending requests are cancelled.
 */
export async function optOut(db: Db, workspaceId: string, email: string, what: Parameters<typeof suppressEmails>[3]): Promise<Contact> {
  await suppressEmails(db, workspaceId, [email], what);
  const contact = await ownedContact(db, workspaceId, email);
  await cancelPending(db, workspaceId, { contactId: contact.id });
  return contact;
}

/** Sends what is due now (a request with no delay) after the response, instead of at the next tick. */
export function sendSoon(c: Context<AppEnv>): void {
  const { db, mail } = c.var;
  const baseUrl = publicBase(c);
  c.var.background(async () => void (await sendDueSurveyRequests(db, { mail, baseUrl })));
}
