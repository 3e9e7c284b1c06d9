import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

const post = (body: unknown) => client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });

describe(`close the loop on ${runtime}`, () => {
  it('opens a loop on detractors, tracks status, assignee and notes, and keeps them when the response completes', async () => {
    const id = newResponseId();
    const promoter = newResponseId();
    await post({ id, surveyId: 'sv_support', answers: { nps: 2 } });
    await post({ id: promoter, surveyId: 'sv_support', answers: { nps: 10 } });
    expect((await api('GET', `/api/v1/responses/${id}`)).body.loop).toEqual({ status: 'open', assignee: null, resolution: null, updatedAt: null });
    expect((await api('GET', `/api/v1/responses/${promoter}`)).body.loop.status).toBeNull();
    const open = await api('GET', '/api/v1/responses?loop=open&survey=sv_support&limit=500');
    expect(open.body.data.map((r: { id: string }) => r.id)).toContain(id);
    expect(open.body.data.map((r: { id: string }) => r.id)).not.toContain(promoter);

    const sam: string = (await api('GET', '/api/v1/members')).body.data[0].userId;
    const moved = await api('PATCH', `/api/v1/responses/${id}/loop`, { status: 'in_progress', assignee: sam });
    expect(moved.status).toBe(200);
    expect(moved.body.loop).toMatchObject({ status: 'in_progress', assignee: sam });
    const note = await api('POST', `/api/v1/responses/${id}/notes`, { text: 'Called the customer, refund issued.' });
    expect(note.status).toBe(201);

    // The respondent finishes the survey afterwards: the team's follow-up stays.
    expect((await post({ id, surveyId: 'sv_support', answers: { comment: 'Too slow' }, complete: true })).status).toBe(200);
    const got = await api('GET', `/api/v1/responses/${id}`);
    expect(got.body).toMatchObject({ status: 'complete', comment: 'Too slow', loop: { status: 'in_progress', assignee: sam } });
    expect(got.body.notes).toEqual([expect.objectContaining({ text: 'Called the customer, refund issued.', author: expect.stringContaining('API key') })]);

    // Analysis of the comment may still be writing the row: the close must win anyway.
    expect((await api('PATCH', `/api/v1/responses/${id}/loop`, { status: 'closed' })).status).toBe(200);
    expect((await api('GET', '/api/v1/responses?loop=closed&survey=sv_support')).body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await api('PATCH', `/api/v1/responses/${id}/loop`, {})).status).toBe(400);
    expect((await api('PATCH', '/api/v1/responses/nope_nope/loop', { status: 'closed' })).status).toBe(404);
    expect((await api('POST', `/api/v1/responses/${id}/notes`, { text: '' })).status).toBe(400);
  });
});

describe(`response filters on ${runtime}`, () => {
  it('filters by theme and by one respondent attribute', async () => {
    const tagged = newResponseId();
    const other = newResponseId();
    await post({ id: tagged, surveyId: 'sv_renewal', answers: { nps: 4 }, attributes: { plan: 'enterprise', seats: 40 } });
    await post({ id: other, surveyId: 'sv_renewal', answers: { nps: 4 }, attributes: { plan: 'free' } });
    const ids = async (q: string) => (await api('GET', `/api/v1/responses?survey=sv_renewal&limit=500&${q}`)).body.data.map((r: { id: string }) => r.id);
    expect(await ids('attribute=plan:enterprise')).toContain(tagged);
    expect(await ids('attribute=plan:enterprise')).not.toContain(other);
    expect(await ids('attribute=seats:40')).toContain(tagged);
    expect((await api('GET', '/api/v1/responses?attribute=plan')).status).toBe(400);

    const withTheme = (await api('GET', '/api/v1/responses?survey=sv_support&limit=500')).body.data.find((r: { themes: unknown[] }) => r.themes.length > 0);
    const key: string = withTheme.themes[0].key;
    const matched = (await api('GET', `/api/v1/responses?survey=sv_support&limit=500&theme=${encodeURIComponent(key)}`)).body.data;
    expect(matched.length).toBeGreaterThan(0);
    for (const r of matched) expect(r.themes.map((t: { key: string }) => t.key)).toContain(key);
  });
});
