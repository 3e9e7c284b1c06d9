import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, DEMO_EMAIL, DEMO_PASSWORD, client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

describe(`tenant isolation on ${runtime}`, () => {
  it('lets no workspace read or change another workspace through any route', async () => {
    const a = client(server.baseUrl, API_KEY);
    // The demo owner creates a second workspace and an owner key for it.
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }) });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const session = client(server.baseUrl, null);
    const ws = await session('POST', '/api/v1/workspaces', { name: 'Globex', allowedOrigins: ['http://localhost:*'] }, { cookie, 'x-csrf-token': csrfToken });
    expect(ws.status).toBe(201);
    const keyB = await session('POST', '/api/v1/api-keys', { name: 'Globex owner', role: 'owner' }, { cookie, 'x-csrf-token': csrfToken, 'x-workspace-id': ws.body.id });
    expect(keyB.status).toBe(201);
    const b = client(server.baseUrl, keyB.body.key);
    expect((await b('GET', '/api/v1/workspace')).body.id).toBe(ws.body.id);
    expect((await b('GET', '/api/v1/touchpoints')).body.data).toEqual([]);

    const tpB = (await b('POST', '/api/v1/touchpoints', { name: 'Globex checkout' })).body;
    const cpiB = (await b('POST', '/api/v1/cpis', { name: 'Globex goal', targets: [{ touchpointId: tpB.id, target: 0.5 }] })).body;
    const svB = (await b('POST', '/api/v1/surveys', { touchpointId: tpB.id, name: 'Globex', status: 'active', questions: [{ id: 'nps', kind: 'nps', text: 'x' }, { id: 'g', kind: 'cpi', cpiId: cpiB.id, text: 'y' }] })).body;
    const ridB = newResponseId();
    const postB = await client(server.baseUrl, null)('POST', `/api/v1/client/${ws.body.publicKey}/responses`, JSON.stringify({ id: ridB, surveyId: svB.id, answers: { nps: 1 }, respondentId: 'globex_cust' }), { 'content-type': 'text/plain' });
    expect(postB.status).toBe(200);
    const runA = (await a('POST', '/api/v1/analysis/runs')).body;
    const themeA = (await a('GET', '/api/v1/themes')).body.data[0].key;
    const keyA = (await a('GET', '/api/v1/api-keys')).body.data[0].id;
    const inviteA = (await a('POST', '/api/v1/invitations', { email: 'a-only@example.com', role: 'viewer' })).body.id;

    const idsA = { tp: 'tp_support', cpi: 'cpi_saves_time', sv: 'sv_support', resp: 'demo_00001', theme: themeA, run: runA.id, key: keyA, member: 'usr_demo_owner', invite: inviteA, respondent: 'cust_0001' };
    const idsB = { tp: tpB.id, cpi: cpiB.id, sv: svB.id, resp: ridB, theme: 'none', run: 'none', key: keyB.body.id, member: 'usr_demo_owner', invite: 'none', respondent: 'globex_cust' };
    const routes = (ids: typeof idsA): [string, string, unknown][] => [
      ['GET', `/api/v1/touchpoints/${ids.tp}`, undefined],
      ['PATCH', `/api/v1/touchpoints/${ids.tp}`, { name: 'hijacked' }],
      ['DELETE', `/api/v1/touchpoints/${ids.tp}`, undefined],
      ['GET', `/api/v1/cpis/${ids.cpi}`, undefined],
      ['PATCH', `/api/v1/cpis/${ids.cpi}`, { name: 'hijacked' }],
      ['DELETE', `/api/v1/cpis/${ids.cpi}`, undefined],
      ['GET', `/api/v1/surveys/${ids.sv}`, undefined],
      ['PATCH', `/api/v1/surveys/${ids.sv}`, { name: 'hijacked', status: 'closed' }],
      ['DELETE', `/api/v1/surveys/${ids.sv}`, undefined],
      ['GET', `/api/v1/responses/${ids.resp}`, undefined],
      ['DELETE', `/api/v1/responses/${ids.resp}`, undefined],
      ['PATCH', `/api/v1/themes/${ids.theme}`, { hidden: true }],
      ['GET', `/api/v1/analysis/runs/${ids.run}`, undefined],
      ['DELETE', `/api/v1/api-keys/${ids.key}`, undefined],
      ['DELETE', `/api/v1/invitations/${ids.invite}`, undefined],
    ];
    for (const [caller, ids] of [[b, idsA], [a, idsB]] as const) {
      for (const [method, path, body] of routes(ids)) {
        const res = await caller(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
      }
      // Lists and references never reach across either.
      const survey = await caller('POST', '/api/v1/surveys', { touchpointId: ids.tp, name: 'x', questions: [{ id: 'nps', kind: 'nps', text: 'x' }] });
      expect(survey.status).toBe(422);
      const cpi = await caller('POST', '/api/v1/surveys', { touchpointId: caller === a ? 'tp_support' : tpB.id, name: 'x', questions: [{ id: 'g', kind: 'cpi', cpiId: ids.cpi, text: 'x' }] });
      expect(cpi.status).toBe(422);
      expect((await caller('GET', `/api/v1/responses?survey=${ids.sv}`)).body.data).toEqual([]);
      expect((await caller('GET', `/api/v1/respondents/${ids.respondent}/export`)).body.responses).toEqual([]);
      expect((await caller('DELETE', `/api/v1/respondents/${ids.respondent}`)).body.deleted).toBe(0);
    }
    expect((await b('PATCH', '/api/v1/members/usr_demo_owner', { role: 'viewer' })).status).toBe(409); // B's own last owner
    // A public key cannot write into another workspace's survey.
    const cross = await client(server.baseUrl, null)('POST', `/api/v1/client/${ws.body.publicKey}/responses`, JSON.stringify({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: 1 } }), { 'content-type': 'text/plain' });
    expect(cross.status).toBe(404);
    // A session cannot pick a workspace it is not a member of.
    const foreign = await client(server.baseUrl, null)('GET', '/api/v1/touchpoints', undefined, { cookie, 'x-workspace-id': 'ws_someone_else' });
    expect(foreign.status).toBe(403);

    // Nothing was modified on either side.
    expect((await a('GET', '/api/v1/surveys/sv_support')).body).toMatchObject({ name: 'Support ticket closed survey', status: 'active' });
    expect((await a('GET', '/api/v1/responses/demo_00001')).status).toBe(200);
    expect((await a('GET', '/api/v1/themes')).body.data.find((t: { key: string }) => t.key === themeA).hidden).toBe(false);
    expect((await b('GET', `/api/v1/surveys/${svB.id}`)).body).toMatchObject({ name: 'Globex', status: 'active' });
    expect((await b('GET', `/api/v1/responses/${ridB}`)).status).toBe(200);
    expect((await a('GET', '/api/v1/touchpoints')).status).toBe(200);
    expect((await b('GET', '/api/v1/touchpoints')).status).toBe(200);
  });
});
