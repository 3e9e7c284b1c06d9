import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

// Posts a known CPI × NPS distribution (and comments the analysis reads for themes) at a new
// touchpoint through the public API, then checks GET /metrics/drivers against a recomputation
// from the raw responses read back through the responses API, with the formulas written out here.
const DAY = 86_400_000;
let server: TestServer;
let api: ReturnType<typeof client>;
let touchpointId: string;
let cpiMain: string;
let cpiRare: string;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const now = Date.now();
const range = `from=${iso(now - 40 * DAY)}&to=${iso(now)}`;

type Answer = 'yes' | 'partly' | 'no';
// [nps, answer to the main CPI, comment]: 40 yes (24 promoters, 10 passives, 6 detractors), 40 no (8 / 12 / 20), 10 partly.
const plan: [number, Answer, string | null][] = [];
const slow = 'Support took three days to answer my ticket, far too slow';
const easy = 'Checkout was quick and the price was clear';
for (let i = 0; i < 40; i++) plan.push([i < 24 ? 10 : i < 34 ? 8 : 3, 'yes', i < 20 ? easy : null]);
for (let i = 0; i < 40; i++) plan.push([i < 8 ? 9 : i < 20 ? 7 : 2, 'no', i >= 8 ? slow : null]);
for (let i = 0; i < 10; i++) plan.push([8, 'partly', null]);

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  const pub = client(server.baseUrl, null);
  touchpointId = (await api('POST', '/api/v1/touchpoints', { name: 'Drivers test' })).body.id;
  cpiMain = (await api('POST', '/api/v1/cpis', { name: 'Solved it', targets: [{ touchpointId, target: 0.7 }] })).body.id;
  cpiRare = (await api('POST', '/api/v1/cpis', { name: 'Rarely failed', targets: [{ touchpointId, target: 0.7 }] })).body.id;
  const survey = await api('POST', '/api/v1/surveys', {
    touchpointId,
    name: 'Drivers',
    status: 'active',
    questions: [
      { id: 'nps', kind: 'nps', text: 'Recommend us?', required: true },
      { id: 'solved', kind: 'cpi', cpiId: cpiMain, text: 'Solved it?', required: false },
      { id: 'rare', kind: 'cpi', cpiId: cpiRare, text: 'Rarely failed?', required: false },
      { id: 'comment', kind: 'text', text: 'Why?', required: false },
    ],
  });
  expect(survey.status).toBe(201);
  const results = await Promise.all(
    plan.map(([nps, solved, comment], i) =>
      pub(
        'POST',
        '/api/v1/client/pk_demo/responses',
        JSON.stringify({
          id: newResponseId(),
          surveyId: survey.body.id,
          // The second CPI is almost always attained: its "no" group stays under the minimum n.
          answers: { nps, solved, rare: i % 30 === 0 ? 'no' : 'yes', ...(comment ? { comment } : {}) },
          complete: true,
          answeredAt: now - (1 + (i % 30)) * DAY,
        }),
        { 'content-type': 'text/plain' },
      ),
    ),
  );
  for (const r of results) expect(r.status).toBe(200);
  // Themes come from the analysis, which runs after the acknowledgement: wait for it.
  for (let i = 0; i < 300; i++) {
    const list = await api('GET', `/api/v1/responses?touchpoint=${touchpointId}&limit=500`);
    if (list.body.data.filter((r: { comment: string | null; analyzedAt: string | null }) => r.comment && !r.analyzedAt).length === 0) break;
    await new Promise((ok) => setTimeout(ok, 200));
  }
});
afterAll(() => server?.dispose());

interface Counts {
  n: number;
  p: number;
  d: number;
}
const count = (scores: number[]): Counts => ({ n: scores.length, p: scores.filter((s) => s >= 9).length, d: scores.filter((s) => s <= 6).length });
const npsOf = (c: Counts) => (100 * (c.p - c.d)) / c.n;
const seOf = (c: Counts) => 100 * Math.sqrt((c.p / c.n + c.d / c.n - ((c.p - c.d) / c.n) ** 2) / c.n);

describe(`key drivers on ${runtime}`, () => {
  it('matches a recomputation from the raw responses: CPI NPS(yes) − NPS(no), theme impact, intervals, n, min n', async () => {
    const res = await api('GET', `/api/v1/metrics/drivers?touchpoint=${touchpointId}&${range}`);
    expect(res.status).toBe(200);
    const raw = (await api('GET', `/api/v1/responses?touchpoint=${touchpointId}&limit=500`)).body.data as {
      scores: { nps: number };
      cpiAnswers: { cpiId: string; answer: Answer }[];
      themes: { key: string }[];
    }[];
    expect(raw).toHaveLength(plan.length);

    const expected: { kind: string; key: string; importance: number; lo: number; hi: number; performance: number | null; n: number }[] = [];
    let hidden = 0;
    for (const cpiId of [cpiMain, cpiRare]) {
      const answers = raw.flatMap((r) => r.cpiAnswers.filter((a) => a.cpiId === cpiId).map((a) => ({ a: a.answer, nps: r.scores.nps })));
      const yes = count(answers.filter((x) => x.a === 'yes').map((x) => x.nps));
      const no = count(answers.filter((x) => x.a === 'no').map((x) => x.nps));
      if (yes.n < 30 || no.n < 30) {
        hidden++;
        continue;
      }
      const diff = npsOf(yes) - npsOf(no);
      const half = 1.96 * Math.hypot(seOf(yes), seOf(no));
      const attained = answers.reduce((s, x) => s + (x.a === 'yes' ? 1 : x.a === 'partly' ? 0.5 : 0), 0);
      expected.push({ kind: 'cpi', key: cpiId, importance: diff, lo: diff - half, hi: diff + half, performance: attained / answers.length, n: yes.n + no.n });
    }
    const all = count(raw.map((r) => r.scores.nps));
    for (const key of new Set(raw.flatMap((r) => r.themes.map((t) => t.key)))) {
      const mentioning = raw.filter((r) => r.themes.some((t) => t.key === key));
      const w = count(mentioning.map((r) => r.scores.nps));
      const without = count(raw.filter((r) => !r.themes.some((t) => t.key === key)).map((r) => r.scores.nps));
      if (w.n < 30 || without.n < 30) {
        hidden++;
        continue;
      }
      const impact = npsOf(all) - npsOf(without);
      const half = 1.96 * (w.n / all.n) * Math.hypot(seOf(w), seOf(without));
      expected.push({ kind: 'theme', key, importance: impact, lo: impact - half, hi: impact + half, performance: null, n: all.n });
    }
    // The hand-made main CPI: NPS 45 vs −30, se √(11.6994² + 12.3491²) = 17.0110.
    const main = res.body.drivers.find((d: { key: string }) => d.key === cpiMain);
    expect(main.importance).toBeCloseTo(75, 9);
    expect(main.ci[0]).toBeCloseTo(41.6584, 3);
    expect(main.performance).toBeCloseTo(45 / 90, 9);
    expect(main).toMatchObject({ kind: 'cpi', label: 'Solved it', n: 80, groups: [40, 40], significant: true });

    expect(res.body.drivers.map((d: { kind: string; key: string }) => `${d.kind}:${d.key}`).sort()).toEqual(expected.map((e) => `${e.kind}:${e.key}`).sort());
    expect(res.body.hidden).toBe(hidden);
    expect(hidden).toBeGreaterThanOrEqual(1); // the rare CPI
    expect(expected.some((e) => e.kind === 'theme')).toBe(true);
    for (const e of expected) {
      const d = res.body.drivers.find((x: { kind: string; key: string }) => x.kind === e.kind && x.key === e.key);
      expect(d.importance).toBeCloseTo(e.importance, 6);
      expect(d.ci[0]).toBeCloseTo(e.lo, 6);
      expect(d.ci[1]).toBeCloseTo(e.hi, 6);
      expect(d.n).toBe(e.n);
      expect(d.significant).toBe(e.lo > 0 || e.hi < 0);
      if (e.kind === 'cpi') expect(d.performance).toBeCloseTo(e.performance!, 9);
      else expect(d.performance === null || (d.performance >= 0 && d.performance <= 1)).toBe(true);
      expect(['fix-first', 'keep', 'watch', 'maintain']).toContain(d.quadrant);
    }
    const importance = res.body.drivers.map((d: { importance: number }) => Math.abs(d.importance));
    expect(importance).toEqual([...importance].sort((a: number, b: number) => b - a));
  });

  it('shows nothing outside the range and rejects unknown parameters', async () => {
    const old = await api('GET', `/api/v1/metrics/drivers?touchpoint=${touchpointId}&from=${iso(now - 300 * DAY)}&to=${iso(now - 200 * DAY)}`);
    expect(old.status).toBe(200);
    expect(old.body.drivers).toEqual([]);
    expect(old.body.split).toEqual({ cpi: null, theme: null });
    expect((await api('GET', `/api/v1/metrics/drivers?touchpoint=${touchpointId}&cpi=x`)).status).toBe(400);
    expect((await client(server.baseUrl, null)('GET', `/api/v1/metrics/drivers`)).status).toBe(401);
  });
});
