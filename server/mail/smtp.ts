import { createTransport } from 'nodemailer';
import type { MailTransport } from './transport';

/**
 * SMTP through nodemailer, from `SMTP_URL` (`smtp://user:pass@host:port`, `smtps://` for
 * implicit TLS; nodemailer upgrades with STARTTLS when the server offers it). Node only:
 * Workers cannot open raw TCP sockets to arbitrary mail servers reliably, they use http-api.ts.
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const smtp = createTransport(url);
  return {
    async send(m) {
      await smtp.sendMail({ from, to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}), ...(m.headers ? { headers: m.headers } : {}) });
    },
  };
}
