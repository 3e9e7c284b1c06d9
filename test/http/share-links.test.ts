import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, client, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let owner: ReturnType<typeof client>;
let anon: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startServer(runtime);
  owner = client(server.baseUrl);
  anon = client(server.baseUrl, null);
});
afterAll(() => server?.dispose());

describe(`share links on ${runtime}`, () => {
  it('opens the overview of one touchpoint and period without a session, with the filters fixed', async () => {
    const made = await owner('POST', '/api/v1/share-links', { filters: { touchpoint: 'tp_checkout', from: '2026-01-01', to: '2026-12-31', bucket: 'month' }, expiresInDays: 7 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.token).toMatch(/^sh_[0-9a-f]{48}$/);
    expect(made.body.url).toBe(`${server.baseUrl}/admin/#/shared/${made.body.token}`);
    expect(made.body.filters).toEqual({ touchpoint: 'tp_checkout', from: '2026-01-01', to: '2026-12-31', bucket: 'month', attribute: null });
    expect(Date.parse(made.body.expiresAt) - Date.parse(made.body.createdAt)).toBe(7 * 86_400_000);

    const view = await anon('GET', `/api/v1/shared/${made.body.token}`);
    expect(view.status).toBe(200);
    expect(view.headers.get('cache-control')).toBe('no-store');
    expect(view.body.link).toMatchObject({ workspace: (await owner('GET', '/api/v1/workspace')).body.name, expiresAt: made.body.expiresAt, filters: made.body.filters });
    expect(view.body.link.sharedBy).toMatch(/API key/);
    expect(view.body.touchpoints.map((t: { id: string }) => t.id)).toEqual(['tp_checkout']);
    // The figures are the metrics API's under the same filters.
    const direct = await owner('GET', '/api/v1/metrics/nps?touchpoint=tp_checkout&from=2026-01-01&to=2026-12-31&bucket=month');
    expect(view.body.nps.all.total).toEqual(direct.body.total);
    expect(view.body.nps.all.filters.touchpoint).toBe('tp_checkout');
    const cpi = await owner('GET', '/api/v1/metrics/cpi?touchpoint=tp_checkout&from=2026-01-01&to=2026-12-31&bucket=month');
    expect(view.body.cpi.cells).toEqual(cpi.body.cells);
  });

  it('cannot be widened: a query is refused, and nothing in the view is a comment or a response', async () => {
    const made = await owner('POST', '/api/v1/share-links', { filters: { touchpoint: 'tp_support' } });
    const token = made.body.token;
    for (const q of ['touchpoint=tp_checkout', 'from=2020-01-01', 'attribute=plan:pro', 'workspace=ws_other']) {
      const res = await anon('GET', `/api/v1/shared/${token}?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_query');
    }
    const view = await anon('GET', `/api/v1/shared/${token}`);
    expect(view.body.journey.filters.touchpoint).toBe('tp_support');
    // A comment of the demo's support responses appears nowhere in the view.
    const responses = await owner('GET', '/api/v1/responses?touchpoint=tp_support&limit=50');
    const comments = responses.body.data.map((r: { comment: string | null }) => r.comment).filter((c: string | null): c is string => !!c && c.length > 20);
    expect(comments.length).toBeGreaterThan(0);
    const text = JSON.stringify(view.body);
    for (const c of comments) expect(text).not.toContain(c);
    for (const r of responses.body.data) expect(text).not.toContain(r.id);
    // Link management needs the owner's credentials: the token is not one.
    expect((await client(server.baseUrl, token)('GET', '/api/v1/share-links')).status).toBe(401);
    expect((await client(server.baseUrl, token)('GET', '/api/v1/metrics/nps')).status).toBe(401);
  });

  it('stops working at once when revoked, and refuses an expired or unknown token', async () => {
    const made = await owner('POST', '/api/v1/share-links', { expiresAt: new Date(Date.now() + 3_000).toISOString() });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await anon('GET', `/api/v1/shared/${made.body.token}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, Date.parse(made.body.expiresAt) - Date.now() + 500));
    const expired = await anon('GET', `/api/v1/shared/${made.body.token}`);
    expect(expired.status).toBe(404);
    expect(expired.body.error.code).toBe('share_link_expired');

    const live = await owner('POST', '/api/v1/share-links', {});
    expect(Date.parse(live.body.expiresAt) - Date.parse(live.body.createdAt)).toBe(30 * 86_400_000); // the default
    expect((await anon('GET', `/api/v1/shared/${live.body.token}`)).status).toBe(200);
    expect((await owner('DELETE', `/api/v1/share-links/${live.body.id}`)).status).toBe(204);
    const revoked = await anon('GET', `/api/v1/shared/${live.body.token}`);
    expect(revoked.status).toBe(404);
    expect(revoked.body.error.code).toBe('share_link_not_found');
    expect((await owner('DELETE', `/api/v1/share-links/${live.body.id}`)).status).toBe(404);
    const listed = (await owner('GET', '/api/v1/share-links')).body.data.find((l: { id: string }) => l.id === live.body.id);
    expect(listed.revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(live.body.token); // only the prefix is kept
    expect(listed.prefix).toBe(live.body.token.slice(0, 10));

    expect((await anon('GET', `/api/v1/shared/sh_${'0'.repeat(48)}`)).body.error.code).toBe('share_link_not_found');
    expect((await anon('GET', '/api/v1/shared/not-a-token')).status).toBe(400);
  });

  it('needs an expiry within a year, a real touchpoint and a valid range', async () => {
    const bad = async (body: unknown, status: number) => {
      const res = await owner('POST', '/api/v1/share-links', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
    };
    await bad({ expiresInDays: 366 }, 400);
    await bad({ expiresInDays: 0 }, 400);
    await bad({ expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() }, 422);
    await bad({ expiresAt: new Date(Date.now() - 1000).toISOString() }, 422);
    await bad({ expiresInDays: 3, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }, 400);
    await bad({ filters: { touchpoint: 'tp_nope' } }, 422);
    await bad({ filters: { from: '2026-05-01', to: '2026-04-01' } }, 400);
    await bad({ filters: { survey: 'sv_support' } }, 400); // not a filter of the overview
  });

  it('is managed by owners only; the banner names the user who shared', async () => {
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }) });
    const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { name: string; email: string } };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const made = await anon('POST', '/api/v1/share-links', { expiresInDays: 1 }, { cookie, 'x-csrf-token': csrfToken });
    expect(made.status).toBe(201);
    expect(made.body.sharedBy).toBe(user.name || user.email);
    expect((await anon('POST', '/api/v1/share-links', { expiresInDays: 1 }, { cookie })).status).toBe(403); // no CSRF token

    const viewerKey = await owner('POST', '/api/v1/api-keys', { name: 'cco', role: 'viewer' });
    const editorKey = await owner('POST', '/api/v1/api-keys', { name: 'cx', role: 'editor' });
    for (const key of [viewerKey.body.key, editorKey.body.key]) {
      const as = client(server.baseUrl, key);
      expect((await as('GET', '/api/v1/share-links')).status).toBe(403);
      expect((await as('POST', '/api/v1/share-links', {})).status).toBe(403);
      expect((await as('DELETE', `/api/v1/share-links/${made.body.id}`)).status).toBe(403);
    }
    expect((await anon('GET', '/api/v1/share-links')).status).toBe(401);
  });
});
