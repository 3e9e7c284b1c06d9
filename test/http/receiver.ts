import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  path: string;
}

/** A real HTTP receiver on loopback for webhook tests; each test sets how it answers. */
export function receiver() {
  const received: Received[] = [];
  let respond: (path: string) => number | 'hang' = () => 200;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ headers: req.headers, body, path: req.url ?? '' });
      const status = respond(req.url ?? '');
      if (status === 'hang') return; // never answers
      res.writeHead(status).end('ok');
    });
  });
  return {
    received,
    set: (fn: typeof respond) => {
      respond = fn;
    },
    start: () => new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as { port: number }).port}/hook`))),
    stop: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * Whether a delivery carries a valid `Chorus-Signature` for `secret`, as the README tells
 * receivers to check: any of its `v1=` (two while a rotated secret is still valid) matches.
 */
export function verifies(r: Received, secret: string, now = Date.now()): boolean {
  const m = /^t=(\d+)((?:,v1=[0-9a-f]{64})+)$/.exec(String(r.headers['chorus-signature']));
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest('hex');
  return Math.abs(Number(m[1]) - now / 1000) < 300 && m[2]!.split(',v1=').includes(expected);
}

/** Polls `fn` until it returns something other than undefined. */
export async function until<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
