import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

interface Served {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they went over the wire (still compressed). */
  wire: Buffer;
  /** The body once decoded. */
  body: Buffer;
}

/** A GET as a browser sends it, read byte for byte (fetch would decompress and hide the sizes). */
function get(path: string, headers: Record<string, string> = {}): Promise<Served> {
  return new Promise((resolve, reject) => {
    const req = request(server.baseUrl + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        const body = enc === 'br' ? brotliDecompressSync(wire) : enc === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The widget loader, its UI and the admin's first-load JS and CSS, as their URLs are linked. */
async function assetPaths(): Promise<Record<string, string>> {
  const loader = (await get('/widget.js')).body.toString();
  const ui = /widget\/ui\.[0-9a-f]+\.js/.exec(loader)?.[0];
  const html = (await get('/admin/')).body.toString();
  const js = /src="(assets\/main-[^"]+\.js)"/.exec(html)?.[1];
  const css = /href="(assets\/main-[^"]+\.css)"/.exec(html)?.[1];
  expect([ui, js, css].every(Boolean)).toBe(true);
  return { loader: '/widget.js', ui: `/${ui}`, 'admin js': `/admin/${js}`, 'admin css': `/admin/${css}` };
}

const KB = 1024;

describe(`serving on ${runtime}`, () => {
  it('redirects /admin to /admin/, where the relative asset URLs resolve', async () => {
    const res = await get('/admin');
    expect([301, 307, 308]).toContain(res.status);
    expect(new URL(String(res.headers.location), server.baseUrl).pathname).toBe('/admin/');
    const page = await get('/admin/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<div id="app">');
  });

  it('serves every content-hashed file as immutable, and the entries that name them briefly cached', async () => {
    const paths = await assetPaths();
    for (const name of ['ui', 'admin js', 'admin css']) expect((await get(paths[name]!)).headers['cache-control'], name).toBe('public, max-age=31536000, immutable');
    expect((await get('/widget.js')).headers['cache-control']).toBe('public, max-age=300');
    const esm = await get('/esm/chorus.mjs');
    expect(esm.headers['cache-control']).toBe('public, max-age=300');
    const chunk = /ui-[A-Z0-9]+\.mjs/.exec(esm.body.toString())?.[0];
    expect(chunk).toBeDefined();
    expect((await get(`/esm/${chunk}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  // Cloudflare compresses at its edge (not under `wrangler dev`); Node compresses itself.
  if (runtime === 'node') {
    it('sends the widget and admin compressed as the browser accepts, brotli first, same bytes', async () => {
      const sizes: Record<string, Record<string, number>> = {};
      for (const [name, path] of Object.entries(await assetPaths())) {
        const plain = await get(path, { 'accept-encoding': 'identity' });
        expect(plain.headers['content-encoding'], name).toBeUndefined();
        const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
        const gz = await get(path, { 'accept-encoding': 'gzip' });
        expect(br.headers['content-encoding'], name).toBe('br');
        expect(gz.headers['content-encoding'], name).toBe('gzip');
        expect(br.headers.vary, name).toMatch(/accept-encoding/i);
        expect(br.body.equals(plain.body), name).toBe(true);
        expect(gz.body.equals(plain.body), name).toBe(true);
        // Compression keeps the cache rules: hashed files stay immutable.
        expect(br.headers['cache-control'], name).toBe(plain.headers['cache-control']);
        sizes[name] = { raw: plain.wire.length, gzip: gz.wire.length, br: br.wire.length };
      }
      console.log('sizes as served (bytes):', JSON.stringify(sizes));
      // The budgets of test/widget/size.test.ts hold for what actually goes over the wire.
      expect(sizes.loader!.gzip).toBeLessThanOrEqual(3 * KB);
      expect(sizes.ui!.gzip).toBeLessThanOrEqual(10 * KB);
      expect(sizes.ui!.br).toBeLessThan(sizes.ui!.gzip!);
    });

    it('compresses what the app sends (JSON, CSV) as gzip', async () => {
      const openapi = await get('/api/openapi.json', { 'accept-encoding': 'gzip, br' });
      expect(openapi.headers['content-encoding']).toBe('gzip');
      expect(openapi.wire.length).toBeLessThan(openapi.body.length / 3);
      expect(JSON.parse(openapi.body.toString()).openapi).toMatch(/^3\./);
      const csv = await get('/api/v1/responses/export?format=csv', { authorization: `Bearer ${API_KEY}`, 'accept-encoding': 'gzip' });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-encoding']).toBe('gzip');
      expect(csv.body.toString().split('\n')[0]).toMatch(/^id,/);
    });
  }
});
