import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

const post = (body: unknown) =>
  client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });

async function countFor(surveyId: string): Promise<Map<string, number>> {
  const api = client(server.baseUrl);
  const counts = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof api>> = await api('GET', `/api/v1/responses?survey=${surveyId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    for (const r of page.body.data as { id: string }[]) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    cursor = page.body.nextCursor;
  } while (cursor);
  return counts;
}

describe(`durability on ${runtime}`, () => {
  it('keeps acknowledged responses across a restart, and a replay after it adds nothing', async () => {
    const id = newResponseId();
    const body = { id, surveyId: 'sv_checkout', answers: { nps: 7, comment: 'Survives restarts' }, complete: true };
    expect((await post(body)).status).toBe(200);
    await server.stop();
    await server.start();
    const got = await client(server.baseUrl)('GET', `/api/v1/responses/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, status: 'complete', comment: 'Survives restarts' });
    expect((await post(body)).body).toEqual({ id, status: 'complete' });
    expect((await countFor('sv_checkout')).get(id)).toBe(1);
  });

  // SIGKILL is a Node-only scenario: killing wrangler would orphan its workerd child.
  if (runtime === 'node') it('loses no acknowledged response when the process is killed mid-load', async () => {
    const acked: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const id = newResponseId();
        try {
          const res = await post({ id, surveyId: 'sv_support', answers: { nps: 5 } });
          if (res.status === 200) acked.push(id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const load = Promise.all(Array.from({ length: 20 }, worker));
    await new Promise((r) => setTimeout(r, 1500));
    await server.stop(true);
    stop = true;
    await load;
    await server.start();
    console.info(`crash test: ${acked.length} responses acknowledged before SIGKILL`);
    expect(acked.length).toBeGreaterThan(50);
    const counts = await countFor('sv_support');
    const lost = acked.filter((id) => counts.get(id) !== 1);
    console.info(`crash test: ${lost.length} acknowledged responses lost`);
    expect(lost).toEqual([]);
  });
});
