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
  server = await startServer(runtime, { env: { CHORUS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  api = client(server.baseUrl);
});
afterAll(async () => {
  await server?.dispose();
  await hook.stop();
});

const post = (body: unknown) => client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });

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
  const [delivery] = await until(() => (hook.received.length >= 1 ? hook.received : undefined));
  expect(delivery!.headers['webhook-id']).toBe(res.body.id);
  return delivery!;
}

describe(`Standard Webhooks on ${runtime}`, () => {
  it('signs deliveries so the standardwebhooks library verifies them, keeping Chorus-Signature', async () => {
    const created = await api('POST', '/api/v1/webhooks', { url, events: ['response.created', 'response.completed'] });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);

    const id = newResponseId();
    hook.received.length = 0;
    await post({ id, surveyId: 'sv_support', answers: { nps: 9 }, complete: true });
    const events = await until(() => (hook.received.length >= 2 ? hook.received : undefined));
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
    const created = await api('POST', '/api/v1/webhooks', { url, events: ['response.created'] });
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
