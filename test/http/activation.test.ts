import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

const questions = [{ id: 'nps', kind: 'nps', text: 'How likely are you to recommend us?', required: true }];
let seq = 0;
async function draft(targeting: Record<string, unknown>, priority = 0): Promise<string> {
  const res = await api('POST', '/api/v1/surveys', { name: `Checkout ${seq++}`, touchpointId: 'tp_checkout', priority, questions, targeting });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
type Check = { kind: string; message: string; event?: string | null; origin?: string | null; surveys?: { id: string }[] };
async function checks(id: string): Promise<Check[]> {
  const res = await api('GET', `/api/v1/surveys/${id}/checks`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}
/** Sightings are written in the background after the response. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (const deadline = Date.now() + 10_000; !done(v) && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) v = await read();
  return v;
}
const widget = (path: string, headers: Record<string, string>, body?: string) =>
  fetch(`${server.baseUrl}/api/v1/client/pk_demo/${path}`, { method: body === undefined ? 'GET' : 'POST', headers, ...(body === undefined ? {} : { body }) });

describe(`activation checks on ${runtime}`, () => {
  it('warns that the demo Checkout survey always shows first on the same pages, the older one winning a priority tie', async () => {
    // The demo's "Checkout survey" (priority 2) targets URLs containing "checkout".
    for (const [priority, rules] of [
      [2, [{ match: 'contains', value: 'checkout' }]],
      [1, [{ match: 'startsWith', value: '/checkout/thanks' }]],
      [0, [{ match: 'exact', value: 'http://localhost:3000/checkout' }]],
    ] as const) {
      const found = await checks(await draft({ urls: rules }, priority));
      const outranked = found.filter((c) => c.kind === 'outranked');
      expect(outranked, JSON.stringify(found)).toHaveLength(1);
      expect(outranked[0]!.surveys!.map((s) => s.id)).toEqual(['sv_checkout']);
      expect(outranked[0]!.message).toContain('Checkout survey');
    }
  });

  it('says nothing when the survey wins: a higher priority, pages the other does not cover, or a partial sample', async () => {
    for (const [priority, urls] of [
      [3, [{ match: 'contains', value: 'checkout' }]],
      [0, [{ match: 'contains', value: '/cart' }]],
      // Every page: the demo's surveys each target only some.
      [0, []],
    ] as const) {
      expect((await checks(await draft({ urls }, priority))).filter((c) => c.kind === 'outranked')).toEqual([]);
    }
    // An older survey of priority 5 is in a 50% sample, so the other half of respondents can
    // see the new one (which outranks the demo's Renewal survey, priority 1).
    const half = await draft({ urls: [{ match: 'contains', value: 'renewal' }], samplingPercent: 50 }, 5);
    expect((await api('PATCH', `/api/v1/surveys/${half}`, { status: 'active' })).status).toBe(200);
    expect((await checks(await draft({ urls: [{ match: 'contains', value: 'renewal/now' }] }, 2))).map((c) => c.kind)).not.toContain('outranked');
  });

  it('warns that a page-load survey takes the page before an event-triggered one, whatever its priority, and that the event was never seen until a page sends it', async () => {
    const id = await draft({ urls: [{ match: 'startsWith', value: '/checkout' }], events: ['checkout_completed'] }, 100);
    const before = await checks(id);
    expect(before.find((c) => c.kind === 'outranked')?.surveys?.map((s) => s.id)).toEqual(['sv_checkout']);
    expect(before.find((c) => c.kind === 'event_never_seen')?.event).toBe('checkout_completed');

    const sent = await widget('events', { origin: 'http://localhost:3000', 'content-type': 'text/plain' }, JSON.stringify({ name: 'checkout_completed' }));
    expect(sent.status).toBe(204);
    expect(sent.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const after = await eventually(() => checks(id), (c) => !c.some((x) => x.kind === 'event_never_seen'));
    expect(after.map((c) => c.kind)).toEqual(['outranked']);
    // A survey waiting for another event hears which ones the widget did see.
    const other = (await checks(await draft({ urls: [{ match: 'contains', value: '/cart' }], events: ['checkout_done'] }))).find((c) => c.kind === 'event_never_seen');
    expect(other?.message).toContain('checkout_completed');
  });

  it('refuses event reports from origins the workspace does not allow, and bad bodies', async () => {
    expect((await widget('events', { origin: 'https://shop.unlisted.example', 'content-type': 'text/plain' }, JSON.stringify({ name: 'x' }))).status).toBe(403);
    for (const body of ['{"name":""}', `{"name":"${'x'.repeat(101)}"}`, '{"name":"a","extra":1}', 'not json']) {
      const res = await widget('events', { 'content-type': 'text/plain' }, body);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
  });

  it('warns when the URL rules name a site the allowed origins refuse, or none is allowed', async () => {
    const id = await draft({ urls: [{ match: 'exact', value: 'https://shop.example/cart' }, { match: 'startsWith', value: 'http://localhost:3000/checkout' }] });
    const found = (await checks(id)).filter((c) => c.kind === 'origin_not_allowed');
    expect(found.map((c) => c.origin)).toEqual(['https://shop.example']);
    const original = (await api('GET', '/api/v1/workspace')).body.allowedOrigins;
    expect((await api('PATCH', '/api/v1/workspace', { allowedOrigins: [] })).status).toBe(200);
    try {
      expect((await checks(id)).filter((c) => c.kind === 'origin_not_allowed').map((c) => c.origin)).toEqual([null]);
    } finally {
      expect((await api('PATCH', '/api/v1/workspace', { allowedOrigins: original })).status).toBe(200);
    }
  });

  it('answers 404 for an unknown survey', async () => {
    expect((await api('GET', '/api/v1/surveys/sv_nope/checks')).status).toBe(404);
  });
});

describe(`install check on ${runtime}`, () => {
  const loads = async (): Promise<{ origin: string; lastSeen: string }[]> => {
    const res = await api('GET', '/api/v1/widget-loads');
    expect(res.status).toBe(200);
    return res.body.data;
  };

  it('lists the origins the widget loaded its surveys on, once each, with when', async () => {
    for (let i = 0; i < 3; i++) expect((await widget('surveys', { origin: 'http://localhost:4321' })).status).toBe(200);
    const listed = await eventually(loads, (l) => l.some((x) => x.origin === 'http://localhost:4321'));
    const entry = listed.filter((x) => x.origin === 'http://localhost:4321');
    expect(entry).toHaveLength(1);
    expect(Math.abs(Date.now() - Date.parse(entry[0]!.lastSeen))).toBeLessThan(60_000);
  });

  it('takes a same-origin page from its Referer, but never lists a site from a Referer the workspace does not allow', async () => {
    expect((await widget('surveys', { referer: 'https://made-up.example/page' })).status).toBe(200);
    expect((await widget('surveys', { referer: 'http://127.0.0.1:5555/shop' })).status).toBe(200);
    const listed = await eventually(loads, (l) => l.some((x) => x.origin === 'http://127.0.0.1:5555'));
    expect(listed.map((x) => x.origin)).toContain('http://127.0.0.1:5555');
    expect(listed.map((x) => x.origin)).not.toContain('https://made-up.example');
  });

  it('does not list an origin whose requests were refused', async () => {
    expect((await widget('surveys', { origin: 'https://refused.unlisted.example' })).status).toBe(403);
    expect((await loads()).map((x) => x.origin)).not.toContain('https://refused.unlisted.example');
  });
});

describe(`link survey test mode on ${runtime}`, () => {
  it('marks ?preview=1 for the widget, which then sends nothing', async () => {
    const res = await fetch(`${server.baseUrl}/s/sv_checkout?preview=1&score=3`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-preview');
    expect(html).toContain('data-score="3"');
    expect(await (await fetch(`${server.baseUrl}/s/sv_checkout?score=3`)).text()).not.toContain('data-preview');
  });
});
