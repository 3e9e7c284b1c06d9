import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, DEMO_EMAIL, DEMO_PASSWORD, client, newResponseId, runtime, startServer, type TestServer } from './harness';
import { appRoutes, expectEveryRouteHasACase } from './routes';

let server: TestServer;

beforeAll(async () => {
  // The webhook below points at a closed loopback port: it is only read, never delivered to.
  // Mail goes to closed loopback ports too: survey requests are accepted, never delivered.
  server = await startServer(runtime, { env: { CHORUS_WEBHOOK_ALLOW_PRIVATE: 'true', SMTP_URL: 'smtp://127.0.0.1:9', MAIL_API_URL: 'http://127.0.0.1:9/emails', MAIL_API_TOKEN: 't', MAIL_FROM: 'Chorus <c@chorus.test>' } });
});
afterAll(() => server?.dispose());

describe(`tenant isolation on ${runtime}`, () => {
  it('lets no workspace read or change another workspace through any route', { timeout: 300_000 }, async () => {
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
    const hookA = await a('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['response.completed'] });
    expect(hookA.status, JSON.stringify(hookA.body)).toBe(201);
    const ruleA = (await a('POST', '/api/v1/alert-rules', { kind: 'detractor', touchpointId: 'tp_checkout', name: 'A detractors' })).body;
    const weeklyA = (await a('POST', '/api/v1/alert-rules', { kind: 'nps_drop', touchpointId: 'tp_checkout' })).body;
    // A detractor at A's checkout raises an alert there.
    const detractor = await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id: newResponseId(), surveyId: 'sv_checkout', answers: { nps: 1 }, complete: true }), { 'content-type': 'text/plain' });
    expect(detractor.status).toBe(200);
    let alertA: string | undefined;
    for (const deadline = Date.now() + 20_000; !alertA && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      alertA = (await a('GET', `/api/v1/alerts?rule=${ruleA.id}`)).body.data?.[0]?.id;
    }
    expect(alertA).toBeDefined();
    const hookB = (await b('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['response.completed'] })).body;
    const ruleB = (await b('POST', '/api/v1/alert-rules', { kind: 'nps_drop', touchpointId: tpB.id })).body;

    // The widget of each workspace calls from an origin of its own; what it leaves behind
    // (written in the background) is listed by `path` for that workspace.
    const widgetCalls = async (origins: [string, string], status: number, path: string) => {
      for (const [key, origin] of [['pk_demo', origins[0]], [ws.body.publicKey, origins[1]]] as const) {
        expect((await fetch(`${server.baseUrl}/api/v1/client/${key}/surveys`, { headers: { origin } })).status).toBe(status);
      }
      for (const [caller, origin] of [[a, origins[0]], [b, origins[1]]] as const) {
        let seen = false;
        for (const deadline = Date.now() + 10_000; !seen && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
          seen = (await caller('GET', path)).body.data.some((r: { origin: string }) => r.origin === origin);
        }
        expect(seen, origin).toBe(true);
      }
    };
    // Each workspace is refused one origin of its own (listed in its Settings only).
    await widgetCalls(['https://only-a.example', 'https://only-b.example'], 403, '/api/v1/refused-origins');
    // Each workspace's widget loads on an origin of its own, and each has a draft waiting for
    // the events both report.
    const tenantEvents = ['tenant_event_pk_demo', `tenant_event_${ws.body.publicKey}`];
    const eventDraft = async (caller: typeof a, touchpointId: string) =>
      (await caller('POST', '/api/v1/surveys', { name: 'Event draft', touchpointId, questions: [{ id: 'nps', kind: 'nps', text: 'Recommend?', required: true }], targeting: { events: tenantEvents } })).body.id as string;
    const draftA = await eventDraft(a, 'tp_support');
    const draftB = await eventDraft(b, tpB.id);
    await widgetCalls(['http://localhost:7001', 'http://localhost:7002'], 200, '/api/v1/widget-loads');
    const contactA = (await a('POST', '/api/v1/contacts', { email: 'only-a@example.com', name: 'A person' })).body;
    const contactB = (await b('POST', '/api/v1/contacts', { email: 'only-b@example.com', name: 'B person' })).body;
    const requestA = await a('POST', '/api/v1/survey-requests', { surveyId: 'sv_support', contact: { email: 'only-a@example.com' }, delaySeconds: 3600 });
    expect(requestA.status, JSON.stringify(requestA.body)).toBe(202);
    const requestB = (await b('POST', '/api/v1/survey-requests', { surveyId: svB.id, contact: { email: 'only-b@example.com' }, delaySeconds: 3600 })).body;
    const shareA = (await a('POST', '/api/v1/share-links', { filters: { touchpoint: 'tp_support' } })).body;
    const shareB = (await b('POST', '/api/v1/share-links', {})).body;
    // Each workspace's contact is in an autopilot of its own (the first survey an hour away).
    expect((await a('POST', '/api/v1/autopilot/sv_support/members', { contact: { email: 'only-a@example.com' }, delaySeconds: 3600 })).status).toBe(201);
    expect((await b('POST', `/api/v1/autopilot/${svB.id}/members`, { contact: { email: 'only-b@example.com' }, delaySeconds: 3600 })).status).toBe(201);
    const idsA = { share: shareA.id, shareToken: shareA.token as string, tp: 'tp_support', cpi: 'cpi_saves_time', sv: 'sv_support', resp: 'demo_00001', theme: themeA, run: runA.id, key: keyA, invite: inviteA, respondent: 'cust_0001', hook: hookA.body.id, rule: weeklyA.id, alert: alertA!, publicKey: 'pk_demo', refusedOrigin: 'https://only-a.example', widgetOrigin: 'http://localhost:7001', eventDraft: draftA, contact: contactA.id, email: contactA.email, request: requestA.body.id };
    const idsB = { share: shareB.id, shareToken: shareB.token as string, tp: tpB.id, cpi: cpiB.id, sv: svB.id, resp: ridB, theme: 'none', run: 'none', key: keyB.body.id, invite: 'none', respondent: 'globex_cust', hook: hookB.id, rule: ruleB.id, alert: 'none', publicKey: ws.body.publicKey, refusedOrigin: 'https://only-b.example', widgetOrigin: 'http://localhost:7002', eventDraft: draftB, contact: contactB.id, email: contactB.email, request: requestB.id };
    type Ids = typeof idsA;
    type Caller = ReturnType<typeof client>;
    const dataIds = (body: { data: { id?: string; key?: string }[] }) => body.data.map((d) => d.id ?? d.key);

    // One case per route of the app (checked at the end): what a caller may try with the
    // other workspace's ids, and what it must get.
    const notFound = (path: (ids: Ids) => string, body?: unknown) => async (caller: Caller, ids: Ids, method: string) => {
      const res = await caller(method, path(ids), body);
      expect(res.status, `${method} ${path(ids)}`).toBe(404);
    };
    const listWithout = (path: string, id: (ids: Ids) => string) => async (caller: Caller, ids: Ids) => {
      const res = await caller('GET', path);
      expect(res.status, path).toBe(200);
      expect(dataIds(res.body), path).not.toContain(id(ids));
    };
    const metric = (name: string) => async (caller: Caller, ids: Ids) => {
      const res = await caller('GET', `/api/v1/metrics/${name}?survey=${ids.sv}&touchpoint=${ids.tp}`);
      // Filters naming the other workspace's survey match nothing: an error, or empty numbers.
      if (res.status === 200) expect(JSON.stringify(res.body), name).not.toMatch(/"n":[1-9]/);
      else expect(res.status, name).toBeGreaterThanOrEqual(400);
    };
    // The Delighted-compatible API authenticates with HTTP Basic (the key as user name): each
    // case calls it with the caller's own key and the other workspace's people and responses.
    const keyOf = (caller: Caller) => (caller === a ? API_KEY : keyB.body.key);
    const delighted = async (caller: Caller, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.baseUrl}/api/delighted/v1${path}`, {
        method,
        headers: { authorization: `Basic ${btoa(`${keyOf(caller)}:`)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const delightedCases: Record<string, (caller: Caller, ids: Ids) => Promise<void>> = {
      'GET /api/delighted/v1/people': async (caller, ids) => expect((await delighted(caller, 'GET', '/people?per_page=100')).body.map((p: { id: string }) => p.id)).not.toContain(ids.contact),
      // Naming the other workspace's survey schedules nothing; sending none only makes the caller's own person.
      'POST /api/delighted/v1/people': async (caller, ids) => {
        expect((await delighted(caller, 'POST', '/people', { email: ids.email, properties: { chorus_survey_id: ids.sv } })).status).toBe(404);
        expect((await delighted(caller, 'POST', '/people', { email: ids.email, send: false, properties: { hijacked: true } })).body.id).not.toBe(ids.contact);
      },
      'DELETE /api/delighted/v1/people/:email/survey_requests/pending': async (caller, ids) => {
        // The caller's own person under that email (made above) has nothing pending; the other's request stays pending (checked at the end).
        expect((await delighted(caller, 'DELETE', `/people/${encodeURIComponent(ids.email)}/survey_requests/pending`)).status).toBe(200);
      },
      'GET /api/delighted/v1/survey_responses': async (caller, ids) => expect(JSON.stringify((await delighted(caller, 'GET', '/survey_responses?per_page=100&expand[]=person')).body)).not.toContain(ids.contact),
      'POST /api/delighted/v1/survey_responses': async (caller, ids) => expect((await delighted(caller, 'POST', '/survey_responses', { person: ids.contact, score: 0 })).status).toBe(404),
      'GET /api/delighted/v1/metrics': async (caller, ids) => {
        const mine = (await delighted(caller, 'GET', '/metrics')).body.response_count;
        const other = (await delighted(ids === idsA ? a : b, 'GET', '/metrics')).body.response_count;
        expect(mine).not.toBe(other); // the demo's ~3,000 against Globex's one
      },
      'GET /api/delighted/v1/unsubscribes': async (caller, ids) => expect((await delighted(caller, 'GET', '/unsubscribes?per_page=100')).body.map((u: { person_id: string }) => u.person_id)).not.toContain(ids.contact),
      'POST /api/delighted/v1/unsubscribes': async (caller, ids) => expect((await delighted(caller, 'POST', '/unsubscribes', { person_email: ids.email })).status).toBe(200),
      'GET /api/delighted/v1/autopilot/:platform': async (caller, ids) => {
        expect((await delighted(caller, 'GET', `/autopilot/email?chorus_survey_id=${ids.sv}`)).status).toBe(404);
        expect(JSON.stringify((await delighted(caller, 'GET', '/autopilot/email')).body)).not.toContain(ids.sv);
      },
      'GET /api/delighted/v1/autopilot/:platform/memberships': async (caller, ids) => {
        expect((await delighted(caller, 'GET', `/autopilot/email/memberships?chorus_survey_id=${ids.sv}`)).status).toBe(404);
        expect(JSON.stringify((await delighted(caller, 'GET', '/autopilot/email/memberships?per_page=100')).body)).not.toContain(ids.contact);
      },
      'POST /api/delighted/v1/autopilot/:platform/memberships': async (caller, ids) => expect((await delighted(caller, 'POST', '/autopilot/email/memberships', { person_email: ids.email, properties: { chorus_survey_id: ids.sv } })).status).toBe(404),
      'DELETE /api/delighted/v1/autopilot/:platform/memberships': async (caller, ids) => {
        expect((await delighted(caller, 'DELETE', `/autopilot/email/memberships?person_id=${ids.contact}&chorus_survey_id=${ids.sv}`)).status).toBe(404);
        expect((await delighted(caller, 'DELETE', `/autopilot/email/memberships?person_id=${ids.contact}`)).status).toBeGreaterThanOrEqual(400);
      },
      'GET /api/delighted/v1/bounces': async (caller, ids) => expect((await delighted(caller, 'GET', '/bounces?per_page=100')).body.map((u: { person_id: string }) => u.person_id)).not.toContain(ids.contact),
    };
    /** A route that takes no id or reference of another workspace, and why. */
    const exempt = (why: string) => Object.assign(async () => undefined, { why });
    const cases: Record<string, (caller: Caller, ids: Ids, method: string) => Promise<void>> = {
      'GET /health': exempt('no workspace data'),
      'GET /pages.css': exempt('static'),
      'GET /demo': exempt('static demo page'),
      'GET /demo/:page': exempt('static demo page'),
      'GET /s/:surveyId': exempt('a link survey is public by its unguessable id'),
      'GET /digest/unsubscribe': exempt('the signed token names one member of one workspace (digest suite: a forged token is refused)'),
      'POST /digest/unsubscribe': exempt('the signed token names one member of one workspace (digest suite: a forged token is refused)'),
      'GET /api/openapi.json': exempt('the API description'),
      'GET /api/docs': exempt('the API reference page'),
      'POST /api/v1/auth/login': exempt('no workspace in the request'),
      'POST /api/v1/auth/logout': exempt('ends the caller’s own session'),
      'GET /api/v1/auth/session': exempt('the caller’s own session'),
      'POST /api/v1/auth/accept-invitation': exempt('the invitation token names the workspace; covered by the accounts suite'),
      'POST /api/v1/workspaces': exempt('creates a new workspace'),
      'GET /api/v1/client/:publicKey/surveys': async (caller, ids) => {
        const other = idsA === ids ? idsB : idsA;
        const res = await client(server.baseUrl, null)('GET', `/api/v1/client/${other.publicKey}/surveys?url=${encodeURIComponent('http://localhost:3000/checkout')}`, undefined, { origin: 'http://localhost:3000' });
        expect(JSON.stringify(res.body)).not.toContain(ids.sv);
      },
      'POST /api/v1/client/:publicKey/responses': async (_caller, ids) => {
        const other = idsA === ids ? idsB : idsA;
        const res = await client(server.baseUrl, null)('POST', `/api/v1/client/${other.publicKey}/responses`, JSON.stringify({ id: newResponseId(), surveyId: ids.sv, answers: { nps: 1 } }), { 'content-type': 'text/plain' });
        expect(res.status).toBe(404);
      },
      'GET /api/v1/workspace': async (caller, ids) => expect((await caller('GET', '/api/v1/workspace')).body.publicKey).not.toBe(ids.publicKey),
      'PATCH /api/v1/workspace': exempt('changes the caller’s own workspace; checked unchanged at the end'),
      'GET /api/v1/widget-loads': async (caller, ids) => {
        const res = await caller('GET', '/api/v1/widget-loads');
        expect(res.status).toBe(200);
        expect(res.body.data.map((r: { origin: string }) => r.origin)).not.toContain(ids.widgetOrigin);
      },
      'POST /api/v1/client/:publicKey/events': async (caller, ids) => {
        // An event reported under the caller's key is the caller's only: once its own draft
        // hears of it, the other workspace's draft waiting for the same name still has not.
        const own = idsA === ids ? idsB : idsA;
        const name = `tenant_event_${own.publicKey}`;
        const res = await client(server.baseUrl, null)('POST', `/api/v1/client/${own.publicKey}/events`, JSON.stringify({ name }), { 'content-type': 'text/plain', origin: 'http://localhost:3000' });
        expect(res.status).toBe(204);
        const unseen = async (as: Caller, draft: string) => ((await as('GET', `/api/v1/surveys/${draft}/checks`)).body.data as { kind: string; event?: string }[]).filter((c) => c.kind === 'event_never_seen').map((c) => c.event);
        let mine = await unseen(caller, own.eventDraft);
        for (const deadline = Date.now() + 10_000; mine.includes(name) && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) mine = await unseen(caller, own.eventDraft);
        expect(mine).not.toContain(name);
        expect(await unseen(caller === a ? b : a, ids.eventDraft)).toContain(name);
      },
      'GET /api/v1/refused-origins': async (caller, ids) => {
        const res = await caller('GET', '/api/v1/refused-origins');
        expect(res.status).toBe(200);
        expect(res.body.data.map((r: { origin: string }) => r.origin)).not.toContain(ids.refusedOrigin);
      },
      'POST /api/v1/refused-origins/allow': async (caller, ids) => {
        // Allowing the other workspace's refused origin only ever changes the caller's own list.
        const res = await caller('POST', '/api/v1/refused-origins/allow', { origin: ids.refusedOrigin });
        expect(res.status).toBe(200);
        const other = ids === idsA ? a : b;
        expect((await other('GET', '/api/v1/workspace')).body.allowedOrigins).not.toContain(ids.refusedOrigin);
      },
      'GET /email/unsubscribe': exempt('the email’s random token is the capability; covered by the email-surveys suite'),
      'POST /email/unsubscribe': exempt('as GET'),
      'GET /api/v1/contacts': listWithout('/api/v1/contacts', (i) => i.contact),
      // The other workspace's address becomes a contact of the caller's own (checked unchanged at the end).
      'POST /api/v1/contacts': async (caller, ids) => expect((await caller('POST', '/api/v1/contacts', { email: ids.email, attributes: { hijacked: true } })).body.id).not.toBe(ids.contact),
      'POST /api/v1/contacts/import': async (caller, ids) => {
        const res = await caller('POST', '/api/v1/contacts/import', `email,name\n${ids.email},hijacked\n`, { 'content-type': 'text/csv' });
        expect(res.status).toBe(200);
      },
      'GET /api/v1/contacts/:ref': notFound((i) => `/api/v1/contacts/${i.contact}`),
      'DELETE /api/v1/contacts/:ref': notFound((i) => `/api/v1/contacts/${i.contact}`),
      'POST /api/v1/survey-requests': async (caller, ids) => {
        const res = await caller('POST', '/api/v1/survey-requests', { surveyId: ids.sv, contact: { email: 'x@example.com' } });
        expect(res.status).toBe(404);
        const touchpoint = await caller('POST', '/api/v1/survey-requests', { touchpointId: ids.tp, contact: { email: 'x@example.com' } });
        expect(touchpoint.status).toBe(404);
      },
      'GET /api/v1/survey-requests': listWithout('/api/v1/survey-requests', (i) => i.request),
      'GET /api/v1/autopilot/:surveyId': notFound((i) => `/api/v1/autopilot/${i.sv}`),
      'PUT /api/v1/autopilot/:surveyId': notFound((i) => `/api/v1/autopilot/${i.sv}`, { active: false }),
      'GET /api/v1/autopilot/:surveyId/members': notFound((i) => `/api/v1/autopilot/${i.sv}/members`),
      'POST /api/v1/autopilot/:surveyId/members': notFound((i) => `/api/v1/autopilot/${i.sv}/members`, { contact: { email: 'x@example.com' } }),
      'POST /api/v1/autopilot/:surveyId/members/import': async (caller, ids) => expect((await caller('POST', `/api/v1/autopilot/${ids.sv}/members/import`, 'email\nx@example.com\n', { 'content-type': 'text/csv' })).status).toBe(404),
      'DELETE /api/v1/autopilot/:surveyId/members/:ref': async (caller, ids) => {
        expect((await caller('DELETE', `/api/v1/autopilot/${ids.sv}/members/${ids.email}`)).status).toBe(404);
        // Its own survey, the other workspace's contact: not one of its contacts.
        expect((await caller('DELETE', `/api/v1/autopilot/${caller === a ? 'sv_support' : svB.id}/members/${ids.contact}`)).status).toBe(404);
      },
      'GET /email/score.js': exempt('static script'),
      'POST /email/score': exempt('the email’s random token is the capability; covered by the email-surveys suite'),
      'GET /api/v1/survey-requests/:id': notFound((i) => `/api/v1/survey-requests/${i.request}`),
      'DELETE /api/v1/survey-requests/:id': notFound((i) => `/api/v1/survey-requests/${i.request}`),
      'POST /api/v1/bounces': async (caller, ids) => expect((await caller('POST', '/api/v1/bounces', { email: ids.email, type: 'complaint' })).body.id).not.toBe(ids.contact),
      ...delightedCases,
      'GET /api/v1/touchpoints': listWithout('/api/v1/touchpoints', (i) => i.tp),
      'POST /api/v1/touchpoints': exempt('refers to nothing'),
      'PUT /api/v1/touchpoints/order': async (caller, ids) => {
        const res = await caller('PUT', '/api/v1/touchpoints/order', { ids: [ids.tp] });
        expect(res.status === 200 ? dataIds(res.body) : [], 'reorder').not.toContain(ids.tp);
      },
      'GET /api/v1/touchpoints/:id': notFound((i) => `/api/v1/touchpoints/${i.tp}`),
      'PATCH /api/v1/touchpoints/:id': notFound((i) => `/api/v1/touchpoints/${i.tp}`, { name: 'hijacked' }),
      'DELETE /api/v1/touchpoints/:id': notFound((i) => `/api/v1/touchpoints/${i.tp}`),
      'GET /api/v1/cpis': listWithout('/api/v1/cpis', (i) => i.cpi),
      'POST /api/v1/cpis': async (caller, ids) => expect((await caller('POST', '/api/v1/cpis', { name: 'x', targets: [{ touchpointId: ids.tp, target: 0.5 }] })).status).toBeGreaterThanOrEqual(400),
      'GET /api/v1/cpis/:id': notFound((i) => `/api/v1/cpis/${i.cpi}`),
      'PATCH /api/v1/cpis/:id': notFound((i) => `/api/v1/cpis/${i.cpi}`, { name: 'hijacked' }),
      'DELETE /api/v1/cpis/:id': notFound((i) => `/api/v1/cpis/${i.cpi}`),
      'GET /api/v1/surveys': listWithout('/api/v1/surveys', (i) => i.sv),
      'POST /api/v1/surveys': async (caller, ids) => {
        expect((await caller('POST', '/api/v1/surveys', { touchpointId: ids.tp, name: 'x', questions: [{ id: 'nps', kind: 'nps', text: 'x' }] })).status).toBe(422);
        const own = caller === a ? 'tp_support' : tpB.id;
        expect((await caller('POST', '/api/v1/surveys', { touchpointId: own, name: 'x', questions: [{ id: 'g', kind: 'cpi', cpiId: ids.cpi, text: 'x' }] })).status).toBe(422);
      },
      'GET /api/v1/surveys/:id': notFound((i) => `/api/v1/surveys/${i.sv}`),
      'GET /api/v1/surveys/:id/checks': notFound((i) => `/api/v1/surveys/${i.sv}/checks`),
      'PATCH /api/v1/surveys/:id': notFound((i) => `/api/v1/surveys/${i.sv}`, { name: 'hijacked', status: 'closed' }),
      'DELETE /api/v1/surveys/:id': notFound((i) => `/api/v1/surveys/${i.sv}`),
      'GET /api/v1/responses': async (caller, ids) => expect((await caller('GET', `/api/v1/responses?survey=${ids.sv}`)).body.data).toEqual([]),
      'GET /api/v1/responses/export': async (caller, ids) => {
        const res = await caller('GET', `/api/v1/responses/export?survey=${ids.sv}`);
        if (res.status === 200) expect(String(res.body)).not.toContain(ids.resp);
        else expect(res.status).toBeGreaterThanOrEqual(400);
      },
      'GET /api/v1/responses/counts': async (caller, ids) => expect((await caller('GET', `/api/v1/responses/counts?survey=${ids.sv}`)).body).toMatchObject({ total: 0, facets: { hasComment: { true: 0, false: 0 } } }),
      'GET /api/v1/responses/:id': notFound((i) => `/api/v1/responses/${i.resp}`),
      'POST /api/v1/responses/:id/reply': notFound((i) => `/api/v1/responses/${i.resp}/reply`, { subject: 'hijacked', text: 'hijacked' }),
      'PATCH /api/v1/responses/:id/loop': notFound((i) => `/api/v1/responses/${i.resp}/loop`, { status: 'closed' }),
      'POST /api/v1/responses/:id/notes': notFound((i) => `/api/v1/responses/${i.resp}/notes`, { text: 'hijacked' }),
      // Another workspace's response is not found, whatever theme is named.
      'POST /api/v1/responses/:id/themes': notFound((i) => `/api/v1/responses/${i.resp}/themes`, { key: themeA }),
      'DELETE /api/v1/responses/:id/themes/:key': notFound((i) => `/api/v1/responses/${i.resp}/themes/${themeA}`),
      'DELETE /api/v1/responses/:id': notFound((i) => `/api/v1/responses/${i.resp}`),
      'GET /api/v1/respondents/:respondentId/export': async (caller, ids) => expect((await caller('GET', `/api/v1/respondents/${ids.respondent}/export`)).body.responses).toEqual([]),
      'DELETE /api/v1/respondents/:respondentId': async (caller, ids) => expect((await caller('DELETE', `/api/v1/respondents/${ids.respondent}`)).body.deleted).toBe(0),
      'GET /api/v1/metrics/nps': metric('nps'),
      'GET /api/v1/metrics/drivers': metric('drivers'),
      // A breaks down by its own segment key `plan`; B has no such key (400) or sees nothing of A.
      'GET /api/v1/metrics/breakdown': async (caller, ids) => {
        const res = await caller('GET', `/api/v1/metrics/breakdown?metric=nps&by=plan&survey=${ids.sv}&touchpoint=${ids.tp}`);
        if (res.status === 200) expect(res.body.total.n).toBe(0);
        else expect(res.status).toBe(400);
      },
      // The other workspace's touchpoint names no account here.
      'GET /api/v1/accounts': async (caller, ids) => {
        const res = await caller('GET', `/api/v1/accounts?touchpoint=${ids.tp}`);
        expect(res.status).toBe(200);
        expect(res.body.accounts).toEqual([]);
      },
      'GET /api/v1/metrics/csat': metric('csat'),
      'GET /api/v1/metrics/ces': metric('ces'),
      'GET /api/v1/metrics/sentiment': metric('sentiment'),
      'GET /api/v1/metrics/journey': metric('journey'),
      'GET /api/v1/metrics/cpi': metric('cpi'),
      'GET /api/v1/metrics/themes': metric('themes'),
      'GET /api/v1/themes': listWithout('/api/v1/themes', (i) => i.theme),
      'POST /api/v1/themes': exempt('labels and keywords only'),
      'POST /api/v1/themes/discover': exempt('runs over the caller’s own comments'),
      'PATCH /api/v1/themes/:key': notFound((i) => `/api/v1/themes/${i.theme}`, { hidden: true }),
      'GET /api/v1/analysis/runs': listWithout('/api/v1/analysis/runs', (i) => i.run),
      'POST /api/v1/analysis/runs': exempt('runs over the caller’s own comments'),
      'GET /api/v1/analysis/runs/:id': notFound((i) => `/api/v1/analysis/runs/${i.run}`),
      'GET /api/v1/api-keys': listWithout('/api/v1/api-keys', (i) => i.key),
      'POST /api/v1/api-keys': exempt('a key for the caller’s own workspace'),
      'DELETE /api/v1/api-keys/:id': notFound((i) => `/api/v1/api-keys/${i.key}`),
      'GET /api/v1/share-links': listWithout('/api/v1/share-links', (i) => i.share),
      'POST /api/v1/share-links': async (caller, ids) => expect((await caller('POST', '/api/v1/share-links', { filters: { touchpoint: ids.tp } })).status).toBe(422),
      'DELETE /api/v1/share-links/:id': notFound((i) => `/api/v1/share-links/${i.share}`),
      // A token opens its own workspace only, and no query can point it at another.
      'GET /api/v1/shared/:token': async (_caller, ids) => {
        const other = ids === idsA ? idsB : idsA;
        const view = await client(server.baseUrl, null)('GET', `/api/v1/shared/${ids.shareToken}`);
        expect(view.status).toBe(200);
        expect(view.body.touchpoints.map((t: { id: string }) => t.id)).not.toContain(other.tp);
        expect(JSON.stringify(view.body)).not.toContain(other.cpi);
        expect((await client(server.baseUrl, null)('GET', `/api/v1/shared/${ids.shareToken}?touchpoint=${other.tp}`)).status).toBe(400);
      },
      'GET /api/v1/members': async (caller) => expect((await caller('GET', '/api/v1/members')).body.data.map((m: { userId: string }) => m.userId)).toEqual(['usr_demo_owner']),
      'PATCH /api/v1/members/:id': exempt('the only user is a member of both; B changing its own last owner is refused below (409)'),
      'DELETE /api/v1/members/:id': exempt('as PATCH'),
      'GET /api/v1/invitations': listWithout('/api/v1/invitations', (i) => i.invite),
      'POST /api/v1/invitations': exempt('an email and a role only'),
      'DELETE /api/v1/invitations/:id': notFound((i) => `/api/v1/invitations/${i.invite}`),
      'GET /api/v1/webhooks': listWithout('/api/v1/webhooks', (i) => i.hook),
      'POST /api/v1/webhooks': exempt('a URL and events only'),
      'GET /api/v1/webhooks/:id': notFound((i) => `/api/v1/webhooks/${i.hook}`),
      'PATCH /api/v1/webhooks/:id': notFound((i) => `/api/v1/webhooks/${i.hook}`, { active: false }),
      'DELETE /api/v1/webhooks/:id': notFound((i) => `/api/v1/webhooks/${i.hook}`),
      'POST /api/v1/webhooks/:id/rotate-secret': notFound((i) => `/api/v1/webhooks/${i.hook}/rotate-secret`),
      'POST /api/v1/webhooks/:id/ping': notFound((i) => `/api/v1/webhooks/${i.hook}/ping`),
      'GET /api/v1/webhooks/:id/deliveries': notFound((i) => `/api/v1/webhooks/${i.hook}/deliveries`),
      'GET /api/v1/alert-rules': listWithout('/api/v1/alert-rules', (i) => i.rule),
      'POST /api/v1/alert-rules': async (caller, ids) => expect((await caller('POST', '/api/v1/alert-rules', { kind: 'detractor', touchpointId: ids.tp })).status).toBeGreaterThanOrEqual(400),
      'GET /api/v1/alert-rules/:id': notFound((i) => `/api/v1/alert-rules/${i.rule}`),
      'PATCH /api/v1/alert-rules/:id': notFound((i) => `/api/v1/alert-rules/${i.rule}`, { name: 'hijacked' }),
      'DELETE /api/v1/alert-rules/:id': notFound((i) => `/api/v1/alert-rules/${i.rule}`),
      'POST /api/v1/alert-rules/:id/check': notFound((i) => `/api/v1/alert-rules/${i.rule}/check`),
      'GET /api/v1/digest': async (caller, ids) => {
        const res = await caller('GET', '/api/v1/digest');
        expect(res.status).toBe(200);
        const text = JSON.stringify(res.body);
        for (const id of [ids.tp, ids.cpi, ids.resp]) expect(text).not.toContain(`"${id}"`);
      },
      // Mail goes to a closed port in this suite: only the caller's own members are tried, and none is reached.
      'POST /api/v1/digest/send': async (caller) => {
        const res = await caller('POST', '/api/v1/digest/send');
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.emailed).toEqual([]);
      },
      'GET /api/v1/digest/subscription': async (caller) => expect((await caller('GET', '/api/v1/digest/subscription')).body.error.code).toBe('not_a_member'),
      'PUT /api/v1/digest/subscription': async (caller) => expect((await caller('PUT', '/api/v1/digest/subscription', { subscribed: false })).body.error.code).toBe('not_a_member'),
      'GET /api/v1/alerts': listWithout('/api/v1/alerts', (i) => i.alert),
      'GET /api/v1/alerts/:id': notFound((i) => `/api/v1/alerts/${i.alert}`),
      'POST /api/v1/imports': async (caller, ids) => {
        const res = await fetch(`${server.baseUrl}/api/v1/imports?survey=${ids.sv}`, { method: 'POST', headers: { authorization: `Bearer ${caller === a ? API_KEY : keyB.body.key}`, 'content-type': 'text/csv' }, body: 'id,nps\nx1,1\n' });
        expect(res.status).toBe(404);
        await res.text();
      },
    };
    const routes = appRoutes();
    expectEveryRouteHasACase(routes, Object.keys(cases));
    for (const [caller, ids] of [[b, idsA], [a, idsB]] as const) {
      for (const route of routes) await cases[route.key]!(caller, ids, route.method);
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
    expect((await a('GET', `/api/v1/webhooks/${idsA.hook}`)).body).toMatchObject({ active: true });
    expect((await b('GET', `/api/v1/alert-rules/${idsB.rule}`)).status).toBe(200);
    expect((await a('GET', `/api/v1/alerts/${idsA.alert}`)).status).toBe(200);
    for (const ids of [idsA, idsB]) expect((await client(server.baseUrl, null)('GET', `/api/v1/shared/${ids.shareToken}`)).status).toBe(200);
    for (const [caller, ids, name] of [[a, idsA, 'A person'], [b, idsB, 'B person']] as const) {
      const contact = (await caller('GET', `/api/v1/contacts/${ids.contact}`)).body;
      expect(contact).toMatchObject({ name, attributes: {}, suppressed: null, unsubscribedAt: null });
      expect((await caller('GET', `/api/v1/survey-requests/${ids.request}`)).body.status).toBe('pending');
    }
  });
});
