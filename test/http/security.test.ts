import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, DEMO_EMAIL, DEMO_PASSWORD, client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

const post = (body: unknown) => client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });

describe(`hostile input and secrets on ${runtime}`, () => {
  it('stores markup as given and serves it only as JSON that browsers may not sniff', async () => {
    const id = newResponseId();
    const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    expect((await post({ id, surveyId: 'sv_support', answers: { nps: 1, comment: xss }, complete: true })).status).toBe(200);
    const got = await api('GET', `/api/v1/responses/${id}`);
    expect(got.body.comment).toBe(xss);
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('neutralises spreadsheet formulas in CSV exports and keeps the text intact in JSON Lines', async () => {
    const tp = (await api('POST', '/api/v1/touchpoints', { name: 'Export' })).body;
    const survey = (await api('POST', '/api/v1/surveys', { touchpointId: tp.id, name: 'Export', status: 'active', questions: [{ id: 'nps', kind: 'nps', text: 'x' }, { id: 'why', kind: 'text', text: 'y' }] })).body;
    const hostile = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', 'plain, with "quotes"\nand a newline'];
    for (const comment of hostile) expect((await post({ id: newResponseId(), surveyId: survey.id, answers: { nps: 5, why: comment }, respondentId: '=cmd|calc' })).status).toBe(200);

    const csv = await fetch(`${server.baseUrl}/api/v1/responses/export?format=csv&survey=${survey.id}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toMatch(/^id,survey_id,/);
    for (const comment of hostile.slice(0, 5)) {
      const escaped = `'${comment}`.replace(/"/g, '""');
      expect(text).toContain(/[",\n]/.test(`'${comment}`) ? `"${escaped}"` : escaped);
    }
    expect(text).toContain('"plain, with ""quotes""\nand a newline"');
    expect(text).toContain(`'=cmd|calc`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    const jsonl = await fetch(`${server.baseUrl}/api/v1/responses/export?format=jsonl&survey=${survey.id}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    const rows = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l) as { comment: string });
    expect(rows.map((r) => r.comment).sort()).toEqual([...hostile].sort());
  });

  it('keeps passwords, API keys and session ids out of logs and responses', async () => {
    server.clearLogs();
    const wrong = 'wrong-password-that-must-not-leak';
    await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_EMAIL, password: wrong }) });
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }) });
    const loginText = await login.text();
    const sessionId = (login.headers.get('set-cookie') ?? '').split(';')[0]!.split('=')[1]!;
    const created = await api('POST', '/api/v1/api-keys', { name: 'Leak check' });
    const key: string = created.body.key;
    await client(server.baseUrl, key)('GET', '/api/v1/responses?limit=1');
    await client(server.baseUrl, `${key}x`)('GET', '/api/v1/responses?limit=1');
    const listings = JSON.stringify([(await api('GET', '/api/v1/api-keys')).body, (await api('GET', '/api/v1/members')).body, (await api('GET', '/api/v1/invitations')).body]);
    await new Promise((r) => setTimeout(r, 300));
    const logs = server.logs();
    for (const secret of [DEMO_PASSWORD, wrong, key, sessionId]) {
      expect(logs).not.toContain(secret);
      expect(listings).not.toContain(secret);
    }
    expect(loginText).not.toContain(DEMO_PASSWORD);
    expect(loginText).not.toContain(sessionId);
  });
});
