import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

const routes: [string, string][] = [
  ['GET', '/api/v1/workspace'],
  ['PATCH', '/api/v1/workspace'],
  ['GET', '/api/v1/touchpoints'],
  ['POST', '/api/v1/touchpoints'],
  ['PUT', '/api/v1/touchpoints/order'],
  ['GET', '/api/v1/touchpoints/ID'],
  ['PATCH', '/api/v1/touchpoints/ID'],
  ['DELETE', '/api/v1/touchpoints/ID'],
  ['GET', '/api/v1/cpis'],
  ['POST', '/api/v1/cpis'],
  ['GET', '/api/v1/cpis/ID'],
  ['PATCH', '/api/v1/cpis/ID'],
  ['DELETE', '/api/v1/cpis/ID'],
  ['GET', '/api/v1/surveys'],
  ['POST', '/api/v1/surveys'],
  ['GET', '/api/v1/surveys/ID'],
  ['PATCH', '/api/v1/surveys/ID'],
  ['DELETE', '/api/v1/surveys/ID'],
  ['GET', '/api/v1/responses'],
  ['GET', '/api/v1/responses/ID'],
  ['DELETE', '/api/v1/responses/ID'],
  ['GET', '/api/v1/client/KEY/surveys'],
  ['POST', '/api/v1/client/KEY/responses'],
];

const ids = ['does-not-exist', '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(300), '%F0%9F%92%A9', "1'%20OR%20'1'='1"];
const bodies = ['', '{', 'null', '[]', '"text"', '42', '{"name":123}', '{"name":"x","extra":true}', '{"questions":"many"}', '{"__proto__":{"admin":true}}', '{"id":"abcdefgh","surveyId":"sv_signup","answers":{"nps":{"$gt":1}}}'];
const queries = ['?limit=-1', '?limit=abc', '?from=yesterday', '?status=open', '?survey=%00', '?cursor=%%%'];

function expectClientError(res: { status: number; body: unknown }, what: string) {
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

describe(`bad input on ${runtime}`, () => {
  it('never answers a bad request with a 5xx, and always with the error shape', async () => {
    const api = client(server.baseUrl);
    const anon = client(server.baseUrl, null);
    for (const [method, template] of routes) {
      for (const id of ids) {
        const path = template.replace('ID', id).replace('KEY', id === ids[0] ? 'pk_demo' : id);
        const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
        for (const body of hasBody ? bodies : [undefined]) {
          const headers = { 'content-type': path.includes('/client/') ? 'text/plain' : 'application/json' };
          const res = await api(method, path, body, headers);
          if (res.status < 400) continue; // a valid combination, e.g. GET a list
          expectClientError(res, `${method} ${path} ${body ?? ''}`);
        }
        if (!path.includes('/client/')) expectClientError(await anon(method, path), `${method} ${path} without a key`);
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
