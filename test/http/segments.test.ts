import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, client, newResponseId, runtime, startServer, type TestServer } from './harness';

// Segment rollups checked against a recomputation from raw responses through the API: every
// response carries each segment attribute twice, as a segment key (`tier`, read from segment
// rollups) and as a plain attribute (`tierRaw`, read from raw responses). Both must agree.

let server: TestServer;
let b: ReturnType<typeof client>;
let bKey: string;
let publicKey: string;
let surveyId: string;
let touchpointId: string;
beforeAll(async () => {
  server = await startServer();
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }) });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const session = client(server.baseUrl, null);
  const ws = await session('POST', '/api/v1/workspaces', { name: 'Segments', allowedOrigins: ['http://localhost:*'] }, { cookie, 'x-csrf-token': csrfToken });
  publicKey = ws.body.publicKey;
  const key = await session('POST', '/api/v1/api-keys', { name: 'seg', role: 'owner' }, { cookie, 'x-csrf-token': csrfToken, 'x-workspace-id': ws.body.id });
  bKey = key.body.key;
  b = client(server.baseUrl, bKey);
  await b('PATCH', '/api/v1/workspace', { settings: { clientRateLimit: 100_000 } });
  touchpointId = (await b('POST', '/api/v1/touchpoints', { name: 'Checkout' })).body.id;
  const cpi = (await b('POST', '/api/v1/cpis', { name: 'Quick', targets: [{ touchpointId, target: 0.5 }] })).body;
  surveyId = (await b('POST', '/api/v1/surveys', {
    touchpointId, name: 'S', status: 'active',
    questions: [{ id: 'nps', kind: 'nps', text: 'x' }, { id: 'csat', kind: 'csat', text: 'c' }, { id: 'ces', kind: 'ces', text: 'e' }, { id: 'goal', kind: 'cpi', cpiId: cpi.id, text: 'g' }, { id: 'why', kind: 'text', text: 'w' }],
  })).body.id;
});
afterAll(() => server?.dispose());

const post = (body: Record<string, unknown>) =>
  client(server.baseUrl, null)('POST', `/api/v1/client/${publicKey}/responses`, JSON.stringify({ surveyId, ...body }), { 'content-type': 'text/plain' });
const tiers = ['free', 'pro', 'enterprise'];
const zones = ['EMEA', 'NA'];
let n = 0;
/** A response with both copies of each attribute, varied deterministically. */
const submission = (extra: Record<string, unknown> = {}) => {
  const i = n++;
  const tier = tiers[i % 3]!;
  const zone = zones[(i >> 1) % 2]!;
  const attributes = i % 7 === 6 ? {} : { tier, tierRaw: tier, zone, zoneRaw: zone };
  return { id: newResponseId(), answers: { nps: (i * 7) % 11, csat: 1 + (i % 5), ces: 1 + (i % 7), goal: ['yes', 'partly', 'no'][i % 3] }, attributes, deviceClass: i % 2 ? 'mobile' : 'desktop', answeredAt: Date.now() - (i % 20) * 86_400_000, ...extra };
};
const waitReady = async () => {
  for (let i = 0; i < 200; i++) {
    const segs = (await b('GET', '/api/v1/workspace')).body.segments as { key: string; status: string }[];
    if (segs.every((s) => s.status === 'ready')) return segs;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('backfill did not finish');
};
const metric = async (path: string) => {
  const res = await b('GET', `/api/v1/metrics/${path}${path.includes('?') ? '&' : '?'}bucket=week`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
/** Every segment-filtered metric equals the raw-response one for each value. */
async function expectExact(key: string, values: string[]) {
  for (const value of values) for (const path of ['nps', 'csat', 'ces', 'sentiment', 'journey', 'cpi']) {
    const fromRollups = await metric(`${path}?attribute=${key}:${value}`);
    const fromRaw = await metric(`${path}?attribute=${key}Raw:${value}`);
    expect(fromRollups.source, `${path} ${key}:${value}`).toBe('rollups');
    expect(fromRaw.source).toBe('responses');
    expect({ ...fromRollups, source: null, filters: null }, `${path} ${key}:${value}`).toEqual({ ...fromRaw, source: null, filters: null });
  }
}

describe(`segment rollups on ${runtime}`, () => {
  it('stay equal to raw responses through inserts, completions, deletions, erasure, imports and a backfill', async () => {
    expect((await b('PATCH', '/api/v1/workspace', { settings: { segmentKeys: ['tier', 'deviceClass'] } })).status).toBe(200);
    await waitReady();
    const partials = [];
    for (let i = 0; i < 24; i++) {
      const s = submission({ respondentId: i % 5 === 0 ? 'erase_me' : undefined });
      partials.push(s);
      expect((await post(s)).status).toBe(200);
    }
    // Completions add a comment and a late attribute.
    for (const s of partials.slice(0, 10)) expect((await post({ id: s.id, answers: { why: 'slow' }, complete: true })).status).toBe(200);
    expect((await b('DELETE', `/api/v1/responses/${partials[11]!.id}`)).status).toBeLessThan(300);
    expect((await b('DELETE', '/api/v1/respondents/erase_me')).status).toBe(200);
    const csv = ['id,nps,tier,tierRaw,zone,zoneRaw', ...Array.from({ length: 9 }, (_, i) => `imp${i},${i},${tiers[i % 3]},${tiers[i % 3]},NA,NA`)].join('\n');
    const mapping = JSON.stringify({ id: '@id', nps: 'nps', tier: '@attribute:tier', tierRaw: '@attribute:tierRaw', zone: '@attribute:zone', zoneRaw: '@attribute:zoneRaw' });
    const imported = await fetch(`${server.baseUrl}/api/v1/imports?survey=${surveyId}&mapping=${encodeURIComponent(mapping)}`, { method: 'POST', headers: { authorization: `Bearer ${bKey}`, 'content-type': 'text/csv' }, body: csv });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(((await imported.json()) as { imported: number }).imported).toBe(9);
    await expectExact('tier', tiers);

    // A key added to existing data is backfilled, with live writes going on meanwhile.
    const patched = await b('PATCH', '/api/v1/workspace', { settings: { segmentKeys: ['tier', 'deviceClass', 'zone'] } });
    expect(patched.body.settings.segmentKeys).toEqual(['tier', 'deviceClass', 'zone']);
    for (let i = 0; i < 6; i++) expect((await post(submission())).status).toBe(200);
    const segs = await waitReady();
    expect(segs.find((s) => s.key === 'zone')).toMatchObject({ status: 'ready', progress: 1 });
    await expectExact('zone', zones);
    await expectExact('tier', tiers);
  });

  it('breaks a metric down by a segment key, with n adding up to the total', async () => {
    for (const m of ['nps', 'csat', 'ces', 'cpi']) {
      const res = await b('GET', `/api/v1/metrics/breakdown?metric=${m}&by=tier`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const groups = res.body.groups as { value: string; n: number; score: number | null; margin: number | null; significant: boolean; smallSample: boolean }[];
      expect(new Set(groups.map((g) => g.value)), JSON.stringify(res.body)).toEqual(new Set([...tiers, '(none)']));
      expect(groups.reduce((sum, g) => sum + g.n, 0)).toBe(res.body.total.n);
      for (const g of groups) expect(g.smallSample).toBe(g.n < 30);
      for (const g of groups) expect(g.significant).toBe(false); // small samples are never flagged
    }
    const nps = await b('GET', '/api/v1/metrics/breakdown?metric=nps&by=tier');
    expect(nps.body.total.n).toBe((await metric('nps')).total.n);
    for (const tier of tiers) {
      const raw = await metric(`nps?attribute=tierRaw:${tier}`);
      expect(nps.body.groups.find((g: { value: string }) => g.value === tier)).toMatchObject({ n: raw.total.n, score: raw.total.nps, margin: raw.total.margin });
    }
    const device = await b('GET', '/api/v1/metrics/breakdown?metric=nps&by=deviceClass');
    expect(new Set(device.body.groups.map((g: { value: string }) => g.value))).toEqual(new Set(['mobile', 'desktop', '(none)'])); // imported rows name no device
    expect((await b('GET', '/api/v1/metrics/breakdown?metric=nps&by=tierRaw')).status).toBe(400);
    expect((await b('GET', '/api/v1/metrics/breakdown?metric=nps&by=tier&attribute=zone:NA')).status).toBe(400);
    expect((await b('GET', '/api/v1/metrics/breakdown?metric=median&by=tier')).status).toBe(400);
  });

  it('folds values past the 50 most frequent into (other), and drops a removed key', async () => {
    await b('PATCH', '/api/v1/workspace', { settings: { segmentKeys: ['tier', 'sku'] } });
    await waitReady();
    for (let i = 0; i < 52; i++) expect((await post(submission({ attributes: { sku: `sku${i}`, skuRaw: `sku${i}` } }))).status).toBe(200);
    const res = await b('GET', '/api/v1/metrics/breakdown?metric=nps&by=sku');
    const groups = res.body.groups as { value: string; n: number }[];
    expect(groups.find((g) => g.value === '(other)')?.n).toBe(2);
    expect(groups.filter((g) => g.value.startsWith('sku'))).toHaveLength(50);
    expect((await metric('nps?attribute=sku:sku0')).source).toBe('rollups');
    expect((await metric('nps?attribute=sku:sku51')).source).toBe('responses');
    expect((await metric('nps?attribute=sku:sku51')).total.n).toBe(1);

    await b('PATCH', '/api/v1/workspace', { settings: { segmentKeys: ['sku'] } });
    expect((await b('GET', '/api/v1/workspace')).body.segments.map((s: { key: string }) => s.key)).toEqual(['sku']);
    expect((await metric('nps?attribute=tier:pro')).source).toBe('responses');
    expect((await b('GET', '/api/v1/metrics/breakdown?metric=nps&by=tier')).status).toBe(400);
    const tooMany = await b('PATCH', '/api/v1/workspace', { settings: { segmentKeys: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] } });
    expect(tooMany.status).toBe(400);
  });
});
