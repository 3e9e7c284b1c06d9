import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
let pub: ReturnType<typeof client>;
let surveyId: string;
let pausedSurveyId: string;
let cpiId: string;

const post = (body: unknown, headers: Record<string, string> = {}) =>
  pub('POST', '/api/v1/client/pk_demo/responses', typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'text/plain', ...headers });

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  pub = client(server.baseUrl, null);
  const tp = await api('POST', '/api/v1/touchpoints', { name: 'Ingestion test' });
  const cpi = await api('POST', '/api/v1/cpis', { name: 'Saves me time (test)', targets: [{ touchpointId: tp.body.id, target: 0.8 }] });
  cpiId = cpi.body.id;
  const questions = [
    { id: 'nps', kind: 'nps', text: 'Recommend us?', required: true },
    { id: 'goal', kind: 'cpi', cpiId, text: 'Did it save you time?' },
    { id: 'why', kind: 'text', text: 'Why?' },
    { id: 'plan', kind: 'choice', text: 'Which plan?', options: [{ id: 'free', label: 'Free' }, { id: 'pro', label: 'Pro' }] },
  ];
  const s = await api('POST', '/api/v1/surveys', { touchpointId: tp.body.id, name: 'Ingestion', status: 'active', questions });
  expect(s.status).toBe(201);
  surveyId = s.body.id;
  const p = await api('POST', '/api/v1/surveys', { touchpointId: tp.body.id, name: 'Paused', status: 'active', questions });
  pausedSurveyId = p.body.id;
});
afterAll(() => server?.dispose());

describe(`public client API on ${runtime}`, () => {
  it('lists only active surveys, cacheably', async () => {
    await api('PATCH', `/api/v1/surveys/${pausedSurveyId}`, { status: 'paused' });
    const res = await pub('GET', '/api/v1/client/pk_demo/surveys');
    expect(res.status).toBe(200);
    const ids = res.body.surveys.map((s: { id: string }) => s.id);
    expect(ids).toContain(surveyId);
    expect(ids).not.toContain(pausedSurveyId);
    expect(res.body.workspace.recontactDays).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(res.headers.get('etag')).toBeTruthy();
    const again = await pub('GET', '/api/v1/client/pk_demo/surveys', undefined, { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('stores a response posted as text/plain and returns it through the management API', async () => {
    const id = newResponseId();
    const res = await post({ id, surveyId, answers: { nps: 9 }, respondentId: 'cust_1', attributes: { plan: 'pro' }, deviceClass: 'mobile' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, status: 'partial' });
    const got = await api('GET', `/api/v1/responses/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, surveyId, status: 'partial', scores: { nps: 9 }, respondentId: 'cust_1', attributes: { plan: 'pro' }, deviceClass: 'mobile' });
  });

  it('replaying the same submission changes nothing and answers the same', async () => {
    const id = newResponseId();
    const body = { id, surveyId, answers: { nps: 4 } };
    const first = await post(body);
    const before = await api('GET', `/api/v1/responses/${id}`);
    const replays = await Promise.all([post(body), post(body), post(body)]);
    for (const r of replays) expect({ status: r.status, body: r.body }).toEqual({ status: first.status, body: first.body });
    const after = await api('GET', `/api/v1/responses/${id}`);
    expect(after.body.updatedAt).toBe(before.body.updatedAt);
    const list = await api('GET', `/api/v1/responses?survey=${surveyId}&limit=500`);
    expect(list.body.data.filter((r: { id: string }) => r.id === id)).toHaveLength(1);
  });

  it('completes a partial response under the same id', async () => {
    const id = newResponseId();
    expect((await post({ id, surveyId, answers: { nps: 3 } })).body.status).toBe('partial');
    const done = await post({ id, surveyId, answers: { goal: 'partly', why: 'Slow support, but <b>friendly</b>', plan: 'pro' }, complete: true });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ id, status: 'complete' });
    const got = await api('GET', `/api/v1/responses/${id}`);
    expect(got.body).toMatchObject({
      status: 'complete',
      answers: { nps: 3, goal: 'partly', why: 'Slow support, but <b>friendly</b>', plan: 'pro' },
      scores: { nps: 3 },
      comment: 'Slow support, but <b>friendly</b>',
      cpiAnswers: [{ cpiId, answer: 'partly' }],
    });
    expect(got.body.completedAt).toBeTruthy();
    // A late retry of the first, partial post is harmless.
    expect((await post({ id, surveyId, answers: { nps: 3 } })).body).toEqual({ id, status: 'complete' });
    const changed = await post({ id, surveyId, answers: { nps: 10 } });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('response_completed');
  });

  it('rejects answers that do not fit their questions with 422', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ nps: 11 }, 'nps'],
      [{ nps: 7.5 }, 'nps'],
      [{ nps: '9' }, 'nps'],
      [{ goal: 'maybe' }, 'goal'],
      [{ plan: 'gold' }, 'plan'],
      [{ plan: ['free', 'pro'] }, 'plan'],
      [{ nope: 1 }, 'nope'],
    ];
    for (const [answers, question] of cases) {
      const res = await post({ id: newResponseId(), surveyId, answers });
      expect(res.status, JSON.stringify(answers)).toBe(422);
      expect(res.body.error.code).toBe('invalid_answer');
      expect(res.body.error.details[0].question).toBe(question);
    }
    const missing = await post({ id: newResponseId(), surveyId, answers: { why: 'no score' }, complete: true });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('missing_required');
  });

  it('answers bad requests with a 4xx error body and stores nothing', async () => {
    const id = newResponseId();
    const cases: [unknown, number][] = [
      ['{not json', 400],
      [{ id, surveyId }, 400],
      [{ id: 'short', surveyId, answers: {} }, 400],
      [{ id: 'has spaces in it', surveyId, answers: {} }, 400],
      [{ id, surveyId, answers: { nps: 5 }, extra: true }, 400],
      [{ id, surveyId, answers: { nps: 5 }, answeredAt: Date.now() + 86_400_000 }, 422],
      [{ id, surveyId: 'sv_missing', answers: { nps: 5 } }, 404],
      [[1, 2, 3], 400],
      ['null', 400],
    ];
    for (const [body, status] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await api('GET', `/api/v1/responses/${id}`)).status).toBe(404);
    const form = await pub('POST', '/api/v1/client/pk_demo/responses', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const big = await post({ id, surveyId, answers: { nps: 5, why: 'x'.repeat(70_000) } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const unknownKey = await pub('POST', '/api/v1/client/pk_nobody/responses', JSON.stringify({ id, surveyId, answers: {} }), { 'content-type': 'text/plain' });
    expect(unknownKey.status).toBe(404);
  });

  it('takes no new responses for a paused or closed survey, but completes those under way', async () => {
    const s = await api('POST', '/api/v1/surveys', {
      touchpointId: (await api('GET', `/api/v1/surveys/${surveyId}`)).body.touchpointId,
      name: 'Soon paused',
      status: 'active',
      questions: [{ id: 'nps', kind: 'nps', text: 'Recommend?' }, { id: 'why', kind: 'text', text: 'Why?' }],
    });
    const started = newResponseId();
    await post({ id: started, surveyId: s.body.id, answers: { nps: 6 } });
    await api('PATCH', `/api/v1/surveys/${s.body.id}`, { status: 'paused' });
    const fresh = await post({ id: newResponseId(), surveyId: s.body.id, answers: { nps: 6 } });
    expect(fresh.status).toBe(409);
    expect(fresh.body.error.code).toBe('survey_not_active');
    const finish = await post({ id: started, surveyId: s.body.id, answers: { why: 'ok' }, complete: true });
    expect(finish.status).toBe(200);
    await api('PATCH', `/api/v1/surveys/${s.body.id}`, { status: 'closed' });
    expect((await post({ id: newResponseId(), surveyId: s.body.id, answers: { nps: 1 } })).status).toBe(409);
  });

  it('limits CORS to the workspace origins', async () => {
    const body = { id: newResponseId(), surveyId, answers: { nps: 8 } };
    const ok = await post(body, { origin: 'http://localhost:5173' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const evil = await post({ ...body, id: newResponseId() }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('origin_not_allowed');
    // The refusal itself is readable by the page (so the widget can say why it is silent); it
    // carries no data, and nothing was stored.
    expect(evil.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    const preflight = await pub('OPTIONS', '/api/v1/client/pk_demo/responses', undefined, {
      origin: 'http://127.0.0.1:3000',
      'access-control-request-method': 'POST',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    const patched = await api('PATCH', '/api/v1/workspace', { allowedOrigins: ['https://*.acme.example', 'http://localhost:*', 'http://127.0.0.1:*'] });
    expect(patched.status).toBe(200);
    expect((await post({ ...body, id: newResponseId() }, { origin: 'https://shop.acme.example' })).status).toBe(200);
    expect((await post({ ...body, id: newResponseId() }, { origin: 'https://acme.example.evil.com' })).status).toBe(403);
  });

  it('keeps a response posted concurrently with its completion consistent', async () => {
    const id = newResponseId();
    const results = await Promise.all([
      post({ id, surveyId, answers: { nps: 10 } }),
      post({ id, surveyId, answers: { nps: 10, why: 'Great', goal: 'yes' }, complete: true }),
      post({ id, surveyId, answers: { nps: 10 } }),
    ]);
    for (const r of results) expect(r.status).toBe(200);
    const got = await api('GET', `/api/v1/responses/${id}`);
    expect(got.body).toMatchObject({ status: 'complete', answers: { nps: 10, why: 'Great', goal: 'yes' } });
  });
});
