import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';
import { receiver, until, verifies, type Received } from './receiver';

let server: TestServer;
let api: ReturnType<typeof client>;
const hook = receiver();
let url: string;

beforeAll(async () => {
  url = await hook.start();
  // Retries 1000× sooner than in production, so a test sees three attempts in well under a minute;
  // the receiver is on loopback, which webhooks may only reach when a self-hoster allows it.
  server = await startServer(runtime, { env: { CHORUS_WEBHOOK_RETRY_SCALE: '0.001', CHORUS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  api = client(server.baseUrl);
});
afterAll(async () => {
  await server?.dispose();
  await hook.stop();
});

const post = (body: unknown) => client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });

describe(`webhooks on ${runtime}`, () => {
  it('posts signed events that verify with the documented algorithm', async () => {
    const created = await api('POST', '/api/v1/webhooks', { url, events: ['response.created', 'response.completed', 'response.detractor'] });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await api('GET', '/api/v1/webhooks')).body)).not.toContain(secret);

    const id = newResponseId();
    hook.received.length = 0;
    await post({ id, surveyId: 'sv_support', answers: { nps: 2 } });
    await post({ id, surveyId: 'sv_support', answers: { comment: 'Nobody answered for days.' }, complete: true });
    const events = await until(() => (hook.received.length >= 3 ? hook.received : undefined));
    expect(events.map((e) => e.headers['chorus-event']).sort()).toEqual(['response.completed', 'response.created', 'response.detractor']);
    for (const e of events) {
      const header = String(e.headers['chorus-signature']);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(300);
      expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${e.body}`).digest('hex'));
      const body = JSON.parse(e.body);
      expect(body).toMatchObject({ event: e.headers['chorus-event'], id: e.headers['chorus-delivery'], data: { response: { id } } });
    }
    await api('DELETE', `/api/v1/webhooks/${created.body.id}`);
  });

  it('formats detractor alerts for Slack', async () => {
    const slack = await api('POST', '/api/v1/webhooks', { url, events: ['response.detractor'], format: 'slack' });
    hook.received.length = 0;
    await post({ id: newResponseId(), surveyId: 'sv_checkout', answers: { nps: 1, comment: 'Charged twice!' }, complete: true });
    const [msg] = await until(() => (hook.received.length >= 1 ? hook.received : undefined));
    expect(JSON.parse(msg!.body)).toEqual({ text: expect.stringMatching(/^Detractor \(NPS 1\/10\) at Checkout: “Charged twice!”$/) });
    await api('DELETE', `/api/v1/webhooks/${slack.body.id}`);
  });

  it('escapes Slack control characters so a comment cannot mention @channel or mask a link', async () => {
    const slack = await api('POST', '/api/v1/webhooks', { url: url.replace('/hook', '/slack'), events: ['response.detractor'], format: 'slack' });
    hook.received.length = 0;
    await post({ id: newResponseId(), surveyId: 'sv_checkout', answers: { nps: 0, comment: '<!channel> pay at <https://evil.example|your invoice> & <@U123>' }, complete: true });
    const msg = await until(() => hook.received.find((r) => r.path === '/slack'));
    const { text } = JSON.parse(msg.body) as { text: string };
    expect(text).toBe('Detractor (NPS 0/10) at Checkout: “&lt;!channel&gt; pay at &lt;https://evil.example|your invoice&gt; &amp; &lt;@U123&gt;”');
    expect(text).not.toMatch(/[<>]/);
    await api('DELETE', `/api/v1/webhooks/${slack.body.id}`);
  });

  it('pings only the webhook asked for', async () => {
    const a = await api('POST', '/api/v1/webhooks', { url: url.replace('/hook', '/ping-a'), events: ['response.created'] });
    const b = await api('POST', '/api/v1/webhooks', { url: url.replace('/hook', '/ping-b'), events: ['response.created'] });
    hook.received.length = 0;
    const ping = await api('POST', `/api/v1/webhooks/${a.body.id}/ping`);
    expect(ping.status).toBe(200);
    expect(ping.body).toMatchObject({ webhookId: a.body.id, event: 'ping', status: 'delivered', lastStatusCode: 200 });
    await new Promise((r) => setTimeout(r, 300));
    const pings = hook.received.filter((r) => r.headers['chorus-event'] === 'ping');
    expect(pings.map((r) => r.path)).toEqual(['/ping-a']);
    expect((await api('GET', `/api/v1/webhooks/${b.body.id}/deliveries`)).body.data).toEqual([]);
    // A deactivated webhook is not pinged.
    await api('PATCH', `/api/v1/webhooks/${b.body.id}`, { active: false });
    expect((await api('POST', `/api/v1/webhooks/${b.body.id}/ping`)).body.error.code).toBe('webhook_inactive');
    await api('DELETE', `/api/v1/webhooks/${a.body.id}`);
    await api('DELETE', `/api/v1/webhooks/${b.body.id}`);
  });

  it('shows webhook URLs and delivery bodies to owners only', async () => {
    const secretPath = '/services/T0/B0/s3cr3t';
    const created = await api('POST', '/api/v1/webhooks', { url: url.replace('/hook', secretPath), events: ['response.created'], format: 'slack' });
    await api('POST', `/api/v1/webhooks/${created.body.id}/ping`);
    const host = new URL(url).host;
    for (const role of ['viewer', 'editor'] as const) {
      const key = (await api('POST', '/api/v1/api-keys', { name: `webhooks ${role}`, role })).body.key as string;
      const as = client(server.baseUrl, key);
      const list = await as('GET', '/api/v1/webhooks');
      expect(list.status).toBe(200);
      expect(list.body.data.find((w: { id: string }) => w.id === created.body.id)).toMatchObject({ url: `http://${host}/…`, events: ['response.created'] });
      expect((await as('GET', `/api/v1/webhooks/${created.body.id}`)).body.url).toBe(`http://${host}/…`);
      const deliveries = await as('GET', `/api/v1/webhooks/${created.body.id}/deliveries`);
      expect(deliveries.body.data[0]).toMatchObject({ event: 'ping', status: 'delivered', url: `http://${host}/…` });
      expect(deliveries.body.data[0]).not.toHaveProperty('body');
      expect(JSON.stringify([list.body, deliveries.body])).not.toContain('s3cr3t');
      expect((await as('POST', `/api/v1/webhooks/${created.body.id}/ping`)).status).toBe(403);
    }
    expect((await api('GET', `/api/v1/webhooks/${created.body.id}`)).body.url).toBe(url.replace('/hook', secretPath));
    const owned = (await api('GET', `/api/v1/webhooks/${created.body.id}/deliveries`)).body.data[0];
    expect(owned).toMatchObject({ url: url.replace('/hook', secretPath), body: JSON.stringify({ text: 'Chorus webhook test' }) });
    await api('DELETE', `/api/v1/webhooks/${created.body.id}`);
  });

  it('does not slow ingestion while the receiver hangs', async () => {
    const slow = await api('POST', '/api/v1/webhooks', { url, events: ['response.created'] });
    hook.set(() => 'hang');
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      expect((await post({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: 8 } })).status).toBe(200);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    expect(times[7]).toBeLessThan(150);
    hook.set(() => 200);
    await api('DELETE', `/api/v1/webhooks/${slow.body.id}`);
  });

  // Retries are scheduled by the Node process's timer; on Workers a cron trigger sends them.
  if (runtime === 'node')
    it('retries failed deliveries with backoff and logs every attempt', async () => {
      const flaky = await api('POST', '/api/v1/webhooks', { url: url.replace('/hook', '/flaky'), events: ['response.created'] });
      let calls = 0;
      // Only this webhook's path fails: late retries of other tests' deliveries must not count.
      hook.set((path) => (path === '/flaky' ? (++calls <= 2 ? 500 : 200) : 200));
      await post({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: 9 } });
      const delivery = await until(async () => {
        const log = await api('GET', `/api/v1/webhooks/${flaky.body.id}/deliveries`);
        const d = log.body.data[0];
        return d?.status === 'delivered' ? d : undefined;
      }, 30_000);
      expect(delivery).toMatchObject({ event: 'response.created', attempts: 3, lastStatusCode: 200, lastError: null });
      expect(calls).toBe(3);
      await api('DELETE', `/api/v1/webhooks/${flaky.body.id}`);
    });

  if (runtime === 'node')
    it('stops retrying once the webhook is deactivated or deleted', async () => {
      const down = await api('POST', '/api/v1/webhooks', { url: url.replace('/hook', '/down'), events: ['response.created'] });
      const gone = await api('POST', '/api/v1/webhooks', { url: url.replace('/hook', '/gone'), events: ['response.created'] });
      const calls = (path: string) => hook.received.filter((r) => r.path === path).length;
      hook.set((path) => (path === '/down' || path === '/gone' ? 500 : 200));
      await post({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: 9 } });
      await until(() => (calls('/down') >= 1 && calls('/gone') >= 1 ? true : undefined));
      expect((await api('PATCH', `/api/v1/webhooks/${down.body.id}`, { active: false })).status).toBe(200);
      expect((await api('DELETE', `/api/v1/webhooks/${gone.body.id}`)).status).toBe(204);
      // An attempt already under way may still land; after that, nothing.
      await new Promise((r) => setTimeout(r, 300));
      const seen = [calls('/down'), calls('/gone')];
      // Retries are due after 30, 120, 600 ms here and swept every 200 ms: none may go out now.
      await new Promise((r) => setTimeout(r, 2500));
      expect([calls('/down'), calls('/gone')]).toEqual(seen);
      const [delivery] = (await api('GET', `/api/v1/webhooks/${down.body.id}/deliveries`)).body.data;
      expect(delivery).toMatchObject({ status: 'failed', lastError: 'webhook deactivated' });
      hook.set(() => 200);
      await api('DELETE', `/api/v1/webhooks/${down.body.id}`);
    });

  if (runtime === 'node')
    it('retries to the URL the delivery was made for, not a changed one', async () => {
      const moved = await api('POST', '/api/v1/webhooks', { url: url.replace('/hook', '/old'), events: ['response.created'] });
      let oldCalls = 0;
      hook.set((path) => (path === '/old' ? (++oldCalls <= 3 ? 500 : 200) : 200));
      await post({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: 9 } });
      await until(() => (oldCalls >= 1 ? true : undefined));
      expect((await api('PATCH', `/api/v1/webhooks/${moved.body.id}`, { url: url.replace('/hook', '/new') })).status).toBe(200);
      const delivery = await until(async () => {
        const d = (await api('GET', `/api/v1/webhooks/${moved.body.id}/deliveries`)).body.data[0];
        return d?.status === 'delivered' ? d : undefined;
      }, 30_000);
      expect(delivery).toMatchObject({ attempts: 4, url: url.replace('/hook', '/old') });
      expect(hook.received.filter((r) => r.headers['chorus-delivery'] === delivery.id).map((r) => r.path)).toEqual(['/old', '/old', '/old', '/old']);
      // New events go to the new URL.
      await post({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: 9 } });
      await until(() => hook.received.find((r) => r.path === '/new'));
      hook.set(() => 200);
      await api('DELETE', `/api/v1/webhooks/${moved.body.id}`);
    });
});

/** What a receiver written with the reference library does: verify the three headers and the raw body, or throw. */
const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  });

async function ping(webhookId: string): Promise<Received> {
  hook.received.length = 0;
  const res = await api('POST', `/api/v1/webhooks/${webhookId}/ping`);
  expect(res.status).toBe(200);
  return until(() => hook.received.find((r) => r.headers['webhook-id'] === res.body.id));
}

describe(`Standard Webhooks on ${runtime}`, () => {
  beforeAll(() => hook.set(() => 200));

  it('signs deliveries so the standardwebhooks library verifies them, keeping Chorus-Signature', async () => {
    // Its own path, so deliveries of webhooks left by other tests are not mistaken for its own.
    const created = await api('POST', '/api/v1/webhooks', { url: `${url}?standard`, events: ['response.created', 'response.completed'] });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);

    const id = newResponseId();
    hook.received.length = 0;
    await post({ id, surveyId: 'sv_support', answers: { nps: 9 }, complete: true });
    const mine = () => hook.received.filter((r) => r.path === '/hook?standard');
    const events = await until(() => (mine().length >= 2 ? mine() : undefined));
    for (const e of events) {
      const payload = verify(secret, e) as { event: string; id: string };
      expect(payload.id).toBe(e.headers['webhook-id']);
      expect(e.headers['webhook-id']).toBe(e.headers['chorus-delivery']);
      expect(verifies(e, secret)).toBe(true);
    }
    // The receiver's own checks still bite: a changed body or another key is refused.
    expect(() => verify(secret, { ...events[0]!, body: events[0]!.body.replace('}', ',"x":1}') })).toThrow(WebhookVerificationError);
    expect(() => verify('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', events[0]!)).toThrow(WebhookVerificationError);
    await api('DELETE', `/api/v1/webhooks/${created.body.id}`);
  });

  it('signs with the old and the new secret after a rotation, so receivers can switch at their pace', async () => {
    const created = await api('POST', '/api/v1/webhooks', { url: `${url}?rotation`, events: ['alert.triggered'] });
    const before: string = created.body.secret;
    expect(created.body.previousSecretExpiresAt).toBeNull();

    const rotated = await api('POST', `/api/v1/webhooks/${created.body.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const after: string = rotated.body.secret;
    expect(after).not.toBe(before);
    const expires = Date.parse(rotated.body.previousSecretExpiresAt);
    expect(expires - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(JSON.stringify((await api('GET', `/api/v1/webhooks/${created.body.id}`)).body)).not.toContain(before);

    const delivery = await ping(created.body.id);
    expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(after, delivery)).toMatchObject({ event: 'ping' });
    expect(verify(before, delivery)).toMatchObject({ event: 'ping' });
    // Chorus-Signature carries both too, the current one first.
    expect(String(delivery.headers['chorus-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifies(delivery, after)).toBe(true);
    expect(verifies(delivery, before)).toBe(true);

    // A second rotation retires the first secret: only the last two are valid.
    const again = await api('POST', `/api/v1/webhooks/${created.body.id}/rotate-secret`);
    const next = await ping(created.body.id);
    expect(verify(again.body.secret, next)).toMatchObject({ event: 'ping' });
    expect(verify(after, next)).toMatchObject({ event: 'ping' });
    expect(() => verify(before, next)).toThrow(WebhookVerificationError);
    expect(verifies(next, before)).toBe(false);
    await api('DELETE', `/api/v1/webhooks/${created.body.id}`);
  });
});
