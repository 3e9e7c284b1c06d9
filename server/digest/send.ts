import type { Db } from '../../db/client';
import type { Workspace } from '../../db/schema';
import { ApiError } from '../errors';
import { MAIL_NOT_CONFIGURED, type MailTransport } from '../mail/transport';
import { digestRecipients } from '../queries/digest-members';
import { dispatch } from '../webhooks/dispatch';
import type { DeliveryOptions } from '../webhooks/deliver';
import type { Digest } from './build';
import { digestEmail, digestSlackText } from './render';
import { unsubscribeToken } from './unsubscribe';

/** What sending needs from the runtime. */
export interface DigestDelivery {
  mail: MailTransport | undefined;
  webhooks: DeliveryOptions;
  /** Where links point (CHORUS_PUBLIC_URL, or the request's origin for send-now). */
  baseUrl: string | undefined;
}

export interface DigestSent {
  week: string;
  /** Members emailed, in address order. */
  emailed: string[];
  /** Addresses the transport refused (the others were still sent). */
  failed: { email: string; error: string }[];
}

/**
 * Emails the digest to every opted-in member, each with their own one-click unsubscribe
 * (RFC 8058 `List-Unsubscribe` and `List-Unsubscribe-Post` headers, and a link in the body),
 * and posts it to the webhooks subscribed to `digest.weekly` (Slack format or JSON).
 */
export async function sendDigest(db: Db, workspace: Workspace, digest: Digest, d: DigestDelivery): Promise<DigestSent> {
  const recipients = await digestRecipients(db, workspace.id);
  const emailed: string[] = [];
  const failed: DigestSent['failed'] = [];
  if (d.mail && d.baseUrl) {
    for (const r of recipients) {
      const unsubscribe = `${d.baseUrl}/digest/unsubscribe?token=${encodeURIComponent(await unsubscribeToken(db, workspace.id, r.userId))}`;
      const email = digestEmail(digest, { dashboard: `${d.baseUrl}/admin/#/digest?week=${digest.week}`, unsubscribe });
      try {
        await d.mail.send({ to: r.email, ...email, headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
        emailed.push(r.email);
      } catch (err) {
        failed.push({ email: r.email, error: err instanceof Error ? err.message.slice(0, 200) : 'send failed' });
      }
    }
  }
  await dispatch(db, workspace.id, [{ event: 'digest.weekly', data: { digest }, text: digestSlackText(digest) }], d.webhooks);
  return { week: digest.week, emailed, failed };
}

/** Send-now refuses to run without a transport, rather than reporting an empty success. */
export function requireMail(d: DigestDelivery): void {
  if (!d.mail) throw new ApiError(409, 'mail_not_configured', MAIL_NOT_CONFIGURED);
}
