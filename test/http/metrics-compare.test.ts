import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

// Two 14-day periods with known answers, posted through the public API (backdated with
// answeredAt): the compare API must return both periods' figures and the tested change.
const DAY = 86_400_000;
let server: TestServer;
let api: ReturnType<typeof client>;
let surveyId: string;
let touchpointId: string;

const today = Math.floor(Date.now() / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// The current period ends yesterday (UTC); the previous one is the 14 days before it.
const to = today - DAY;
const from = to - 13 * DAY;
const prevFrom = from - 14 * DAY;
// [promoters, passives, detractors], then CSAT [satisfied, not]
const before = { nps: [40, 10, 10], csat: [48, 12] } as const;
const now = { nps: [15, 10, 35], csat: [30, 30] } as const;

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  const pub = client(server.baseUrl, null);
  touchpointId = (await api('POST', '/api/v1/touchpoints', { name: 'Compare test' })).body.id;
  const s = await api('POST', '/api/v1/surveys', {
    touchpointId,
    name: 'Compare',
    status: 'active',
    questions: [
      { id: 'nps', kind: 'nps', text: 'Recommend us?', required: true },
      { id: 'csat', kind: 'csat', text: 'Satisfied?', required: false },
    ],
  });
  expect(s.status).toBe(201);
  surveyId = s.body.id;
  const posts: Promise<{ status: number }>[] = [];
  for (const [period, start] of [[before, prevFrom], [now, from]] as const) {
    const scores = [...Array(period.nps[0]).fill(10), ...Array(period.nps[1]).fill(8), ...Array(period.nps[2]).fill(2)] as number[];
    const csat = [...Array(period.csat[0]).fill(5), ...Array(period.csat[1]).fill(2)] as number[];
    scores.forEach((nps, i) => {
      const answeredAt = start + ((i * 5) % 14) * DAY + 3_600_000 * (i % 20) + 1_000;
      const body = { id: newResponseId(), surveyId, answers: { nps, csat: csat[i] }, complete: true, answeredAt };
      posts.push(pub('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' }));
    });
  }
  for (const r of await Promise.all(posts)) expect(r.status).toBe(200);
});
afterAll(() => server?.dispose());

const se = ([p, pa, d]: readonly number[]) => {
  const n = p! + pa! + d!;
  const sp = p! / n;
  const sd = d! / n;
  return 100 * Math.sqrt((sp + sd - (sp - sd) ** 2) / n);
};
const npsOf = ([p, pa, d]: readonly number[]) => (100 * (p! - d!)) / (p! + pa! + d!);

describe(`metrics compare API on ${runtime}`, () => {
  it('compare=previous returns the previous period of the same length, its figures equal to asking for it, and the tested change', async () => {
    const q = `survey=${surveyId}&tz=UTC&bucket=week&from=${iso(from)}&to=${iso(to)}`;
    const res = await api('GET', `/api/v1/metrics/nps?${q}&compare=previous`);
    expect(res.status).toBe(200);
    expect(res.body.total).toMatchObject({ n: 60, promoters: 15, detractors: 35 });
    const c = res.body.comparison;
    expect(c).toMatchObject({ from: iso(prevFrom), to: iso(from - DAY), total: { n: 60, promoters: 40, detractors: 10 } });
    const alone = await api('GET', `/api/v1/metrics/nps?survey=${surveyId}&tz=UTC&bucket=week&from=${iso(prevFrom)}&to=${iso(from - DAY)}`);
    expect(c.total).toEqual(alone.body.total);
    expect(c.buckets).toEqual(alone.body.buckets);
    const delta = npsOf(now.nps) - npsOf(before.nps);
    expect(c.change.delta).toBeCloseTo(delta, 9);
    expect(c.change.z).toBeCloseTo(delta / Math.hypot(se(now.nps), se(before.nps)), 9);
    expect(c.change.significant).toBe(true);
    // Without a comparison the answer is what it always was.
    expect((await api('GET', `/api/v1/metrics/nps?${q}`)).body).not.toHaveProperty('comparison');
  });

  it('compares CSAT, the journey, CPI cells and themes in the same way', async () => {
    const q = `survey=${surveyId}&tz=UTC&from=${iso(from)}&to=${iso(to)}&compare=previous`;
    const csat = (await api('GET', `/api/v1/metrics/csat?${q}`)).body;
    expect(csat.comparison.total).toMatchObject({ n: 60, satisfied: 48 });
    expect(csat.comparison.change.delta).toBeCloseTo(50 - 80, 9);
    expect(csat.comparison.change.significant).toBe(true);
    const journey = (await api('GET', `/api/v1/metrics/journey?${q}`)).body;
    const stage = journey.touchpoints.find((t: { id: string }) => t.id === touchpointId);
    expect(journey.comparison).toEqual({ from: iso(prevFrom), to: iso(from - DAY) });
    expect(stage.comparison.nps).toMatchObject({ n: 60, promoters: 40 });
    expect(stage.comparison.change.nps.delta).toBeCloseTo(npsOf(now.nps) - npsOf(before.nps), 9);
    for (const path of ['ces', 'sentiment']) expect((await api('GET', `/api/v1/metrics/${path}?${q}`)).body.comparison).toHaveProperty('total');
    const cpi = (await api('GET', `/api/v1/metrics/cpi?${q}`)).body;
    expect(cpi.comparison.from).toBe(iso(prevFrom));
    for (const cell of cpi.cells) expect(cell).toHaveProperty('comparison');
    expect((await api('GET', `/api/v1/metrics/themes?${q}`)).body.comparison).toMatchObject({ from: iso(prevFrom), comments: 0 });
  });

  it('a small comparison period never makes a change significant', async () => {
    // The first 3 days of the previous period hold a handful of answers.
    const q = `survey=${surveyId}&tz=UTC&from=${iso(from)}&to=${iso(to)}&compareFrom=${iso(prevFrom)}&compareTo=${iso(prevFrom + DAY)}`;
    const res = (await api('GET', `/api/v1/metrics/nps?${q}`)).body;
    expect(res.comparison.total.n).toBeGreaterThan(0);
    expect(res.comparison.total.n).toBeLessThan(30);
    expect(res.comparison.change.significant).toBe(false);
  });

  it('rejects an inconsistent comparison with a 400', async () => {
    const codes = async (q: string) => (await api('GET', `/api/v1/metrics/nps?${q}`)).body.error?.code;
    expect(await codes('compare=previous&compareFrom=2026-01-01&compareTo=2026-01-02')).toBe('invalid_comparison');
    expect(await codes('compareFrom=2026-01-01')).toBe('invalid_comparison');
    expect(await codes('compareFrom=2026-01-05&compareTo=2026-01-01')).toBe('invalid_comparison');
    expect(await codes('compare=last')).toBe('invalid_query');
    expect(await codes('bucket=day&compareFrom=2020-01-01&compareTo=2026-01-01')).toBe('range_too_large');
  });
});
