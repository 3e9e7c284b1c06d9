import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { DEMO_EMAIL, DEMO_PASSWORD, client, runtime, startServer, type TestServer } from './harness';

// One server configured as behind a proxy on a public https URL: Node believes the nearest
// X-Forwarded-For hop; on Workers the platform's CF-Connecting-IP names the client.
const PUBLIC_URL = 'https://chorus.example.test';
let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startServer(runtime, { env: { CHORUS_PUBLIC_URL: PUBLIC_URL, CHORUS_TRUST_PROXY: 'x-forwarded-for' } });
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

let clients = 0;
/** Headers that make a request come from a distinct client address. */
const from = (ip = `203.0.113.${++clients}`): Record<string, string> => (runtime === 'node' ? { 'x-forwarded-for': ip } : { 'cf-connecting-ip': ip });

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function login(email: string, password: string, headers: Record<string, string> = from()) {
  const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email, password }, headers));
  const body = (await res.json()) as { csrfToken: string; user: { id: string }; error?: { code: string } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const call = (method: string, path: string, payload?: unknown, extra: Record<string, string> = {}) =>
    client(server.baseUrl, null)(method, path, payload, { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': body.csrfToken }), ...extra });
  return { res, body, cookie, call };
}

const accept = (body: unknown, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}/api/v1/auth/accept-invitation`, json(body, headers));

/** A new account, made as the product makes them: invited into the demo workspace. */
async function newAccount(label: string) {
  const email = `${label}-${Date.now()}-${++clients}@example.com`;
  const password = `${label}-password-123`;
  const inv = await api('POST', '/api/v1/invitations', { email, role: 'viewer' });
  expect(inv.status).toBe(201);
  const res = await accept({ token: inv.body.token, name: label, password });
  expect(res.status).toBe(200);
  return { email, password };
}

describe(`invitations cannot be used to guess passwords, on ${runtime}`, () => {
  it('answers the same for right and wrong passwords of an existing account, and never starts a session', async () => {
    // The attacker has an account of their own, makes a workspace and invites the victim (the demo owner).
    const attacker = await login((await newAccount('attacker')).email, 'attacker-password-123');
    const ws = await attacker.call('POST', '/api/v1/workspaces', { name: 'Bait' });
    expect(ws.status).toBe(201);
    const inv = await attacker.call('POST', '/api/v1/invitations', { email: DEMO_EMAIL, role: 'owner' }, { 'x-workspace-id': ws.body.id });
    expect(inv.status).toBe(201);
    const answers = [];
    for (const password of ['wrong-password-1', DEMO_PASSWORD, 'short', undefined]) {
      const res = await accept({ token: inv.body.token, name: 'x', ...(password === undefined ? {} : { password }) });
      answers.push({ status: res.status, body: (await res.json()) as { error: { code: string } }, cookie: res.headers.get('set-cookie') });
    }
    for (const a of answers) {
      expect(a).toEqual({ status: 401, body: answers[0]!.body, cookie: null });
      expect(a.body.error.code).toBe('login_required');
    }
    // The guesses used nothing up: the victim, logged in, accepts the same link from the session.
    const victim = await login(DEMO_EMAIL, DEMO_PASSWORD);
    expect(victim.res.status).toBe(200);
    const noCsrf = await accept({ token: inv.body.token }, { cookie: victim.cookie });
    expect(noCsrf.status).toBe(403);
    const asAttacker = await accept({ token: inv.body.token }, { cookie: attacker.cookie, 'x-csrf-token': attacker.body.csrfToken });
    expect(asAttacker.status).toBe(403);
    expect(((await asAttacker.json()) as { error: { code: string } }).error.code).toBe('wrong_account');
    const joined = await accept({ token: inv.body.token, password: 'anything at all' }, { cookie: victim.cookie, 'x-csrf-token': victim.body.csrfToken });
    expect(joined.status).toBe(200);
    expect(joined.headers.get('set-cookie')).toBeNull(); // the session it came with, not a new one
    const body = (await joined.json()) as { user: { email: string }; workspaces: { id: string; role: string }[]; csrfToken: string };
    expect(body.user.email).toBe(DEMO_EMAIL);
    expect(body.workspaces).toContainEqual(expect.objectContaining({ id: ws.body.id, role: 'owner' }));
    expect(body.csrfToken).toBe(victim.body.csrfToken);
    expect((await accept({ token: inv.body.token }, { cookie: victim.cookie, 'x-csrf-token': victim.body.csrfToken })).status).toBe(404);
  });

  it('still lets a new account choose its password, and needs one of 10 characters', async () => {
    const email = `newcomer-${Date.now()}@example.com`;
    const inv = await api('POST', '/api/v1/invitations', { email, role: 'editor' });
    for (const password of [undefined, 'too-short']) {
      const res = await accept({ token: inv.body.token, name: 'New', ...(password ? { password } : {}) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('password_required');
    }
    const res = await accept({ token: inv.body.token, name: 'New', password: 'a-long-enough-password' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/chorus_session=/);
    expect((await login(email, 'a-long-enough-password')).res.status).toBe(200);
  });
});

describe(`failed logins cost time, never lock the owner out, on ${runtime}`, () => {
  it('throttles a guessing client with a short, growing delay while the owner logs in from elsewhere', async () => {
    const owner = await newAccount('owner');
    const stranger = from();
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email: owner.email, password: `guess-${i}` }, stranger));
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const first = Number(limited?.headers.get('retry-after'));
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(2);
    expect(((await limited!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // The owner, from another client, is not held up at all.
    expect((await login(owner.email, owner.password, from())).res.status).toBe(200);
    // A delay, not a lock: after waiting, the stranger's next guess is judged again, and the wait after it is longer.
    await new Promise((r) => setTimeout(r, first * 1000 + 100));
    const again = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email: owner.email, password: 'guess-again' }, stranger));
    expect(again.status).toBe(401);
    const next = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email: owner.email, password: 'guess-more' }, stranger));
    expect(next.status).toBe(429);
    // Whole seconds: the first wait (1 s) is announced as 1–2, the second (2 s) as 2–3.
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
  });

  it('counts failures only, serialises parallel guesses, and a success starts the client over', async () => {
    const owner = await newAccount('regular');
    const laptop = from();
    // Logging in often is not suspicious.
    for (let i = 0; i < 15; i++) expect((await login(owner.email, owner.password, laptop)).res.status, `login ${i + 1}`).toBe(200);
    // Parallel guesses cannot all slip past the check.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email: owner.email, password: `typo-${i}` }, laptop))));
    const judged = burst.filter((r) => r.status === 401).length;
    expect(judged).toBeGreaterThanOrEqual(5);
    expect(judged).toBeLessThanOrEqual(7);
    expect(burst.filter((r) => r.status === 429).length).toBe(20 - judged);
    // Once the owner gets in, their own earlier typos are forgotten: five free attempts again.
    const wait = Math.max(...burst.map((r) => Number(r.headers.get('retry-after') ?? 0)));
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
    expect((await login(owner.email, owner.password, laptop)).res.status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email: owner.email, password: `typo-after-${i}` }, laptop));
      expect(res.status, `typo ${i + 1} after the success`).toBe(401);
    }
  });
});

describe(`a guess spread over many clients hits the per-email ceiling, on ${runtime}`, () => {
  it('past 50 failures for an email, each further client gets one try before it must wait, and the owner still gets in', async () => {
    const owner = await newAccount('target');
    const attempt = (password: string, headers: Record<string, string>) => fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email: owner.email, password }, headers));
    for (let round = 0; round < 5; round++) {
      const res = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(`spread-${round}-${i}`, from(`192.0.2.${round * 10 + i + 1}`))));
      expect(res.map((r) => r.status)).toEqual(Array(10).fill(401));
    }
    const botnet = from('192.0.2.200');
    expect((await attempt('one-more', botnet)).status).toBe(401);
    const second = await attempt('and-another', botnet);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(3);
    expect((await login(owner.email, owner.password, from())).res.status).toBe(200);
  });
});

// Node only: Workers take CF-Connecting-IP whatever CHORUS_TRUST_PROXY says.
if (runtime === 'node') describe(`CHORUS_TRUST_PROXY=x-forwarded-for picks the hop the proxy added, on ${runtime}`, () => {
  it('counts by the rightmost X-Forwarded-For entry, whatever the client wrote to its left', async () => {
    const owner = await newAccount('hops');
    const statuses: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ email: owner.email, password: `guess-${i}` }, { 'x-forwarded-for': `10.9.8.${i}, 198.51.100.77` }));
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The proxy's own entry for another client is another client.
    expect((await login(owner.email, owner.password, { 'x-forwarded-for': '10.9.8.1, 198.51.100.78' })).res.status).toBe(200);
  });
});

/** A request with a chosen Host header (fetch does not let one set it). */
function withHost(path: string, host: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(server.baseUrl + path);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host, 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });
}

describe(`links and cookies follow CHORUS_PUBLIC_URL, not the Host header, on ${runtime}`, () => {
  it('builds invitation links from the configured URL whatever Host says', async () => {
    const res = await withHost('/api/v1/invitations', 'evil.example', { email: `linked-${Date.now()}@example.com`, role: 'viewer' }, { authorization: `Bearer ${(await import('./harness')).API_KEY}` });
    expect(res.status).toBe(201);
    const link: string = JSON.parse(res.body).link;
    expect(link.startsWith(`${PUBLIC_URL}/admin/#/invite/`)).toBe(true);
    expect(link).not.toContain('evil.example');
  });

  it('marks the session cookie Secure for an https public URL, even when reached as localhost', async () => {
    const account = await newAccount('cookie');
    for (const host of ['localhost', `127.0.0.1:${new URL(server.baseUrl).port}`]) {
      const res = await withHost('/api/v1/auth/login', host, { email: account.email, password: account.password }, from());
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    }
  });
});
