import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let port: number;
beforeAll(async () => {
  // Shrunk so that a test can wait them out (Node; workerd's limits are the platform's).
  server = await startServer(runtime, { env: { CHORUS_HEADERS_TIMEOUT_MS: '1000', CHORUS_REQUEST_TIMEOUT_MS: '2000' } });
  port = Number(new URL(server.baseUrl).port);
});
afterAll(() => server?.dispose());

interface RawResponse {
  status: number;
  headers: Record<string, string>;
}

/** A raw connection: what a keep-alive client does with its socket, byte by byte. */
async function open(): Promise<{ socket: Socket; next: () => Promise<RawResponse>; closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((ok, fail) => socket.once('connect', ok).once('error', fail));
  let buffer = '';
  let waiting: (() => void) | undefined;
  const started = Date.now();
  const closed = new Promise<number>((ok) => socket.once('close', () => ok(Date.now() - started)));
  socket.on('error', () => undefined);
  socket.on('data', (d) => {
    buffer += d.toString('latin1');
    waiting?.();
  });
  socket.on('close', () => waiting?.());
  // One response off the front of the buffer (Content-Length or chunked bodies).
  const parse = (): RawResponse | null => {
    const end = buffer.indexOf('\r\n\r\n');
    if (end === -1) return null;
    const [statusLine, ...lines] = buffer.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    let rest = buffer.slice(end + 4);
    if (headers['content-length'] !== undefined) {
      const n = Number(headers['content-length']);
      if (rest.length < n) return null;
      rest = rest.slice(n);
    } else if (headers['transfer-encoding'] === 'chunked') {
      const last = rest.indexOf('0\r\n\r\n');
      if (last === -1) return null;
      rest = rest.slice(last + 5);
    }
    buffer = rest;
    return { status: Number(statusLine!.split(' ')[1]), headers };
  };
  const next = async () => {
    for (;;) {
      const res = parse();
      if (res) return res;
      if (socket.destroyed || socket.readableEnded) throw new Error(`connection closed before a response (had: ${JSON.stringify(buffer.slice(0, 200))})`);
      await new Promise<void>((ok) => (waiting = ok));
    }
  };
  return { socket, next, closed };
}

const health = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
/**
 * Starts an upload of `size` bytes and sends its first KiB. wrangler dev's proxy forwards a
 * request only once its body is complete, so on workerd the whole body is sent.
 */
function upload(conn: Awaited<ReturnType<typeof open>>, headers: string, size: number) {
  conn.socket.write(`POST /api/v1/imports?survey=sv_x HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Type: text/csv\r\nContent-Length: ${size}\r\n\r\n`);
  conn.socket.write(runtime === 'workerd' ? Buffer.alloc(size, 'a,b\n') : 'a,b\n'.repeat(256));
}

/** After an answer sent before the body arrived, the connection is either closed by the answer or still good. */
async function expectUsableOrClosed(conn: Awaited<ReturnType<typeof open>>, res: RawResponse) {
  if (res.headers.connection?.toLowerCase() === 'close') {
    expect(await conn.closed).toBeLessThan(5000);
    return;
  }
  // Without "close", the client may send its next request on this connection: it must work.
  conn.socket.write(health);
  expect((await conn.next()).status).toBe(200);
}

describe(`connections on ${runtime}`, () => {
  it('keeps a connection alive across ordinary requests', async () => {
    const conn = await open();
    conn.socket.write(health);
    expect((await conn.next()).status).toBe(200);
    const body = '{"settings":{}}';
    conn.socket.write(`PATCH /api/v1/workspace HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${API_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    const patched = await conn.next();
    expect(patched.status).toBe(200);
    expect(patched.headers.connection?.toLowerCase()).not.toBe('close');
    conn.socket.write(health);
    expect((await conn.next()).status).toBe(200);
    conn.socket.destroy();
  });

  it('a 413 sent before the body is read closes the connection (or leaves it usable)', async () => {
    const conn = await open();
    upload(conn, `Authorization: Bearer ${API_KEY}\r\n`, 21 * 1024 * 1024);
    const res = await conn.next();
    expect(res.status).toBe(413);
    if (runtime === 'node') expect(res.headers.connection).toBe('close');
    await expectUsableOrClosed(conn, res);
  });

  it('a 401 to an upload that has not arrived closes the connection (or leaves it usable)', async () => {
    const conn = await open();
    upload(conn, '', 1_000_000);
    const res = await conn.next();
    expect(res.status).toBe(401);
    if (runtime === 'node') expect(res.headers.connection).toBe('close');
    await expectUsableOrClosed(conn, res);
  });

  // Node only: the suite defines it on the runtime it is about, rather than skipping it elsewhere.
  if (runtime === 'node') it('cuts off a body trickled a byte at a time once the request timeout has passed', { timeout: 20_000 }, async () => {
    const conn = await open();
    conn.socket.write('POST /api/v1/client/pk_demo/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n{');
    const trickle = setInterval(() => conn.socket.writable && conn.socket.write(' '), 200);
    const closedAfter = await Promise.race([conn.closed, new Promise<number>((ok) => setTimeout(() => ok(Infinity), 10_000))]);
    clearInterval(trickle);
    conn.socket.destroy();
    expect(closedAfter).toBeGreaterThanOrEqual(1500);
    expect(closedAfter).toBeLessThan(5000);
  });

  // Node only: the suite defines it on the runtime it is about, rather than skipping it elsewhere.
  if (runtime === 'node') it('cuts off headers trickled a byte at a time once the headers timeout has passed', { timeout: 20_000 }, async () => {
    const conn = await open();
    const head = `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(200)}`;
    let i = 0;
    const trickle = setInterval(() => conn.socket.writable && i < head.length && conn.socket.write(head[i++]!), 100);
    const closedAfter = await Promise.race([conn.closed, new Promise<number>((ok) => setTimeout(() => ok(Infinity), 10_000))]);
    clearInterval(trickle);
    conn.socket.destroy();
    expect(closedAfter).toBeLessThan(4000);
  });
});
