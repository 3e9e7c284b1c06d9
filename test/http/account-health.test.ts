import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';
import { until } from './receiver';

// Accounts through a custom account attribute (so the demo's accounts stay out), posted
// through the public API at two new touchpoints; GET /api/v1/accounts is checked against the
// health formula of docs/METRICS.md recomputed here from the raw responses read back.
// Snapshots go stale after 1 s here (CHORUS_ACCOUNT_SNAPSHOT_MAX_AGE), so a refresh is seen soon.
const DAY = 86_400_000;
let server: TestServer;
let api: ReturnType<typeof client>;
const tps: string[] = [];
const surveys: string[] = [];
let pub: ReturnType<typeof client>;
const now = Date.now();

type Answer = 'yes' | 'partly' | 'no';
interface Plan {
  account: string;
  arr: number | string;
  tp: number;
  daysAgo: number;
  nps: number;
  csat?: number;
  goal?: Answer;
  comment?: string;
}
const happy = 'Wonderful service, the team was fast, friendly and helpful';
const angry = 'Terrible experience, the product is broken and support never answered';
const plans: Plan[] = [
  // A green account: promoters, satisfied, goals met, answered lately.
  { account: 'hc_green', arr: 120000, tp: 0, daysAgo: 20, nps: 9, csat: 5, goal: 'yes', comment: happy },
  { account: 'hc_green', arr: 120000, tp: 1, daysAgo: 2, nps: 10, csat: 5, goal: 'yes', comment: happy },
  // Yellow: passive, middling.
  { account: 'hc_yellow', arr: '45000', tp: 0, daysAgo: 10, nps: 8, csat: 3, goal: 'partly' },
  { account: 'hc_yellow', arr: '45000', tp: 0, daysAgo: 5, nps: 7, csat: 4, goal: 'partly' },
  // Red: detractor at touchpoint 1, happy long ago at touchpoint 0; revenue updated on the last answer.
  { account: 'hc_red', arr: 80000, tp: 0, daysAgo: 35, nps: 9, csat: 4, goal: 'yes', comment: happy },
  { account: 'hc_red', arr: 80000, tp: 1, daysAgo: 14, nps: 3, csat: 2, goal: 'no', comment: angry },
  { account: 'hc_red', arr: 90000, tp: 1, daysAgo: 7, nps: 2, csat: 1, goal: 'no', comment: angry },
  { account: 'hc_red', arr: 90000, tp: 1, daysAgo: 6, nps: 1, comment: angry },
  { account: 'hc_red', arr: 90000, tp: 1, daysAgo: 4, nps: 2, comment: angry },
  // Silent for long, no revenue.
  { account: 'hc_quiet', arr: '', tp: 0, daysAgo: 80, nps: 6, goal: 'partly' },
];

beforeAll(async () => {
  server = await startServer(runtime, { env: { CHORUS_ACCOUNT_SNAPSHOT_MAX_AGE: '1' } });
  api = client(server.baseUrl);
  pub = client(server.baseUrl, null);
  const cpi = (await api('POST', '/api/v1/cpis', { name: 'Health goal' })).body.id;
  for (const name of ['Health A', 'Health B']) {
    const tp = (await api('POST', '/api/v1/touchpoints', { name })).body.id;
    tps.push(tp);
    const questions = [
      { id: 'nps', kind: 'nps', text: 'Recommend us?', required: true },
      { id: 'csat', kind: 'csat', text: 'Satisfied?', required: false },
      { id: 'goal', kind: 'cpi', cpiId: cpi, text: 'Goal?', required: false },
      { id: 'comment', kind: 'text', text: 'Why?', required: false },
    ];
    surveys.push((await api('POST', '/api/v1/surveys', { touchpointId: tp, name, status: 'active', questions })).body.id);
  }
  for (const p of plans) {
    const res = await pub(
      'POST',
      '/api/v1/client/pk_demo/responses',
      JSON.stringify({
        id: newResponseId(),
        surveyId: surveys[p.tp],
        answers: { nps: p.nps, ...(p.csat ? { csat: p.csat } : {}), ...(p.goal ? { goal: p.goal } : {}), ...(p.comment ? { comment: p.comment } : {}) },
        attributes: { hcAccount: p.account, hcArr: p.arr, renewalDate: '2027-03-01' },
        complete: true,
        answeredAt: now - p.daysAgo * DAY,
      }),
      { 'content-type': 'text/plain' },
    );
    expect(res.status).toBe(200);
  }
  for (let i = 0; i < 300; i++) {
    const pending = (await rawResponses()).filter((r) => r.comment && !r.analyzedAt);
    if (pending.length === 0) break;
    await new Promise((ok) => setTimeout(ok, 200));
  }
});
afterAll(() => server?.dispose());

interface Raw {
  touchpointId: string;
  comment: string | null;
  analyzedAt: string | null;
  createdAt: string;
  scores: { nps: number | null; csat: number | null };
  sentiment: { score: number } | null;
  cpiAnswers: { answer: Answer }[];
  attributes: Record<string, string | number>;
}
async function rawResponses(): Promise<Raw[]> {
  const lists = await Promise.all(tps.map((tp) => api('GET', `/api/v1/responses?touchpoint=${tp}&limit=500`)));
  return lists.flatMap((l) => l.body.data as Raw[]);
}

/** The formula of docs/METRICS.md, written out again from the raw responses. */
function health(rows: Raw[], asOf: number) {
  const sorted = [...rows].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const last = <T,>(pick: (r: Raw) => T | null) => sorted.map(pick).filter((v) => v !== null).at(-1) ?? null;
  const nps = last((r) => r.scores.nps);
  const csat = last((r) => r.scores.csat);
  const answers = sorted.flatMap((r) => r.cpiAnswers);
  const attainment = answers.length ? answers.reduce((s, a) => s + (a.answer === 'yes' ? 1 : a.answer === 'partly' ? 0.5 : 0), 0) / answers.length : null;
  const scores = sorted.flatMap((r) => (r.sentiment ? [r.sentiment.score] : []));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const recent = scores.length ? mean(scores.slice(-3)) : null;
  const trend = scores.length > 3 ? recent! - mean(scores.slice(0, -3)) : null;
  const days = (asOf - Date.parse(sorted.at(-1)!.createdAt)) / DAY;
  const parts: [number, number | null][] = [
    [0.35, nps === null ? null : nps >= 9 ? 1 : nps >= 7 ? 0.6 : nps / 20],
    [0.15, csat === null ? null : (csat - 1) / 4],
    [0.2, attainment],
    [0.15, recent === null ? null : Math.min(1, Math.max(0, 0.5 + recent / 2 + (trend ?? 0) / 4))],
    [0.15, Math.max(0, 1 - days / 90)],
  ];
  const present = parts.filter(([, v]) => v !== null) as [number, number][];
  const score = Math.round((100 * present.reduce((s, [w, v]) => s + w * v, 0)) / present.reduce((s, [w]) => s + w, 0));
  return { score, band: score >= 70 ? 'green' : score >= 50 ? 'yellow' : 'red', nps, csat, attainment, recent, trend, days };
}
const revenueOf = (rows: Raw[]) => {
  const v = [...rows].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).map((r) => r.attributes.hcArr).filter((x) => x !== '' && x !== undefined).at(-1);
  return v === undefined ? null : Number(v);
};

describe(`account health on ${runtime}`, () => {
  it('keeps the other settings when one is changed, and validates the attribute keys', async () => {
    expect((await api('PATCH', '/api/v1/workspace', { settings: { recontactDays: 9 } })).status).toBe(200);
    const patched = await api('PATCH', '/api/v1/workspace', { settings: { accountAttribute: 'hcAccount', revenueAttribute: 'hcArr' } });
    expect(patched.status).toBe(200);
    expect(patched.body.settings).toMatchObject({ recontactDays: 9, clientRateLimit: 1_000_000, accountAttribute: 'hcAccount', revenueAttribute: 'hcArr' });
    expect((await api('PATCH', '/api/v1/workspace', { settings: { accountAttribute: 'a b' } })).status).toBe(400);
    expect((await api('PATCH', '/api/v1/workspace', { settings: { accountAtribute: 'x' } })).status).toBe(400);
  });

  it('matches a recomputation from the raw responses: scores, bands, revenue, ARR at risk, by touchpoint', async () => {
    const res = await api('GET', '/api/v1/accounts');
    const asOf = Date.now();
    expect(res.status).toBe(200);
    const raw = await rawResponses();
    expect(raw).toHaveLength(plans.length);
    const byAccount = new Map<string, Raw[]>();
    for (const r of raw) byAccount.set(String(r.attributes.hcAccount), [...(byAccount.get(String(r.attributes.hcAccount)) ?? []), r]);
    expect(res.body.settings).toEqual({ accountAttribute: 'hcAccount', revenueAttribute: 'hcArr' });
    expect(res.body.accounts.map((a: { account: string }) => a.account).sort()).toEqual([...byAccount.keys()].sort());

    let arrAtRisk = 0;
    for (const [account, rows] of byAccount) {
      const got = res.body.accounts.find((a: { account: string }) => a.account === account);
      const want = health(rows, asOf);
      expect(got.health.score, account).toBe(want.score);
      expect(got.health.band, account).toBe(want.band);
      expect(got.health.components.nps.latest).toBe(want.nps);
      expect(got.health.components.csat.latest).toBe(want.csat);
      expect(got.health.components.cpi.attainment).toBe(want.attainment);
      if (want.recent === null) expect(got.health.components.sentiment.recent).toBeNull();
      else expect(got.health.components.sentiment.recent).toBeCloseTo(want.recent, 9);
      if (want.trend === null) expect(got.health.components.sentiment.trend).toBeNull();
      else expect(got.health.components.sentiment.trend).toBeCloseTo(want.trend, 9);
      expect(got.health.components.recency.days).toBeCloseTo(want.days, 2);
      expect(got.revenue).toBe(revenueOf(rows));
      expect(got.responses).toBe(rows.length);
      expect(got.renewalDate).toBe('2027-03-01');
      expect(got.lastResponseAt).toBe(rows.map((r) => r.createdAt).sort().at(-1));
      if (want.band === 'red') arrAtRisk += revenueOf(rows) ?? 0;
    }
    expect(new Set(res.body.accounts.map((a: { health: { band: string } }) => a.health.band))).toEqual(new Set(['green', 'yellow', 'red']));
    expect(res.body.accounts.find((a: { account: string }) => a.account === 'hc_red').revenue).toBe(90000);
    expect(res.body.summary.arrAtRisk).toBe(arrAtRisk);
    expect(res.body.summary.accounts).toBe(byAccount.size);
    expect(res.body.summary.revenue).toBe(120000 + 45000 + 90000);
    // Worst first by default.
    const scores = res.body.accounts.map((a: { health: { score: number } }) => a.health.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => a - b));

    // At one touchpoint an account's health is read from its responses there.
    for (const [i, tp] of tps.entries()) {
      const at = res.body.summary.byTouchpoint.find((t: { touchpointId: string }) => t.touchpointId === tp);
      const here = [...byAccount].map(([account, rows]) => [account, rows.filter((r) => r.touchpointId === tp), rows] as const).filter(([, h]) => h.length > 0);
      const red = here.filter(([, h]) => health(h, asOf).band === 'red');
      expect(at, `touchpoint ${i}`).toMatchObject({ accounts: here.length, arrAtRisk: red.reduce((s, [, , all]) => s + (revenueOf(all) ?? 0), 0) });
    }
  });

  it('filters by band and touchpoint, sorts and pages', async () => {
    const red = await api('GET', '/api/v1/accounts?band=red');
    // hc_quiet: a detractor's 6, partly attained, silent 80 days.
    expect(red.body.accounts.map((a: { account: string }) => a.account).sort()).toEqual(['hc_quiet', 'hc_red']);
    expect(red.body.total).toBe(2);
    const atA = await api('GET', `/api/v1/accounts?touchpoint=${tps[0]}`);
    expect(atA.body.accounts.map((a: { account: string }) => a.account).sort()).toEqual(['hc_green', 'hc_quiet', 'hc_red', 'hc_yellow']);
    // hc_red was happy at the first touchpoint: not red there.
    expect(atA.body.accounts.find((a: { account: string }) => a.account === 'hc_red').health.band).not.toBe('red');
    expect(atA.body.accounts.find((a: { account: string }) => a.account === 'hc_red').responses).toBe(1);
    const byRevenue = await api('GET', '/api/v1/accounts?sort=revenue&limit=2');
    expect(byRevenue.body.accounts.map((a: { account: string }) => a.account)).toEqual(['hc_green', 'hc_red']);
    expect(byRevenue.body.total).toBe(4);
    const page2 = await api('GET', '/api/v1/accounts?sort=account&order=asc&limit=2&offset=2');
    expect(page2.body.accounts.map((a: { account: string }) => a.account)).toEqual(['hc_red', 'hc_yellow']);
    expect((await api('GET', '/api/v1/accounts?band=blue')).status).toBe(400);
    expect((await api('GET', '/api/v1/accounts?from=2026-02-30')).status).toBe(400);
  });

  // The default window is answered from its snapshot; a custom `to` is computed from the responses.
  type Body = { source: string; computedAt: string; to: string; accounts: { account: string; health: { components: { recency: { days: number } } } }[] };
  const comparable = (b: Body) => ({ ...b, source: null, computedAt: null, accounts: b.accounts.map((a) => ({ ...a, health: { ...a.health, components: { ...a.health.components, recency: null } } })) });
  const expectSameAsLive = async (snap: Body) => {
    const live = (await api('GET', `/api/v1/accounts?limit=500&to=${snap.to}`)).body as Body;
    expect(live.source).toBe('responses');
    expect(comparable(snap)).toEqual(comparable(live));
    for (const [i, a] of snap.accounts.entries()) expect(a.health.components.recency.days).toBeCloseTo(live.accounts[i]!.health.components.recency.days, 2);
  };

  it('serves the default window from its snapshot, with the same answer as the live computation', async () => {
    const snap = await api('GET', '/api/v1/accounts?limit=500');
    expect(snap.status).toBe(200);
    expect(snap.body.source).toBe('snapshot');
    expect(Date.parse(snap.body.computedAt)).toBeLessThanOrEqual(Date.now());
    await expectSameAsLive(snap.body);
  });

  it('moves to a new response once the stale snapshot is refreshed in the background', async () => {
    const before = (await api('GET', '/api/v1/accounts?limit=500')).body as Body;
    const id = newResponseId();
    const posted = await pub(
      'POST',
      '/api/v1/client/pk_demo/responses',
      JSON.stringify({ id, surveyId: surveys[0], answers: { nps: 10, csat: 5, goal: 'yes' }, attributes: { hcAccount: 'hc_new', hcArr: 5000 }, complete: true }),
      { 'content-type': 'text/plain' },
    );
    expect(posted.status).toBe(200);
    // Served from the snapshot all along (never computed in the request), until it has the new account.
    const after = await until(async () => {
      const res = (await api('GET', '/api/v1/accounts?limit=500')).body as Body;
      expect(res.source).toBe('snapshot');
      return res.accounts.some((a) => a.account === 'hc_new') ? res : undefined;
    });
    expect(Date.parse(after.computedAt)).toBeGreaterThan(Date.parse(before.computedAt));
    expect(after.accounts).toHaveLength(before.accounts.length + 1);
    await expectSameAsLive(after);

    // Deleting a response changes the past: the snapshots are forgotten, the next answer is computed.
    expect((await api('DELETE', `/api/v1/responses/${id}`)).status).toBe(204);
    const gone = (await api('GET', '/api/v1/accounts?limit=500')).body as Body;
    expect(gone.source).toBe('responses');
    expect(gone.accounts.map((a) => a.account)).not.toContain('hc_new');
    await new Promise((ok) => setTimeout(ok, 1200)); // stale again: a refresh must not bring it back
    await api('GET', '/api/v1/accounts?limit=500');
    const later = await until(async () => {
      const res = (await api('GET', '/api/v1/accounts?limit=500')).body as Body;
      return Date.parse(res.computedAt) > Date.parse(gone.computedAt) ? res : undefined;
    });
    expect(later.accounts.map((a) => a.account)).not.toContain('hc_new');
  });

  it('forgets the snapshots when a respondent is erased', async () => {
    const rid = `hc_person_${runtime}`;
    const body = { id: newResponseId(), surveyId: surveys[1], answers: { nps: 4 }, respondentId: rid, attributes: { hcAccount: 'hc_erased', hcArr: 7000 }, complete: true };
    expect((await pub('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' })).status).toBe(200);
    await until(async () => (((await api('GET', '/api/v1/accounts?limit=500')).body as Body).accounts.some((a) => a.account === 'hc_erased') ? true : undefined));
    expect((await api('DELETE', `/api/v1/respondents/${rid}`)).body.deleted).toBe(1);
    const after = (await api('GET', '/api/v1/accounts?limit=500')).body as Body;
    expect(after.source).toBe('responses');
    expect(after.accounts.map((a) => a.account)).not.toContain('hc_erased');
  });
});
