import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

async function waitForRun(id: string) {
  const seen: number[] = [];
  for (let i = 0; i < 300; i++) {
    const run = await api('GET', `/api/v1/analysis/runs/${id}`);
    expect(run.status).toBe(200);
    seen.push(run.body.progress);
    if (run.body.status !== 'running') return { run: run.body, seen };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('run did not finish');
}

async function analysed(id: string) {
  for (let i = 0; i < 100; i++) {
    const r = await api('GET', `/api/v1/responses/${id}`);
    if (r.body.analyzedAt) return r.body;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`response ${id} was never analysed`);
}

describe(`themes and sentiment on ${runtime}`, () => {
  it('analyses a new comment after acknowledging it, with an explanation', async () => {
    const id = newResponseId();
    const res = await client(server.baseUrl, null)(
      'POST',
      '/api/v1/client/pk_demo/responses',
      JSON.stringify({ id, surveyId: 'sv_checkout', answers: { nps: 2, comment: 'My card payment failed three times. Terrible checkout!' }, complete: true }),
      { 'content-type': 'text/plain' },
    );
    expect(res.status).toBe(200);
    const r = await analysed(id);
    expect(r.sentiment.label).toBe('negative');
    expect(r.sentiment.score).toBeLessThan(0);
    expect(r.sentiment.explanation.length).toBeGreaterThan(0);
    expect(r.sentiment.explanation.some((t: { term: string; weight: number }) => /terrible/.test(t.term) && t.weight < 0)).toBe(true);
    expect(r.themes.length).toBeGreaterThan(0);
    for (const t of r.themes) expect(t.keywords.length).toBeGreaterThan(0);
  });

  it('discovers themes in the demo comments and lets the team curate them, re-running with progress', async () => {
    const list = await api('GET', '/api/v1/themes');
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBeGreaterThan(5);
    const target = list.body.effective[0];

    const hidden = await api('PATCH', `/api/v1/themes/${target.key}`, { hidden: true });
    expect(hidden.status).toBe(200);
    expect(hidden.body.run.status).toBe('running');
    const { run, seen } = await waitForRun(hidden.body.run.id);
    expect(run).toMatchObject({ status: 'done', progress: 1 });
    expect(run.total).toBeGreaterThan(100);
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);

    const after = await api('GET', '/api/v1/themes');
    expect(after.body.effective.map((t: { key: string }) => t.key)).not.toContain(target.key);
    const page = await api('GET', '/api/v1/responses?limit=500&survey=sv_support');
    for (const r of page.body.data) expect(r.themes.map((t: { key: string }) => t.key)).not.toContain(target.key);

    const renamed = await api('PATCH', `/api/v1/themes/${target.key}`, { hidden: false, label: 'Renamed by CX' });
    expect(renamed.body.theme).toMatchObject({ label: 'Renamed by CX', source: 'curated', hidden: false });
    await waitForRun(renamed.body.run.id);
    expect((await api('GET', '/api/v1/themes')).body.effective.find((t: { key: string }) => t.key === target.key).label).toBe('Renamed by CX');

    const custom = await api('POST', '/api/v1/themes', { label: 'Card payments', keywords: ['card payment', 'charged twice'] });
    expect(custom.status).toBe(201);
    await waitForRun(custom.body.run.id);
    const tagged = await api('GET', '/api/v1/responses?limit=500&survey=sv_checkout');
    const withCustom = tagged.body.data.filter((r: { themes: { key: string }[] }) => r.themes.some((t) => t.key === custom.body.theme.key));
    expect(withCustom.length).toBeGreaterThan(0);
    for (const r of withCustom) expect(r.comment.toLowerCase()).toMatch(/card payment|charged twice/);

    expect((await api('PATCH', `/api/v1/themes/${target.key}`, { mergedInto: target.key })).status).toBe(422);
    expect((await api('PATCH', `/api/v1/themes/${target.key}`, { mergedInto: 'no-such-theme' })).status).toBe(422);
    expect((await api('PATCH', '/api/v1/themes/no-such-theme', { hidden: true })).status).toBe(404);
    expect((await api('GET', '/api/v1/analysis/runs/run_missing')).status).toBe(404);
  });
});
