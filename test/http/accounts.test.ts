import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, DEMO_EMAIL, DEMO_PASSWORD, client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

/** A browser-like session: keeps the cookie, sends the CSRF token on writes. */
async function login(email: string, password: string) {
  const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = (await res.json()) as { csrfToken: string; user: { id: string }; workspaces: unknown[] };
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const call = (method: string, path: string, json?: unknown, extra: Record<string, string> = {}) =>
    client(server.baseUrl, null)(method, path, json, { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': body.csrfToken }), ...extra });
  return { res, body, setCookie, cookie, call };
}

async function invite(role: 'viewer' | 'editor' | 'owner', email: string) {
  const inv = await api('POST', '/api/v1/invitations', { email, role });
  expect(inv.status).toBe(201);
  const accepted = await fetch(`${server.baseUrl}/api/v1/auth/accept-invitation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: inv.body.token, name: role, password: `${role}-password-123` }),
  });
  expect(accepted.status).toBe(200);
  return login(email, `${role}-password-123`);
}

describe(`accounts and access on ${runtime}`, () => {
  it('logs the demo owner in with an HttpOnly, SameSite session cookie and no secrets in the body', async () => {
    const s = await login(DEMO_EMAIL, DEMO_PASSWORD);
    expect(s.res.status).toBe(200);
    expect(s.setCookie).toMatch(/chorus_session=/);
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Lax/i);
    expect(s.setCookie).not.toMatch(/Secure/i); // plain http on localhost
    expect(s.body.workspaces).toEqual([expect.objectContaining({ id: 'ws_demo', role: 'owner' })]);
    expect(JSON.stringify(s.body)).not.toContain(DEMO_PASSWORD);
    expect(JSON.stringify(s.body)).not.toContain(s.cookie.split('=')[1]);
    const tps = await s.call('GET', '/api/v1/touchpoints');
    expect(tps.status).toBe(200);
    const bad = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_EMAIL, password: 'wrong password' }) });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
  });

  it('refuses state-changing session requests without the CSRF token', async () => {
    const s = await login(DEMO_EMAIL, DEMO_PASSWORD);
    const without = await client(server.baseUrl, null)('POST', '/api/v1/touchpoints', { name: 'CSRF' }, { cookie: s.cookie });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_token_invalid');
    const wrong = await client(server.baseUrl, null)('POST', '/api/v1/touchpoints', { name: 'CSRF' }, { cookie: s.cookie, 'x-csrf-token': 'csrf_guess' });
    expect(wrong.status).toBe(403);
    const withToken = await s.call('POST', '/api/v1/touchpoints', { name: 'With token' });
    expect(withToken.status).toBe(201);
  });

  it('never adopts a session id chosen by someone else, and logout ends the session', async () => {
    const planted = 'chorus_session=sess_attacker_chosen_value';
    const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planted },
      body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^chorus_session=/);
    expect(cookie).not.toBe(planted);
    expect((await client(server.baseUrl, null)('GET', '/api/v1/touchpoints', undefined, { cookie: planted })).status).toBe(401);
    const s = await login(DEMO_EMAIL, DEMO_PASSWORD);
    expect((await s.call('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await s.call('GET', '/api/v1/touchpoints')).status).toBe(401);
  });

  it('enforces roles: viewers read, editors configure, owners manage access', async () => {
    const viewer = await invite('viewer', `viewer-${Date.now()}@example.com`);
    const editor = await invite('editor', `editor-${Date.now()}@example.com`);
    expect((await viewer.call('GET', '/api/v1/surveys')).status).toBe(200);
    expect((await viewer.call('GET', '/api/v1/responses')).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/api/v1/touchpoints', { name: 'x' }],
      ['PATCH', '/api/v1/surveys/sv_support', { name: 'x' }],
      ['DELETE', '/api/v1/responses/demo_00001', undefined],
      ['PATCH', '/api/v1/themes/anything', { hidden: true }],
      ['POST', '/api/v1/api-keys', { name: 'x' }],
    ] as const) {
      const res = await viewer.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await editor.call('POST', '/api/v1/touchpoints', { name: 'By editor' })).status).toBe(201);
    for (const [method, path, body] of [
      ['PATCH', '/api/v1/workspace', { allowedOrigins: ['*'] }],
      ['POST', '/api/v1/api-keys', { name: 'x' }],
      ['GET', '/api/v1/api-keys', undefined],
      ['POST', '/api/v1/invitations', { email: 'x@example.com', role: 'owner' }],
      ['PATCH', `/api/v1/members/${viewer.body.user.id}`, { role: 'owner' }],
    ] as const) {
      expect((await editor.call(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    const promoted = await api('PATCH', `/api/v1/members/${viewer.body.user.id}`, { role: 'editor' });
    expect(promoted.body.role).toBe('editor');
    expect((await viewer.call('POST', '/api/v1/touchpoints', { name: 'Now allowed' })).status).toBe(201);
    expect((await api('PATCH', '/api/v1/members/usr_demo_owner', { role: 'viewer' })).body.error.code).toBe('last_owner');
  });

  it('shows an invitation the same way when created and when listed: ISO timestamps, no token hash', async () => {
    const created = await api('POST', '/api/v1/invitations', { email: 'same-shape@example.com', role: 'viewer' });
    expect(created.status).toBe(201);
    const { token, link, ...invitation } = created.body;
    expect(link).toContain(token);
    expect(invitation).toEqual({ id: expect.any(String), email: 'same-shape@example.com', role: 'viewer', createdAt: expect.any(String), expiresAt: expect.any(String), acceptedAt: null });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(7 * 86_400_000);
    const listed = await api('GET', '/api/v1/invitations');
    expect(listed.body.data.find((i: { id: string }) => i.id === invitation.id)).toEqual(invitation);
    await api('DELETE', `/api/v1/invitations/${invitation.id}`);
  });

  it('creates API keys shown once, lists them by prefix only, and revokes them', async () => {
    const created = await api('POST', '/api/v1/api-keys', { name: 'CI export', role: 'viewer' });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^ck_/);
    const list = await api('GET', '/api/v1/api-keys');
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(key);
    expect(text).not.toContain(API_KEY);
    expect(list.body.data.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ prefix: key.slice(0, 10), role: 'viewer' });
    const asKey = client(server.baseUrl, key);
    expect((await asKey('GET', '/api/v1/touchpoints')).status).toBe(200);
    expect((await asKey('POST', '/api/v1/touchpoints', { name: 'x' })).status).toBe(403);
    expect((await api('DELETE', `/api/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await asKey('GET', '/api/v1/touchpoints')).status).toBe(401);
  });

  it('rate-limits the public API per client with 429 and Retry-After, in the database', async () => {
    const tp = (await api('POST', '/api/v1/touchpoints', { name: 'Limits' })).body;
    const survey = (await api('POST', '/api/v1/surveys', { touchpointId: tp.id, name: 'Limits', status: 'active', questions: [{ id: 'nps', kind: 'nps', text: 'x' }] })).body;
    await api('PATCH', '/api/v1/workspace', { settings: { clientRateLimit: 5 } });
    try {
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof api>> | undefined;
      for (let i = 0; i < 8; i++) {
        const res = await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id: newResponseId(), surveyId: survey.id, answers: { nps: 5 } }), { 'content-type': 'text/plain' });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
      expect(limited?.body.error.code).toBe('rate_limited');
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
      const stored = await api('GET', `/api/v1/responses?survey=${survey.id}`);
      expect(stored.body.data).toHaveLength(statuses.filter((s) => s === 200).length);
      // The refused ones left the rollups alone too (they are counted in the same batch as the write).
      const metrics = await api('GET', `/api/v1/metrics/nps?survey=${survey.id}&bucket=day&tz=UTC`);
      expect(metrics.body.total.n).toBe(stored.body.data.length);
    } finally {
      await api('PATCH', '/api/v1/workspace', { settings: { clientRateLimit: 1_000_000 } });
    }
  });

  it('exports and erases everything about one respondent', async () => {
    const rid = `cust_privacy_${Date.now()}`;
    for (const nps of [3, 9]) {
      await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id: newResponseId(), surveyId: 'sv_support', answers: { nps, comment: 'Please forget me' }, respondentId: rid, complete: true }), {
        'content-type': 'text/plain',
      });
    }
    const exported = await api('GET', `/api/v1/respondents/${rid}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.responses).toHaveLength(2);
    expect(exported.body.responses[0]).toMatchObject({ respondentId: rid, comment: 'Please forget me' });
    const erased = await api('DELETE', `/api/v1/respondents/${rid}`);
    expect(erased.body.deleted).toBe(2);
    expect((await api('GET', `/api/v1/respondents/${rid}/export`)).body.responses).toHaveLength(0);
    expect((await api('GET', `/api/v1/responses?respondent=${rid}`)).body.data).toHaveLength(0);
  });
});
