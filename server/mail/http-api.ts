import type { MailTransport } from './transport';

/** Resend's endpoint; any service taking the same JSON (or a relay in front of another) works. */
export const DEFAULT_MAIL_API_URL = 'https://api.resend.com/emails';

/** The mail API answered something other than 2xx; the message was not accepted. */
export class MailApiError extends Error {}

/**
 * An HTTP email API for Workers: `POST MAIL_API_URL` with `Authorization: Bearer
 * MAIL_API_TOKEN` and Resend's documented JSON body (`from`, `to`, `subject`, `text`, `html`,
 * `headers`). Any 2xx means accepted.
 */
export function httpApiTransport(opts: { url?: string | undefined; token: string; from: string }): MailTransport {
  const url = opts.url || DEFAULT_MAIL_API_URL;
  return {
    async send(m) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: opts.from, to: [m.to], subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}), ...(m.headers ? { headers: m.headers } : {}) }),
        signal: AbortSignal.timeout(15_000),
      });
      const detail = await res.text().catch(() => '');
      if (!res.ok) throw new MailApiError(`mail API ${res.status}: ${detail.slice(0, 200)}`);
    },
  };
}
