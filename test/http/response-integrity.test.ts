import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, client, newResponseId, runtime, startServer, type TestServer } from './harness';

// The default configuration: no CHORUS_TRUST_PROXY.
let server: TestServer;
let api: ReturnType<typeof client>;
let surveyId: string;

const post = (body: unknown) => client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  const tp = await api('POST', '/api/v1/touchpoints', { name: 'Integrity' });
  const questions = [
    { id: 'nps', kind: 'nps', text: 'Recommend us?', required: true },
    { id: 'why', kind: 'text', text: 'Why?' },
    { id: 'plan', kind: 'choice', text: 'Plan?', options: [{ id: 'free', label: 'Free' }, { id: 'pro', label: 'Pro' }] },
  ];
  const s = await api('POST', '/api/v1/surveys', { touchpointId: tp.body.id, name: 'Integrity', status: 'active', questions });
  expect(s.status).toBe(201);
  surveyId = s.body.id;
});
afterAll(() => server?.dispose());

describe(`control characters on ${runtime}`, () => {
  it('drops control characters from free text, keeping tabs and line breaks, instead of cutting the text at a NUL', async () => {
    const id = newResponseId();
    const res = await post({
      id,
      surveyId,
      answers: { nps: 4, why: 'before\u0000after\u0007 bell\u001b[31m red\ttab\nline\r\nend\u007f' },
      attributes: { plan: 'pro\u0000fessional' },
      pageUrl: 'https://shop.example/\u0000page',
      complete: true,
    });
    expect(res.status).toBe(200);
    const got = await api('GET', `/api/v1/responses/${id}`);
    expect(got.body.comment).toBe('beforeafter bell[31m red\ttab\nline\r\nend');
    expect(got.body.answers.why).toBe(got.body.comment);
    expect(got.body.attributes).toEqual({ plan: 'professional' });
    expect(got.body.pageUrl).toBe('https://shop.example/page');
    // Close-the-loop notes are free text too.
    const note = await api('POST', `/api/v1/responses/${id}/notes`, { text: 'called\u0000 back' });
    expect(note.status).toBe(201);
    expect(note.body.text).toBe('called back');
  });

  it('refuses ids with control characters with a 400 and stores nothing', async () => {
    for (const extra of [{ respondentId: 'cust\u0000admin' }, { anonymousId: 'anon\u001f1' }, { attributes: { 'pl\u0000an': 'pro' } }, { locale: 'en\u0000' }]) {
      const id = newResponseId();
      const res = await post({ id, surveyId, answers: { nps: 5 }, ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect((await api('GET', `/api/v1/responses/${id}`)).status).toBe(404);
    }
    expect((await api('GET', '/api/v1/respondents/cust%00admin/export')).status).toBe(400);
    expect((await api('GET', '/api/v1/responses?respondent=cust%00admin')).status).toBe(400);
  });
});

describe(`partial responses cannot be rewritten by whoever knows the id, on ${runtime}`, () => {
  it('adds answers and completes under the id, refuses to change a stored one with 409, and replays answer the same', async () => {
    const id = newResponseId();
    const first = { id, surveyId, answers: { nps: 3 }, respondentId: 'cust_owner' };
    expect((await post(first)).body).toEqual({ id, status: 'partial' });
    // Someone else who learnt the id.
    const rewrite = await post({ id, surveyId, answers: { nps: 10, why: 'Love it' } });
    expect(rewrite.status).toBe(409);
    expect(rewrite.body.error.code).toBe('answer_already_given');
    expect(rewrite.body.error.details).toEqual({ questions: ['nps'] });
    expect((await api('GET', `/api/v1/responses/${id}`)).body).toMatchObject({ answers: { nps: 3 }, scores: { nps: 3 } });
    // Re-attributing it to another respondent does not stick either.
    expect((await post({ id, surveyId, answers: { plan: 'pro' }, respondentId: 'cust_victim' })).status).toBe(200);
    // The widget's next step repeats the answers so far and adds one: fine.
    const second = { id, surveyId, answers: { nps: 3, plan: 'pro', why: 'Slow' } };
    expect((await post(second)).body).toEqual({ id, status: 'partial' });
    const before = (await api('GET', `/api/v1/responses/${id}`)).body;
    expect(before).toMatchObject({ answers: { nps: 3, plan: 'pro', why: 'Slow' }, respondentId: 'cust_owner' });
    // Retries of earlier posts change nothing and answer as before.
    for (const replay of [first, second]) expect(await post(replay)).toMatchObject({ status: 200, body: { id, status: 'partial' } });
    expect((await api('GET', `/api/v1/responses/${id}`)).body.updatedAt).toBe(before.updatedAt);
    const done = await post({ ...second, complete: true });
    expect(done.body).toEqual({ id, status: 'complete' });
    expect((await post({ ...second, complete: true })).body).toEqual({ id, status: 'complete' });
    expect((await post({ id, surveyId, answers: { why: 'Changed my mind' } })).body.error.code).toBe('response_completed');
  });
});

describe(`client addresses without CHORUS_TRUST_PROXY, on ${runtime}`, () => {
  // Node's default is the socket address; Workers always take CF-Connecting-IP, which Cloudflare sets.
  it('ignores X-Forwarded-For, so a client cannot pick a fresh address per guess', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const res = await client(server.baseUrl, null)('POST', '/api/v1/auth/login', { email: DEMO_EMAIL, password: `spoofed-${i}` }, { 'x-forwarded-for': `198.51.100.${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
