/** One email, as every sender in Chorus hands it over (digests, email surveys). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Record<string, string>;
}

/**
 * How a runtime sends email: SMTP through nodemailer on Node (`SMTP_URL`), an HTTP email
 * API on Workers (`MAIL_API_URL`, `MAIL_API_TOKEN`). Resolves once the message is accepted.
 */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/** Thrown by senders when no transport is configured (a 409 on `POST /api/v1/digest/send`). */
export const MAIL_NOT_CONFIGURED = 'Mail is not configured: set SMTP_URL (Node) or MAIL_API_URL / MAIL_API_TOKEN / MAIL_FROM (Workers); see README, Configuration';
