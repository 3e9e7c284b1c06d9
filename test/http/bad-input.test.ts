import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, runtime, startServer, type TestServer } from './harness';
import { appRoutes } from './routes';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

// Every management and public API route of the app (test/http/routes.ts); `:params` get the bad ids.
const routes = appRoutes().filter((r) => r.path.startsWith('/api/v1/'));
/** Routes that answer a caller without credentials with a 2xx, and why that is right. */
const anonymousOk: Record<string, string> = {
  'POST /api/v1/auth/logout': 'logging out without a session has nothing to undo',
};

const ids = ['does-not-exist', '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(300), '%F0%9F%92%A9', "1'%20OR%20'1'='1"];
const bodies = ['', '{', 'null', '[]', '"text"', '42', '{"name":123}', '{"name":"x","extra":true}', '{"questions":"many"}', '{"__proto__":{"admin":true}}', '{"id":"abcdefgh","surveyId":"sv_signup","answers":{"nps":{"$gt":1}}}'];
const queries = ['?limit=-1', '?limit=abc', '?from=yesterday', '?status=open', '?survey=%00', '?cursor=%%%'];

function expectClientError(res: { status: number; body: unknown }, what: string) {
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

describe(`bad input on ${runtime}`, () => {
  it('never answers a bad request with a 5xx, and always with the error shape', { timeout: 300_000 }, async () => {
    const api = client(server.baseUrl);
    const anon = client(server.baseUrl, null);
    expect(Object.keys(anonymousOk).filter((k) => !routes.some((r) => r.key === k)), 'stale exceptions').toEqual([]);
    for (const { method, path: pattern, key } of routes) {
      // The client routes get the demo's public key with the first id, so their body checks run.
      const template = pattern.replace(':publicKey', 'KEY').replace(/:\w+/g, 'ID');
      for (const id of template.includes('ID') || template.includes('KEY') ? ids : ids.slice(0, 1)) {
        const path = template.replace('ID', id).replace('KEY', id === ids[0] ? 'pk_demo' : id);
        const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
        for (const body of hasBody ? bodies : [undefined]) {
          const headers = { 'content-type': path.includes('/client/') ? 'text/plain' : 'application/json' };
          const res = await api(method, path, body, headers);
          if (res.status < 400) continue; // a valid combination, e.g. GET a list
          expectClientError(res, `${method} ${path} ${body ?? ''}`);
        }
        if (!path.includes('/client/') && !(key in anonymousOk)) expectClientError(await anon(method, path), `${method} ${path} without a key`);
      }
      if (method === 'GET') {
        for (const q of queries) {
          const res = await api(method, template.replace('ID', 'x').replace('KEY', 'pk_demo') + q);
          if (res.status >= 400) expectClientError(res, `${method} ${template}${q}`);
          else expect(res.status).toBe(200);
        }
      }
    }
  });
});
