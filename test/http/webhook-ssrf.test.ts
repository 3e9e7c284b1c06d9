import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, freePort, newResponseId, runtime, startServer, type TestServer } from './harness';
import { receiver, until } from './receiver';

let server: TestServer;
let api: ReturnType<typeof client>;
const hook = receiver();
let listening: { id: string; url: string };
let closed: { id: string; url: string };

beforeAll(async () => {
  const url = await hook.start();
  // Webhooks registered while a self-hoster allowed private targets, then the server runs
  // without CHORUS_WEBHOOK_ALLOW_PRIVATE: delivery must refuse them on its own.
  server = await startServer(runtime, { env: { CHORUS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  api = client(server.baseUrl);
  const register = async (u: string) => {
    const r = await api('POST', '/api/v1/webhooks', { url: u, events: ['response.created'] });
    expect(r.status).toBe(201);
    return { id: r.body.id as string, url: u };
  };
  listening = await register(url);
  closed = await register(`http://127.0.0.1:${await freePort()}/hook`);
  await server.stop();
  await server.start({ CHORUS_WEBHOOK_ALLOW_PRIVATE: 'false' });
});
afterAll(async () => {
  await server?.dispose();
  await hook.stop();
});

describe(`webhook targets on ${runtime} without CHORUS_WEBHOOK_ALLOW_PRIVATE`, () => {
  it.each([
    'http://127.0.0.1:8787/hook',
    'http://localhost:8787/',
    'http://LOCALHOST./',
    'http://api.localhost/',
    'http://[::1]:8787/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://0.0.0.0:8787/',
    'http://10.0.0.5/',
    'http://172.16.3.4/',
    'http://192.168.1.1/admin',
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.10.10/',
    'http://100.64.0.1/',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://224.0.0.251/',
    'http://255.255.255.255/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://intranet/',
  ])('refuses %s at registration', async (url) => {
    const created = await api('POST', '/api/v1/webhooks', { url, events: ['response.created'] });
    expect(created.status).toBe(422);
    expect(created.body.error.code).toBe('webhook_target_refused');
    const patched = await api('PATCH', `/api/v1/webhooks/${listening.id}`, { url });
    expect(patched.status).toBe(422);
    expect(patched.body.error.code).toBe('webhook_target_refused');
  });

  it('accepts a public address', async () => {
    // Subscribed to nothing that happens here, so no delivery leaves the machine.
    const created = await api('POST', '/api/v1/webhooks', { url: 'https://8.8.8.8/hook', events: ['alert.triggered'] });
    expect(created.status).toBe(201);
    await api('DELETE', `/api/v1/webhooks/${created.body.id}`);
  });

  it('refuses a private target again at delivery, with one answer whatever listens there', async () => {
    expect((await api('GET', `/api/v1/webhooks/${listening.id}`)).body.url).toBe(listening.url);
    const pings = [];
    for (const h of [listening, closed]) {
      const ping = await api('POST', `/api/v1/webhooks/${h.id}/ping`);
      expect(ping.status).toBe(200);
      expect(ping.body).toMatchObject({ event: 'ping', status: 'failed', attempts: 1, lastStatusCode: null, lastError: 'target refused' });
      const { id: _id, webhookId: _w, url: _u, body: _b, createdAt: _c, nextAttemptAt: _n, ...outcome } = ping.body;
      pings.push(outcome);
    }
    // An open port and a closed one look the same: the ping is no port scanner.
    expect(pings[0]).toEqual(pings[1]);

    await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: 9 } }), { 'content-type': 'text/plain' });
    const delivery = await until(async () => {
      const d = (await api('GET', `/api/v1/webhooks/${listening.id}/deliveries`)).body.data.find((x: { event: string }) => x.event === 'response.created');
      return d?.attempts >= 1 ? d : undefined;
    });
    // Refused for good: retrying would only probe the target again.
    expect(delivery).toMatchObject({ status: 'failed', lastStatusCode: null, lastError: 'target refused' });
    expect(hook.received).toEqual([]);
  });
});
