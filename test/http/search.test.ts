import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

const post = (body: unknown, publicKey = 'pk_demo') =>
  client(server.baseUrl, null)('POST', `/api/v1/client/${publicKey}/responses`, JSON.stringify(body), { 'content-type': 'text/plain' });
/** A word no other test writes, so each search below sees only this suite's comments. */
const run = `zq${Date.now().toString(36)}`;
type Listed = { id: string; comment: string | null; matches: string[] };
const search = async (q: string, extra = '', caller = () => api) => {
  const res = await caller()('GET', `/api/v1/responses?limit=500&q=${encodeURIComponent(q)}${extra}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Listed[];
};
const ids = async (q: string, extra = '') => (await search(q, extra)).map((r) => r.id);

describe(`full-text search on ${runtime}`, () => {
  const c = { refunded: newResponseId(), refunds: newResponseId(), phrase: newResponseId(), reversed: newResponseId(), checkout: newResponseId(), often: newResponseId() };
  beforeAll(async () => {
    const comments: Record<keyof typeof c, string> = {
      refunded: `I was refunded twice ${run}`,
      refunds: `Refunds take forever ${run}`,
      phrase: `Slow replies from support ${run}`,
      reversed: `The replies were slow ${run}`,
      checkout: `The checkout page crashed ${run}`,
      often: `Refund, refund, refund: all I asked was a refund ${run}`,
    };
    for (const [k, comment] of Object.entries(comments)) {
      expect((await post({ id: c[k as keyof typeof c], surveyId: 'sv_support', answers: { nps: 5, comment }, complete: true })).status).toBe(200);
    }
  });

  it('finds stemmed words, prefixes and phrases, and says which words matched', async () => {
    expect(new Set(await ids(`refund ${run}`))).toEqual(new Set([c.refunded, c.refunds, c.often]));
    expect(new Set(await ids(`REFUNDING ${run}`))).toEqual(new Set([c.refunded, c.refunds, c.often]));
    expect(await ids(`chec* ${run}`)).toEqual([c.checkout]);
    expect(await ids(`crash ${run}`)).toEqual([c.checkout]);
    expect(await ids(`"slow replies" ${run}`)).toEqual([c.phrase]);
    expect(new Set(await ids(`slow replies ${run}`))).toEqual(new Set([c.phrase, c.reversed]));
    const hit = (await search(`refund ${run}`)).find((r) => r.id === c.refunded)!;
    expect(hit.matches).toEqual(expect.arrayContaining(['refunded', run]));
    expect((await search(`chec* ${run}`))[0]!.matches).toEqual(expect.arrayContaining(['checkout']));
  });

  it('ranks by relevance by default and by date on request', async () => {
    expect((await ids(`refund ${run}`))[0]).toBe(c.often);
    const byDate = await ids(`refund ${run}`, '&sort=date');
    expect(byDate).toEqual([c.often, c.refunds, c.refunded]);
    // Relevance pages with its own cursor and visits each match once.
    const first = await api('GET', `/api/v1/responses?limit=2&q=${encodeURIComponent(`refund ${run}`)}`);
    const second = await api('GET', `/api/v1/responses?limit=2&q=${encodeURIComponent(`refund ${run}`)}&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([...first.body.data, ...second.body.data].map((r: Listed) => r.id))).toEqual(new Set([c.refunded, c.refunds, c.often]));
    expect((await api('GET', '/api/v1/responses?sort=relevance')).status).toBe(400);
  });

  it('takes any text as words, never as search syntax', async () => {
    for (const q of ['"', '*', '**', 'AND', 'OR NOT', 'NEAR(a b)', 'comment:x', '^refund', `"refund ${run}`, '(', '-', 'a"b', "it's", '"" ""', 'refund*']) {
      const res = await api('GET', `/api/v1/responses?q=${encodeURIComponent(q)}`);
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    expect(await ids('"')).toEqual([]);
    expect(await ids(`"refund ${run}`)).toEqual([c.often]);
    expect(await ids(`refund AND ${run}`)).toEqual([]); // "and" is a word here: only comments with it
    expect(await ids('zzzznotfound')).toEqual([]);
  });

  it('forgets deleted responses and erased respondents, and indexes completed comments', async () => {
    const partial = newResponseId();
    await post({ id: partial, surveyId: 'sv_support', answers: { nps: 3 }, respondentId: `cust_${run}` });
    expect(await ids(`invoice ${run}`)).toEqual([]);
    await post({ id: partial, surveyId: 'sv_support', answers: { comment: `Wrong invoice again ${run}` }, complete: true });
    expect(await ids(`invoices ${run}`)).toEqual([partial]);
    expect((await api('DELETE', `/api/v1/respondents/cust_${run}`)).status).toBe(200);
    expect(await ids(`invoice ${run}`)).toEqual([]);
    expect((await api('DELETE', `/api/v1/responses/${c.checkout}`)).status).toBeLessThan(300);
    expect(await ids(`checkout ${run}`)).toEqual([]);
  });

  it('keeps each workspace to its own comments', async () => {
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }) });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const session = client(server.baseUrl, null);
    const ws = await session('POST', '/api/v1/workspaces', { name: `Search ${run}`, allowedOrigins: ['http://localhost:*'] }, { cookie, 'x-csrf-token': csrfToken });
    const key = await session('POST', '/api/v1/api-keys', { name: 'b', role: 'owner' }, { cookie, 'x-csrf-token': csrfToken, 'x-workspace-id': ws.body.id });
    const b = client(server.baseUrl, key.body.key);
    const tp = (await b('POST', '/api/v1/touchpoints', { name: 'B' })).body;
    const sv = (await b('POST', '/api/v1/surveys', { touchpointId: tp.id, name: 'B', status: 'active', questions: [{ id: 'nps', kind: 'nps', text: 'x' }, { id: 'comment', kind: 'text', text: 'y' }] })).body;
    const mine = newResponseId();
    expect((await post({ id: mine, surveyId: sv.id, answers: { nps: 2, comment: `A refund please ${run}` }, complete: true }, ws.body.publicKey)).status).toBe(200);
    expect((await search(`refund ${run}`, '', () => b)).map((r) => r.id)).toEqual([mine]);
    expect(await ids(`refund ${run}`)).not.toContain(mine);
  });
});
