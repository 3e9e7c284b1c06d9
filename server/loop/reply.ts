import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { contacts, type ResponseRow } from '../../db/schema';
import { ApiError } from '../errors';
import { MAIL_NOT_CONFIGURED, type MailTransport } from '../mail/transport';
import { getResponse } from '../queries/responses';
import { logEvent } from './activity';

const email = z.email();

/**
 * Where a reply to the respondent goes: the contact the response came from (email surveys
 * record the contact's address as the respondent id), else an `email` attribute.
 */
export async function respondentEmail(db: Db, ws: string, r: Pick<ResponseRow, 'respondentId' | 'attributes'>): Promise<string | null> {
  if (r.respondentId && email.safeParse(r.respondentId).success) {
    const [c] = await db
      .select({ email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws), eq(contacts.email, r.respondentId)));
    if (c) return c.email;
  }
  const attr = r.attributes.email;
  return typeof attr === 'string' && email.safeParse(attr).success ? attr : null;
}

/** Whether the inbox can reply, and why not: shown beside a disabled reply form. */
export async function replyOption(db: Db, ws: string, r: ResponseRow, mail: MailTransport | undefined) {
  const to = await respondentEmail(db, ws, r);
  const reason = !to ? "The respondent's email is not known (no contact, no email attribute)" : !mail ? MAIL_NOT_CONFIGURED : null;
  return { available: reason === null, to, reason };
}

/** Emails the respondent through the configured transport and logs the reply. */
export async function sendReply(
  db: Db,
  mail: MailTransport | undefined,
  ws: string,
  id: string,
  input: { subject: string; text: string },
  actor: { name: string; replyTo?: string | undefined },
  now = Date.now(),
) {
  const r = await getResponse(db, ws, id);
  const to = await respondentEmail(db, ws, r);
  if (!to) throw new ApiError(422, 'no_email', "The respondent's email is not known: no contact and no `email` attribute on this response");
  if (!mail) throw new ApiError(409, 'mail_not_configured', MAIL_NOT_CONFIGURED);
  await mail.send({ to, subject: input.subject, text: input.text, ...(actor.replyTo ? { headers: { 'Reply-To': actor.replyTo } } : {}) });
  const [event] = await logEvent(db, ws, id, { kind: 'reply', actor: actor.name, to, subject: input.subject, text: input.text }, now).returning();
  return event!;
}
