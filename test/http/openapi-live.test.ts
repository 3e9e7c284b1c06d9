import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, client, DEMO_EMAIL, DEMO_PASSWORD, newResponseId, runtime, startServer, type TestServer } from './harness';

// Live answers checked against the schemas /api/openapi.json documents for them, as a client
// generated from the document would rely on: the documented status, then the body's schema.

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: object;
};

let server: TestServer;
let api: ReturnType<typeof client>;
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const compiled = new Map<string, ValidateFunction>();

beforeAll(async () => {
  server = await startServer(runtime);
  api = client(server.baseUrl);
  doc = (await api('GET', '/api/openapi.json')).body;
  // Each response schema is checked inside a document that carries the components its $refs point to.
  ajv.addSchema({ $id: 'https://chorus.test/openapi.json', components: doc.components }, 'openapi');
});
afterAll(async () => {
  await server?.dispose();
});

const checked: string[] = [];

/** Calls the API and fails unless the status is documented for the operation and the body matches its schema. */
async function call(method: string, template: string, path: string, body?: unknown, headers?: Record<string, string>, as = api) {
  const res = await as(method, path, body, headers);
  const op = doc.paths[template]?.[method.toLowerCase()];
  expect(op, `${method} ${template} is documented`).toBeDefined();
  const response = op!.responses[String(res.status)];
  expect(response, `${method} ${template} documents ${res.status} (${JSON.stringify(res.body)?.slice(0, 200)})`).toBeDefined();
  const media = response!.content?.['application/json'];
  if (media) {
    const key = `${method} ${template} ${res.status}`;
    let validate = compiled.get(key);
    if (!validate) {
      const schema = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/', '"https://chorus.test/openapi.json#/components/'));
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    expect(validate(res.body) ? [] : validate.errors, `${key}: body matches its documented schema`).toEqual([]);
    checked.push(key);
  }
  return res;
}

describe(`live responses match /api/openapi.json on ${runtime}`, () => {
  it('for reads of every resource', async () => {
    await call('GET', '/api/v1/workspace', '/api/v1/workspace');
    const touchpoints = await call('GET', '/api/v1/touchpoints', '/api/v1/touchpoints');
    await call('GET', '/api/v1/touchpoints/{id}', `/api/v1/touchpoints/${touchpoints.body.data[0].id}`);
    await call('GET', '/api/v1/cpis', '/api/v1/cpis');
    const surveys = await call('GET', '/api/v1/surveys', '/api/v1/surveys');
    await call('GET', '/api/v1/surveys/{id}', `/api/v1/surveys/${surveys.body.data[0].id}`);
    await call('GET', '/api/v1/themes', '/api/v1/themes');
    await call('GET', '/api/v1/alert-rules', '/api/v1/alert-rules');
    await call('GET', '/api/v1/alerts', '/api/v1/alerts?limit=5');
    await call('GET', '/api/v1/analysis/runs', '/api/v1/analysis/runs');
    await call('GET', '/api/v1/api-keys', '/api/v1/api-keys');
    await call('GET', '/api/v1/members', '/api/v1/members');
    await call('GET', '/api/v1/invitations', '/api/v1/invitations');
    await call('GET', '/api/v1/webhooks', '/api/v1/webhooks');
    await call('GET', '/api/v1/accounts', '/api/v1/accounts?limit=5');
    await call('GET', '/api/v1/client/{publicKey}/surveys', '/api/v1/client/pk_demo/surveys', undefined, undefined, client(server.baseUrl, null));
  });

  it('for every metric', async () => {
    for (const m of ['nps', 'csat', 'ces', 'sentiment', 'journey', 'cpi', 'themes', 'drivers']) {
      await call('GET', `/api/v1/metrics/${m}`, `/api/v1/metrics/${m}?bucket=week`);
    }
    // The demo keeps plan and region as segment keys.
    for (const m of ['nps', 'csat', 'ces', 'cpi']) await call('GET', '/api/v1/metrics/breakdown', `/api/v1/metrics/breakdown?metric=${m}&by=plan`);
    await call('GET', '/api/v1/metrics/nps', '/api/v1/metrics/nps?bucket=week&attribute=plan:pro');
    // Against a comparison period: the previous one, and a chosen one.
    for (const m of ['nps', 'csat', 'ces', 'sentiment', 'journey', 'cpi', 'themes']) await call('GET', `/api/v1/metrics/${m}`, `/api/v1/metrics/${m}?bucket=week&compare=previous`);
    const to = new Date().toISOString().slice(0, 10);
    await call('GET', '/api/v1/metrics/nps', `/api/v1/metrics/nps?from=2026-01-01&to=${to}&compareFrom=2025-06-01&compareTo=2025-12-31`);
  });

  it('for the digest, search and refused origins', async () => {
    const digest = await call('GET', '/api/v1/digest', '/api/v1/digest');
    expect(digest.status).toBe(200);
    await call('GET', '/api/v1/digest', '/api/v1/digest?week=2999-01-04');
    const found = await call('GET', '/api/v1/responses', '/api/v1/responses?q=slow&limit=5');
    expect(found.body.data.length).toBeGreaterThan(0);
    await call('GET', '/api/v1/refused-origins', '/api/v1/refused-origins');
  });

  it('for activation checks, the install check and track events', async () => {
    const anon = client(server.baseUrl, null);
    const sent = await call('POST', '/api/v1/client/{publicKey}/events', '/api/v1/client/pk_demo/events', JSON.stringify({ name: 'openapi_live' }), { 'content-type': 'text/plain', origin: 'http://localhost:3000' }, anon);
    expect(sent.status).toBe(204);
    await call('POST', '/api/v1/client/{publicKey}/events', '/api/v1/client/pk_demo/events', JSON.stringify({ name: '' }), { 'content-type': 'text/plain' }, anon);
    await call('GET', '/api/v1/client/{publicKey}/surveys', '/api/v1/client/pk_demo/surveys', undefined, { origin: 'http://localhost:3000' }, anon);
    await call('GET', '/api/v1/widget-loads', '/api/v1/widget-loads');
    const draft = await api('POST', '/api/v1/surveys', { name: 'Live checks', touchpointId: 'tp_checkout', questions: [{ id: 'nps', kind: 'nps', text: 'Recommend?', required: true }], targeting: { urls: [{ match: 'exact', value: 'https://shop.example/checkout' }], events: ['never_sent'] } });
    const checks = await call('GET', '/api/v1/surveys/{id}/checks', `/api/v1/surveys/${draft.body.id}/checks`);
    expect(checks.body.data.map((c: { kind: string }) => c.kind).sort()).toEqual(['event_never_seen', 'origin_not_allowed', 'outranked']);
    await call('GET', '/api/v1/surveys/{id}/checks', '/api/v1/surveys/sv_nope/checks');
  });

  it('for a response from ingestion to close-the-loop and erasure', async () => {
    const id = newResponseId();
    const anon = client(server.baseUrl, null);
    const posted = await call('POST', '/api/v1/client/{publicKey}/responses', '/api/v1/client/pk_demo/responses', JSON.stringify({ id, surveyId: 'sv_support', answers: { nps: 3, comment: 'Slow support and no answer' }, complete: true, respondentId: 'openapi-live' }), { 'content-type': 'text/plain' }, anon);
    expect(posted.status).toBe(200);
    const page = await call('GET', '/api/v1/responses', '/api/v1/responses?limit=3');
    expect(page.body.data.length).toBeGreaterThan(0);
    await call('GET', '/api/v1/responses/{id}', `/api/v1/responses/${id}`);
    const owner: string = (await call('GET', '/api/v1/members', '/api/v1/members')).body.data[0].userId;
    expect((await call('PATCH', '/api/v1/responses/{id}/loop', `/api/v1/responses/${id}/loop`, { status: 'in_progress', assignee: owner })).status).toBe(200);
    await call('POST', '/api/v1/responses/{id}/notes', `/api/v1/responses/${id}/notes`, { text: 'Called back' });
    expect((await call('PATCH', '/api/v1/responses/{id}/loop', `/api/v1/responses/${id}/loop`, { status: 'closed', resolution: { reason: 'explained' } })).status).toBe(200);
    const detail = await call('GET', '/api/v1/responses/{id}', `/api/v1/responses/${id}`);
    expect(detail.body.activity.map((e: { kind: string }) => e.kind)).toEqual(['assigned', 'status', 'note', 'status']);
    const counts = await call('GET', '/api/v1/responses/counts', `/api/v1/responses/counts?scoreBand=detractor&hasComment=true&assignee=${owner}`);
    expect(counts.body.total).toBeGreaterThan(0);
    // The respondent's email is not known: the documented 422 (no_email).
    expect((await call('POST', '/api/v1/responses/{id}/reply', `/api/v1/responses/${id}/reply`, { subject: 'Hi', text: 'Hello' })).status).toBe(422);
    await call('GET', '/api/v1/respondents/{respondentId}/export', '/api/v1/respondents/openapi-live/export');
    await call('DELETE', '/api/v1/respondents/{respondentId}', '/api/v1/respondents/openapi-live');
  });

  it('for writes of configuration', async () => {
    const tp = await call('POST', '/api/v1/touchpoints', '/api/v1/touchpoints', { name: 'OpenAPI check' });
    expect(tp.status).toBe(201);
    await call('PATCH', '/api/v1/touchpoints/{id}', `/api/v1/touchpoints/${tp.body.id}`, { description: 'checked' });
    const cpi = await call('POST', '/api/v1/cpis', '/api/v1/cpis', { name: 'Checked', targets: [{ touchpointId: tp.body.id, target: 0.7 }] });
    const survey = await call('POST', '/api/v1/surveys', '/api/v1/surveys', { touchpointId: tp.body.id, name: 'Checked', questions: [{ id: 'nps', kind: 'nps', text: 'Recommend us?' }] });
    expect(survey.status).toBe(201);
    await call('PATCH', '/api/v1/surveys/{id}', `/api/v1/surveys/${survey.body.id}`, { status: 'active' });
    const rule = await call('POST', '/api/v1/alert-rules', '/api/v1/alert-rules', { name: 'Drop', kind: 'nps_drop', touchpointId: tp.body.id });
    await call('POST', '/api/v1/alert-rules/{id}/check', `/api/v1/alert-rules/${rule.body.id}/check`);
    await call('DELETE', '/api/v1/alert-rules/{id}', `/api/v1/alert-rules/${rule.body.id}`);
    await call('PATCH', '/api/v1/surveys/{id}', `/api/v1/surveys/${survey.body.id}`, { status: 'closed' });
    await call('DELETE', '/api/v1/surveys/{id}', `/api/v1/surveys/${survey.body.id}`);
    await call('DELETE', '/api/v1/cpis/{id}', `/api/v1/cpis/${cpi.body.id}`);
    await call('DELETE', '/api/v1/touchpoints/{id}', `/api/v1/touchpoints/${tp.body.id}`);
    const key = await call('POST', '/api/v1/api-keys', '/api/v1/api-keys', { name: 'checked', role: 'viewer' });
    await call('DELETE', '/api/v1/api-keys/{id}', `/api/v1/api-keys/${key.body.id}`);
    const share = await call('POST', '/api/v1/share-links', '/api/v1/share-links', { filters: { touchpoint: 'tp_checkout', bucket: 'month' }, expiresInDays: 2 });
    await call('GET', '/api/v1/share-links', '/api/v1/share-links');
    await call('GET', '/api/v1/shared/{token}', `/api/v1/shared/${share.body.token}`, undefined, undefined, client(server.baseUrl, null));
    await call('DELETE', '/api/v1/share-links/{id}', `/api/v1/share-links/${share.body.id}`);
    await call('GET', '/api/v1/shared/{token}', `/api/v1/shared/${share.body.token}`, undefined, undefined, client(server.baseUrl, null));
    const invite = await call('POST', '/api/v1/invitations', '/api/v1/invitations', { email: 'checked@example.com', role: 'viewer' });
    await call('DELETE', '/api/v1/invitations/{id}', `/api/v1/invitations/${invite.body.id}`);
    await call('PATCH', '/api/v1/workspace', '/api/v1/workspace', { name: 'Demo' });
    await call('POST', '/api/v1/analysis/runs', '/api/v1/analysis/runs');
  });

  it('for the session, imports and webhooks', async () => {
    const anon = client(server.baseUrl, null);
    const login = await call('POST', '/api/v1/auth/login', '/api/v1/auth/login', { email: DEMO_EMAIL, password: DEMO_PASSWORD }, undefined, anon);
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    await call('GET', '/api/v1/auth/session', '/api/v1/auth/session', undefined, { cookie }, anon);
    const csv = 'id,nps,comment,created_at\r\nlive-import-1,9,Great,2026-10-01T09:00:00Z\r\n';
    await call('POST', '/api/v1/imports', '/api/v1/imports?survey=sv_support', csv, { 'content-type': 'text/csv' });
    const hook = await call('POST', '/api/v1/webhooks', '/api/v1/webhooks', { url: 'https://hooks.example.com/chorus', events: ['response.created'], active: false });
    expect(hook.status).toBe(201);
    await call('GET', '/api/v1/webhooks/{id}', `/api/v1/webhooks/${hook.body.id}`);
    await call('POST', '/api/v1/webhooks/{id}/rotate-secret', `/api/v1/webhooks/${hook.body.id}/rotate-secret`);
    await call('GET', '/api/v1/webhooks/{id}/deliveries', `/api/v1/webhooks/${hook.body.id}/deliveries`);
    await call('DELETE', '/api/v1/webhooks/{id}', `/api/v1/webhooks/${hook.body.id}`);
  });

  it('for autopilot, its Delighted twin, and the widget asked about an identified respondent', async () => {
    await call('PUT', '/api/v1/autopilot/{surveyId}', '/api/v1/autopilot/sv_support', { frequencyDays: 90 });
    await call('GET', '/api/v1/autopilot/{surveyId}', '/api/v1/autopilot/sv_support');
    const member = await call('POST', '/api/v1/autopilot/{surveyId}/members', '/api/v1/autopilot/sv_support/members', { contact: { email: 'live.member@example.com' }, delaySeconds: 3600 });
    expect(member.status).toBe(201);
    await call('POST', '/api/v1/autopilot/{surveyId}/members/import', '/api/v1/autopilot/sv_support/members/import', 'email\nlive.csv@example.com\n', { 'content-type': 'text/csv' });
    await call('GET', '/api/v1/autopilot/{surveyId}/members', '/api/v1/autopilot/sv_support/members');
    await call('DELETE', '/api/v1/autopilot/{surveyId}/members/{ref}', '/api/v1/autopilot/sv_support/members/live.csv@example.com');
    const anon = client(server.baseUrl, null);
    const basic = { authorization: `Basic ${btoa(`${API_KEY}:`)}` };
    await call('GET', '/api/delighted/v1/autopilot/{platform}', '/api/delighted/v1/autopilot/email', undefined, basic, anon);
    await call('GET', '/api/delighted/v1/autopilot/{platform}/memberships', '/api/delighted/v1/autopilot/email/memberships', undefined, basic, anon);
    const added = await call('POST', '/api/delighted/v1/autopilot/{platform}/memberships', '/api/delighted/v1/autopilot/email/memberships', 'person_email=live.delighted%40example.com&properties[plan]=Pro', { ...basic, 'content-type': 'application/x-www-form-urlencoded' }, anon);
    expect(added.status).toBe(201);
    await call('DELETE', '/api/delighted/v1/autopilot/{platform}/memberships', '/api/delighted/v1/autopilot/email/memberships?person_email=live.delighted%40example.com', undefined, basic, anon);
    await call('GET', '/api/v1/client/{publicKey}/surveys', '/api/v1/client/pk_demo/surveys?respondent=live.member%40example.com', undefined, undefined, anon);
  });

  it('for errors: each in the documented envelope', async () => {
    await call('GET', '/api/v1/surveys/{id}', '/api/v1/surveys/nope');
    await call('POST', '/api/v1/touchpoints', '/api/v1/touchpoints', { name: '' });
    await call('POST', '/api/v1/touchpoints', '/api/v1/touchpoints', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    await call('GET', '/api/v1/workspace', '/api/v1/workspace', undefined, undefined, client(server.baseUrl, 'ck_unknown'));
    await call('POST', '/api/v1/client/{publicKey}/responses', '/api/v1/client/pk_demo/responses', { id: 'short', surveyId: 'sv_support', answers: {} }, undefined, client(server.baseUrl, null));
    expect(checked.length).toBeGreaterThan(50);
  });
});
