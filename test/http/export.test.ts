import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  // Responses sharing one timestamp, so pages may break inside a tie.
  const at = Date.now() - 3 * 86_400_000;
  const post = (body: unknown) => client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });
  await Promise.all(Array.from({ length: 30 }, (_, i) => post({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: i % 11 }, answeredAt: at })));
});
afterAll(() => server?.dispose());

const exported = async (query: string) => {
  const res = await fetch(`${server.baseUrl}/api/v1/responses/export?${query}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

/** Every id the list API returns for `query`, page by page. */
async function listed(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await api('GET', `/api/v1/responses?limit=500&${query}${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.body.data.map((r) => r.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

describe(`export on ${runtime}`, () => {
  it('streams every response over many pages, in the list order, without gaps or repeats', async () => {
    const ids = await listed('');
    expect(ids.length).toBeGreaterThan(3000);
    const jsonl = await exported('format=jsonl');
    expect(jsonl.status).toBe(200);
    expect(jsonl.type).toContain('application/x-ndjson');
    const rows = jsonl.text.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; scores: { nps: number | null } });
    expect(rows.map((r) => r.id)).toEqual(ids);

    const csv = await exported('format=csv');
    const records = parse(csv.text, { columns: true }) as { id: string }[];
    expect(records.map((r) => r.id)).toEqual(ids);
  });

  it('applies the list filters', async () => {
    const query = 'touchpoint=tp_support&maxScore=6';
    const ids = await listed(query);
    expect(ids.length).toBeGreaterThan(10);
    const rows = (await exported(`format=jsonl&${query}`)).text.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; touchpointId: string; scores: { nps: number } });
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.every((r) => r.touchpointId === 'tp_support' && r.scores.nps <= 6)).toBe(true);
  });

  it('rejects bad input with a 4xx error body', async () => {
    for (const q of ['format=xlsx', 'from=yesterday', 'minScore=11', 'limit=10']) {
      const res = await exported(q);
      expect(res.status, q).toBe(400);
      expect(JSON.parse(res.text).error.code, q).toBe('invalid_query');
    }
  });
});
