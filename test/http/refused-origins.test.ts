import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

const fromPage = (origin: string) => fetch(`${server.baseUrl}/api/v1/client/pk_demo/surveys`, { headers: { origin } });

async function refusedList(): Promise<{ origin: string; count: number; lastSeen: string }[]> {
  const res = await api('GET', '/api/v1/refused-origins');
  expect(res.status).toBe(200);
  return res.body.data;
}

describe(`origins the widget was refused from on ${runtime}`, () => {
  it('answers the refusal with CORS headers and a code the page can read', async () => {
    const res = await fromPage('https://shop.unlisted.example');
    expect(res.status).toBe(403);
    // Readable cross-origin: without this the page only sees a bare CORS error.
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.unlisted.example');
    expect(res.headers.get('vary')).toMatch(/origin/i);
    const body = (await res.json()) as { error: { code: string; message: string; details: { origin: string } } };
    expect(body.error.code).toBe('origin_not_allowed');
    expect(body.error.message).toContain('Allowed origins');
    expect(body.error.details.origin).toBe('https://shop.unlisted.example');
  });

  it('lists refused origins once each, with a count and when last seen, and allows one in a click', async () => {
    const origin = 'https://blog.unlisted.example';
    for (let i = 0; i < 5; i++) expect((await fromPage(origin)).status).toBe(403);
    let listed: Awaited<ReturnType<typeof refusedList>> = [];
    // Written in the background after the response.
    for (const deadline = Date.now() + 10_000; !listed.some((r) => r.origin === origin) && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) listed = await refusedList();
    const entry = listed.filter((r) => r.origin === origin);
    expect(entry).toHaveLength(1);
    // One write an hour per origin: the first refusal is counted at once, the rest with the next hour's write.
    expect(entry[0]!.count).toBeGreaterThanOrEqual(1);
    expect(Date.now() - Date.parse(entry[0]!.lastSeen)).toBeLessThan(60_000);
    expect(listed.some((r) => r.origin === 'https://shop.unlisted.example')).toBe(true);

    const allowed = await api('POST', '/api/v1/refused-origins/allow', { origin });
    expect(allowed.status).toBe(200);
    expect(allowed.body.allowedOrigins).toContain(origin);
    expect((await api('GET', '/api/v1/workspace')).body.allowedOrigins).toContain(origin);
    // Allowing twice keeps one entry.
    const again = await api('POST', '/api/v1/refused-origins/allow', { origin });
    expect(again.body.allowedOrigins.filter((o: string) => o === origin)).toHaveLength(1);
    // The widget on that site now gets its surveys (Workers isolates may hold the workspace a moment).
    let status = 0;
    for (const deadline = Date.now() + 10_000; status !== 200 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) status = (await fromPage(origin)).status;
    expect(status).toBe(200);
    expect((await refusedList()).some((r) => r.origin === origin)).toBe(false);
  });

  it('refuses what is not an origin a browser sends', async () => {
    for (const origin of ['https://*.example.com', 'javascript:alert(1)', 'https://x.example/path', '*']) {
      const res = await api('POST', '/api/v1/refused-origins/allow', { origin });
      expect(res.status, origin).toBe(400);
    }
  });
});
