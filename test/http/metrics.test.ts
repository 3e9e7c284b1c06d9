import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

// Posts a known NPS distribution over four ISO weeks through the public API (backdated with
// answeredAt) and reads it back through the metrics API: every weekly bucket must match.
const DAY = 86_400_000;
let server: TestServer;
let api: ReturnType<typeof client>;
let pub: ReturnType<typeof client>;
let surveyId: string;
let touchpointId: string;

// promoters, passives, detractors per week
const weeks = [
  [12, 5, 3],
  [4, 6, 10],
  [9, 9, 2],
  [0, 3, 7],
] as const;
const thisMonday = Math.floor(Date.now() / DAY) * DAY - ((new Date().getUTCDay() + 6) % 7) * DAY;
const firstMonday = thisMonday - 5 * 7 * DAY;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const post = (body: unknown) => pub('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  pub = client(server.baseUrl, null);
  const tp = await api('POST', '/api/v1/touchpoints', { name: 'Metrics test' });
  touchpointId = tp.body.id;
  const s = await api('POST', '/api/v1/surveys', { touchpointId, name: 'Metrics', status: 'active', questions: [{ id: 'nps', kind: 'nps', text: 'Recommend us?', required: true }] });
  expect(s.status).toBe(201);
  surveyId = s.body.id;

  const posts: Promise<{ status: number }>[] = [];
  weeks.forEach(([p, pa, d], w) => {
    const scores = [...Array(p).fill(10), ...Array(pa).fill(7), ...Array(d).fill(3)] as number[];
    scores.forEach((nps, i) => {
      // Spread over the week, including its first and last minutes, to test both edges.
      const offset = i === 0 ? 60_000 : i === 1 ? 7 * DAY - 60_000 : ((i * 37) % (7 * 24)) * 3_600_000 + 1_000;
      posts.push(post({ id: newResponseId(), surveyId, answers: { nps }, complete: true, answeredAt: firstMonday + w * 7 * DAY + offset }));
    });
  });
  for (const r of await Promise.all(posts)) expect(r.status).toBe(200);

  // A partial completed later counts once; a deleted response not at all.
  const partial = newResponseId();
  const at = firstMonday + DAY;
  expect((await post({ id: partial, surveyId, answers: { nps: 10 }, answeredAt: at })).status).toBe(200);
  expect((await post({ id: partial, surveyId, answers: { nps: 10 }, complete: true, answeredAt: at })).status).toBe(200);
  const gone = newResponseId();
  expect((await post({ id: gone, surveyId, answers: { nps: 0 }, complete: true, answeredAt: at })).status).toBe(200);
  expect((await api('DELETE', `/api/v1/responses/${gone}`)).status).toBe(204);
});
afterAll(() => server?.dispose());

describe(`metrics API on ${runtime}`, () => {
  it('returns weekly NPS buckets that match the posted distribution', async () => {
    const to = iso(firstMonday + 4 * 7 * DAY - DAY);
    const res = await api('GET', `/api/v1/metrics/nps?bucket=week&tz=UTC&survey=${surveyId}&from=${iso(firstMonday)}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toEqual({ name: 'UTC', hourAligned: true });
    expect(res.body.buckets).toHaveLength(4);
    const expected: [number, number, number][] = weeks.map(([p, pa, d], w) => (w === 0 ? [p + 1, pa, d] : [p, pa, d]));
    res.body.buckets.forEach((b: Record<string, unknown>, w: number) => {
      const [p, pa, d] = expected[w]!;
      const n = p + pa + d;
      expect(b).toMatchObject({ start: iso(firstMonday + w * 7 * DAY), partial: false, n, promoters: p, passives: pa, detractors: d, smallSample: n < 30 });
      expect(b.nps).toBeCloseTo((100 * (p - d)) / n, 9);
      const sp = p / n;
      const sd = d / n;
      expect(b.margin).toBeCloseTo(1.96 * 100 * Math.sqrt((sp + sd - (sp - sd) ** 2) / n), 9);
    });
    const total = expected.reduce<[number, number, number]>((a, [p, pa, d]) => [a[0] + p, a[1] + pa, a[2] + d], [0, 0, 0]);
    expect(res.body.total).toMatchObject({ n: total[0] + total[1] + total[2], promoters: total[0], passives: total[1], detractors: total[2] });
  });

  it('flags only significant bucket-over-bucket changes between readable buckets', async () => {
    const res = await api('GET', `/api/v1/metrics/nps?bucket=week&tz=UTC&survey=${surveyId}&from=${iso(firstMonday)}&to=${iso(firstMonday + 27 * DAY)}`);
    const [w0, w1, w2, w3] = res.body.buckets;
    expect(w0.change).toBeNull();
    // 21 answers, NPS 42.9 → 20 answers, NPS −30: a large drop, but both are small samples.
    expect(w1.change.delta).toBeCloseTo(-30 - (100 * 10) / 21, 9);
    expect(w1.change.significant).toBe(false);
    expect(w2.smallSample && w3.smallSample).toBe(true);
  });

  it('shows the touchpoint in the journey and serves every metrics endpoint', async () => {
    const q = `survey=${surveyId}&from=${iso(firstMonday)}&to=${iso(firstMonday + 27 * DAY)}`;
    const journey = await api('GET', `/api/v1/metrics/journey?${q}`);
    expect(journey.status).toBe(200);
    expect(journey.body.touchpoints.find((t: { id: string }) => t.id === touchpointId).nps.n).toBe(71);
    for (const path of ['csat', 'ces', 'sentiment', 'cpi', 'themes']) {
      expect((await api('GET', `/api/v1/metrics/${path}?${q}`)).status).toBe(200);
    }
    // plan is one of the demo's segment keys (segment rollups); seats is not (raw responses).
    const byPlan = await api('GET', `/api/v1/metrics/nps?${q}&attribute=plan:none`);
    expect(byPlan.body).toMatchObject({ source: 'rollups', total: { n: 0, nps: null } });
    const bySeats = await api('GET', `/api/v1/metrics/nps?${q}&attribute=seats:none`);
    expect(bySeats.body).toMatchObject({ source: 'responses', total: { n: 0, nps: null } });
  });

  it('rejects bad filters with a 400 that names them', async () => {
    expect((await api('GET', '/api/v1/metrics/nps?tz=Mars/Olympus')).body.error.code).toBe('invalid_query');
    expect((await api('GET', '/api/v1/metrics/nps?from=2026-02-30')).status).toBe(400);
    expect((await api('GET', '/api/v1/metrics/nps?from=2026-03-01&to=2026-02-01')).body.error.code).toBe('invalid_range');
    expect((await api('GET', '/api/v1/metrics/nps?bucket=day&from=2020-01-01&to=2026-01-01')).body.error.code).toBe('range_too_large');
    expect((await api('GET', '/api/v1/metrics/nps?plan=pro')).status).toBe(400);
    expect((await client(server.baseUrl, null)('GET', '/api/v1/metrics/nps')).status).toBe(401);
  });
});
