import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';
import { receiver, until } from './receiver';

let server: TestServer;
let api: ReturnType<typeof client>;
const hook = receiver();
let url: string;

beforeAll(async () => {
  url = await hook.start();
  // Retries 1000× sooner than in production, so a test sees three attempts in well under a minute.
  server = await startServer(runtime, { env: { CHORUS_WEBHOOK_RETRY_SCALE: '0.001' } });
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
});
