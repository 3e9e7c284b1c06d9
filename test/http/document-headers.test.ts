import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtime, startServer, type TestServer } from './harness';
import { CONTENT_SECURITY_POLICY } from '../../server/static-headers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

const get = (path: string) => fetch(server.baseUrl + path, { redirect: 'manual' });

describe(`document and static headers on ${runtime}`, () => {
  it('serves the admin under the strict CSP, unframeable, as the other pages', async () => {
    for (const path of ['/admin/', '/demo', '/demo/support', '/api/docs']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/text\/html/);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      await res.text();
    }
  });

  it('sends the same cache rules on both runtimes', async () => {
    const html = await (await get('/admin/')).text();
    const script = /src="(assets\/main-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await get(`/admin/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const loader = await get('/widget.js');
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    await Promise.all([asset.text(), loader.text()]);
  });
});
