import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

// Comment analysis after the acknowledgement: on a worker-thread pool on Node (its own
// queue, a backlog gauge on /health, drained on SIGTERM), in `waitUntil` on Workers.
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

const comments = ['Support took four days to answer, really frustrating.', 'Checkout was quick and the pricing was clear. Great job!'];
type Row = { id: string; comment: string | null; analyzedAt: string | null; sentiment: { label: string } | null; themes: { key: string }[] };

async function postMany(n: number): Promise<string[]> {
  const pub = client(server.baseUrl, null);
  const ids = Array.from({ length: n }, () => newResponseId());
  for (let i = 0; i < n; i += 25) {
    const statuses = await Promise.all(
      ids.slice(i, i + 25).map(async (id, j) => {
        const body = { id, surveyId: 'sv_support', answers: { nps: (i + j) % 11, comment: comments[(i + j) % 2] }, complete: true };
        return (await pub('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' })).status;
      }),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
  }
  return ids;
}

const read = async (ids: string[]): Promise<Row[]> => {
  const api = client(server.baseUrl);
  return Promise.all(ids.map(async (id) => (await api('GET', `/api/v1/responses/${id}`)).body as Row));
};

describe(`comment analysis on ${runtime}`, () => {
  it('analyses acknowledged comments after the response, and /health stays ok with its backlog', async () => {
    const ids = await postMany(50);
    const health = (await client(server.baseUrl, null)('GET', '/health')).body as { status: string; analysisBacklog?: number };
    expect(health.status).toBe('ok');
    if (runtime === 'node') expect(health.analysisBacklog).toBeGreaterThanOrEqual(0);
    const deadline = Date.now() + 60_000;
    let rows = await read(ids);
    while (rows.some((r) => !r.analyzedAt) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await read(ids);
    }
    for (const r of rows) {
      expect(r.analyzedAt, r.id).not.toBeNull();
      expect(r.sentiment?.label).toBe(r.comment === comments[0] ? 'negative' : 'positive');
    }
    expect(rows.find((r) => r.comment === comments[0])!.themes.map((t) => t.key)).toContain('support-response-time');
    if (runtime === 'node') {
      for (let t = Date.now(); Date.now() - t < 10_000; await new Promise((r) => setTimeout(r, 100))) {
        const h = (await client(server.baseUrl, null)('GET', '/health')).body as { analysisBacklog: number };
        if (h.analysisBacklog === 0) break;
      }
      expect(((await client(server.baseUrl, null)('GET', '/health')).body as { analysisBacklog: number }).analysisBacklog).toBe(0);
    }
  });

  if (runtime === 'node') {
    it('finishes the queued analyses on SIGTERM before it exits', async () => {
      const ids = await postMany(300);
      await server.stop(); // SIGTERM right after the last acknowledgement
      const stoppedAt = Date.now();
      await server.start();
      // Analysed before the stop, not by the start-up sweep after it.
      for (const r of await read(ids)) {
        expect(r.analyzedAt, r.id).not.toBeNull();
        expect(Date.parse(r.analyzedAt!)).toBeLessThanOrEqual(stoppedAt);
      }
    });
  }
});
