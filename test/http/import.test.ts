import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, client, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

const importCsv = async (query: string, csv: string) => {
  const res = await fetch(`${server.baseUrl}/api/v1/imports?${query}`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'text/csv' }, body: csv });
  return { status: res.status, body: (await res.json()) as { rows: number; imported: number; alreadyPresent: number; rejected: { line: number; reason: string }[]; error?: { code: string } } };
};

describe(`CSV import on ${runtime}`, () => {
  it('imports a Delighted export, reports rejected lines, and leaves metrics equal to posting the same responses', async () => {
    const tp = (await api('POST', '/api/v1/touchpoints', { name: 'Imported' })).body;
    const questions = [{ id: 'score', kind: 'nps', text: 'Recommend?' }, { id: 'why', kind: 'text', text: 'Why?' }];
    const imported = (await api('POST', '/api/v1/surveys', { touchpointId: tp.id, name: 'Imported', status: 'active', questions })).body;
    const posted = (await api('POST', '/api/v1/surveys', { touchpointId: tp.id, name: 'Posted', status: 'active', questions })).body;

    const day = 86_400;
    const now = Math.floor(Date.now() / 1000);
    const rows = Array.from({ length: 120 }, (_, i) => ({ id: `r${i}`, at: now - (i % 40) * day - 3600, score: (i * 7) % 11, comment: i % 3 ? `Comment number ${i}, "quoted"` : '' }));
    const csv = [
      'Response ID,Created At,Score,Comment,Person ID,Email,Delighted Source',
      ...rows.map((r) => `${r.id},${r.at},${r.score},"${r.comment.replace(/"/g, '""')}",p${r.id},${r.id}@example.com,email`),
      'bad-date,yesterday,5,x,p,e,s',
      `too-high,${now},12,x,p,e,s`,
    ].join('\n');
    const first = await importCsv(`survey=${imported.id}&preset=delighted`, csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 122, imported: 120, alreadyPresent: 0 });
    expect(first.body.rejected.map((r) => r.line)).toEqual([122, 123]);
    const again = await importCsv(`survey=${imported.id}&preset=delighted`, csv);
    expect(again.body).toMatchObject({ imported: 0, alreadyPresent: 120 });

    const one = await api('GET', `/api/v1/responses/imp_r4`);
    expect(one.body).toMatchObject({ surveyId: imported.id, scores: { nps: 28 % 11 }, comment: 'Comment number 4, "quoted"', respondentId: 'pr4', attributes: { email: 'r4@example.com', source: 'email' }, status: 'complete' });
    expect(one.body.createdAt).toBe(new Date(rows[4]!.at * 1000).toISOString());

    const pub = client(server.baseUrl, null);
    for (const r of rows) {
      const answers: Record<string, unknown> = { score: r.score, ...(r.comment ? { why: r.comment } : {}) };
      const res = await pub('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id: `posted_${r.id}`, surveyId: posted.id, answers, complete: true, answeredAt: r.at * 1000 }), { 'content-type': 'text/plain' });
      expect(res.status).toBe(200);
    }
    const strip = (b: { total: unknown; buckets: unknown[] }) => JSON.stringify({ total: b.total, buckets: b.buckets });
    const from = new Date((now - 45 * day) * 1000).toISOString().slice(0, 10);
    const a = await api('GET', `/api/v1/metrics/nps?survey=${imported.id}&bucket=week&tz=UTC&from=${from}`);
    const b = await api('GET', `/api/v1/metrics/nps?survey=${posted.id}&bucket=week&tz=UTC&from=${from}`);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.total.n).toBe(120);
    expect(strip(a.body)).toBe(strip(b.body));

    expect((await importCsv(`survey=sv_nope`, csv)).status).toBe(404);
    expect((await importCsv(`survey=${imported.id}&preset=qualtrics`, csv)).status).toBe(400);
    const json = await fetch(`${server.baseUrl}/api/v1/imports?survey=${imported.id}`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });
});
