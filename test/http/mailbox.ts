import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Runtime } from './harness';
import { receiver } from './receiver';

/** One email as a recipient sees it, whichever transport carried it. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * A real mailbox for the server under test: an SMTP server (smtp-server, parsed with
 * mailparser) that Node reaches through SMTP_URL, or, on workerd, a loopback HTTP receiver
 * standing in for the mail API (MAIL_API_URL), checking the bearer token.
 */
export async function mailbox(which: Runtime) {
  const mails: Mail[] = [];
  if (which === 'node') {
    const logins: string[] = [];
    const server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, cb) {
        logins.push(`${auth.username}:${auth.password}`);
        cb(null, { user: auth.username });
      },
      onData(stream, _session, cb) {
        simpleParser(stream).then((m) => {
          const to = Array.isArray(m.to) ? m.to[0] : m.to;
          const headers: Record<string, string> = {};
          for (const line of m.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
          mails.push({ to: to?.value[0]?.address ?? '', subject: m.subject ?? '', text: m.text ?? '', html: typeof m.html === 'string' ? m.html : '', headers });
          cb();
        }, cb);
      },
    });
    const port = await new Promise<number>((ok) => server.listen(0, '127.0.0.1', () => ok((server.server.address() as { port: number }).port)));
    return { mails, logins, env: <Record<string, string>>{ SMTP_URL: `smtp://digest:s3cret@127.0.0.1:${port}`, MAIL_FROM: 'Chorus <digest@chorus.test>' }, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
  }
  const api = receiver();
  const url = (await api.start()).replace(/\/hook$/, '/emails');
  const logins: string[] = [];
  api.set(() => 200);
  // Parsed lazily: the receiver records raw requests; each becomes a Mail when read.
  const read = () => {
    while (mails.length < api.received.length) {
      const r = api.received[mails.length]!;
      logins.push(String(r.headers.authorization));
      const body = JSON.parse(r.body) as { to: string[]; subject: string; text: string; html?: string; headers?: Record<string, string> };
      mails.push({ to: body.to[0]!, subject: body.subject, text: body.text, html: body.html ?? '', headers: Object.fromEntries(Object.entries(body.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])) });
    }
    return mails;
  };
  return {
    get mails() {
      return read();
    },
    logins,
    env: <Record<string, string>>{ MAIL_API_URL: url, MAIL_API_TOKEN: 'mail-token-123', MAIL_FROM: 'Chorus <digest@chorus.test>' },
    stop: () => api.stop() as Promise<void>,
  };
}
