import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, runtime, startServer, type TestServer } from './harness';
import { appRoutes } from './routes';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

// Every route of the app (test/http/routes.ts), plus paths that match none.
const routes = appRoutes();
const templates = [...routes.map((r) => r.path), '/api/v1/:unknown', '/:unknown'];
const known = ['tp_support', 'sv_support', 'cpi_saves_time', 'demo_00001', 'usr_demo_owner', 'pk_demo'];

const segment = fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 40 }), fc.webSegment(), fc.constantFrom('..', '%2e%2e', '%00', '%ZZ', ' ', '🙂'));
const path = fc
  .tuple(fc.constantFrom(...templates), segment, segment)
  .map(([t, ...values]) => t.replace(/:\w+/g, () => encodeURIComponent(values.shift() ?? '')));
const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'from', 'to', 'survey', 'status', 'minScore', 'x'), fc.string({ maxLength: 30 }), { maxKeys: 3 });
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.record({ id: fc.string(), surveyId: fc.constantFrom('sv_support', 'sv_x'), answers: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })) }).map((o) => JSON.stringify(o)),
  fc.record({ name: fc.jsonValue({ maxDepth: 1 }), questions: fc.jsonValue({ maxDepth: 2 }), targets: fc.jsonValue({ maxDepth: 2 }) }).map((o) => JSON.stringify(o)),
);
const headers = fc.record(
  {
    authorization: fc.oneof(fc.constant(`Bearer ${API_KEY}`), fc.constant('Bearer '), fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`), fc.constant('Basic Zm9vOmJhcg==')),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-8', 'image/png'),
    origin: fc.constantFrom('http://localhost:3000', 'https://evil.example', 'null'),
    cookie: fc.constantFrom('chorus_session=sess_forged', 'chorus_session=', 'a=b'),
    'x-csrf-token': fc.string({ maxLength: 20 }),
    'x-workspace-id': fc.constantFrom('ws_demo', 'ws_nope', ''),
  },
  { requiredKeys: [] },
);

describe(`fuzzing every route on ${runtime}`, () => {
  it('takes its routes from the app', () => {
    for (const key of ['GET /api/v1/webhooks/:id/deliveries', 'POST /api/v1/alert-rules', 'GET /api/v1/alerts/:id', 'POST /api/v1/imports']) expect(routes.map((r) => r.key)).toContain(key);
  });

  it('never answers with a 5xx, and every 4xx has the documented error shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), path, query, headers, body, async (method, p, q, h, b) => {
        const qs = new URLSearchParams(q).toString();
        const url = `${server.baseUrl}${p}${qs ? `?${qs}` : ''}`;
        const cleanHeaders = Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)));
        const res = await fetch(url, { method, headers: cleanHeaders, ...(b !== undefined && method !== 'GET' ? { body: b } : {}) });
        const text = await res.text();
        expect(res.status, `${method} ${url} → ${text.slice(0, 200)}`).toBeLessThan(500);
        // Outside the API, pages answer in HTML (a link survey's "not found" page); any other miss is the JSON 404.
        if (res.status >= 400 && !p.startsWith('/api/') && (res.status !== 404 || /^text\/html/.test(res.headers.get('content-type') ?? ''))) return;
        if (res.status >= 400) {
          const json = JSON.parse(text);
          expect(json.error.code, text).toEqual(expect.any(String));
          expect(json.error.message, text).toEqual(expect.any(String));
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: Number(process.env.FUZZ_SEED ?? Date.now() % 100_000) },
    );
  }, 120_000);
});
