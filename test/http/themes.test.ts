import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, client, newResponseId, runtime, startServer, type TestServer } from './harness';

interface Match { key: string; source?: string; confidence?: number; sentiment?: number }

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

/**
 * Reads a run's status, trying again after 10 s without an answer: wrangler dev can drop a
 * request that arrives while the worker is busy with a long re-analysis.
 */
async function runStatus(id: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${server.baseUrl}/api/v1/analysis/runs/${id}`, { headers: { authorization: `Bearer ${API_KEY}` }, signal: AbortSignal.timeout(10_000) });
      return { status: res.status, body: (await res.json()) as { status: string; progress: number } & Record<string, unknown> };
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

async function waitForRun(id: string) {
  const seen: number[] = [];
  for (let i = 0; i < 300; i++) {
    const run = await runStatus(id);
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

/** Posts a comment through the public client API, as the widget does, and waits for its analysis. */
async function comment(text: string, nps = 5) {
  const id = newResponseId();
  const res = await client(server.baseUrl, null)(
    'POST',
    '/api/v1/client/pk_demo/responses',
    JSON.stringify({ id, surveyId: 'sv_support', answers: { nps, ...(text ? { comment: text } : {}) }, complete: true }),
    { 'content-type': 'text/plain' },
  );
  expect(res.status).toBe(200);
  return text ? analysed(id) : { id };
}

const mentions = async (key: string): Promise<number> => {
  const m = await api('GET', '/api/v1/metrics/themes?bucket=week');
  expect(m.status).toBe(200);
  return m.body.themes.find((t: { key: string }) => t.key === key)?.mentions ?? 0;
};

async function invitedViewer() {
  const email = `viewer-${Date.now()}@example.com`;
  const inv = await api('POST', '/api/v1/invitations', { email, role: 'viewer' });
  const accepted = await fetch(`${server.baseUrl}/api/v1/auth/accept-invitation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: inv.body.token, name: 'Viewer', password: 'viewer-password-123' }),
  });
  expect(accepted.status).toBe(200);
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'viewer-password-123' }) });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return (method: string, path: string, body?: unknown, csrf = true) => client(server.baseUrl, null)(method, path, body, { cookie, ...(csrf ? { 'x-csrf-token': csrfToken } : {}) });
}

describe(`theme tags by the CX team on ${runtime}`, () => {
  it('adds and removes a theme on a comment, at once in its analysis and in the theme metrics, and keeps the decision through re-analysis', async () => {
    const r = await comment('The parking garage next to the store was full again this morning.');
    const themes = (await api('GET', '/api/v1/themes')).body.data as { key: string; hidden: boolean; examples: number; category: string | null; verbatims: string[] }[];
    for (const t of themes) expect(Array.isArray(t.verbatims) && (t.category === null || typeof t.category === 'string')).toBe(true);
    const [target, other] = themes.filter((t) => !t.hidden && !r.themes.some((m: Match) => m.key === t.key));
    const before = await mentions(target!.key);

    const added = await api('POST', `/api/v1/responses/${r.id}/themes`, { key: target!.key });
    expect(added.status).toBe(200);
    expect(added.body.run).toBeNull();
    expect(added.body.response.themes.find((m: Match) => m.key === target!.key)).toMatchObject({ source: 'manual' });
    expect(await mentions(target!.key)).toBe(before + 1);
    const filtered = await api('GET', `/api/v1/responses?theme=${target!.key}&limit=500`);
    expect(filtered.body.data.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await api('GET', '/api/v1/themes')).body.data.find((t: { key: string }) => t.key === target!.key).examples).toBe(1);

    const removed = await api('DELETE', `/api/v1/responses/${r.id}/themes/${target!.key}`);
    expect(removed.status).toBe(200);
    expect(removed.body.response.themes.map((m: Match) => m.key)).not.toContain(target!.key);
    expect(await mentions(target!.key)).toBe(before);
    expect((await api('GET', '/api/v1/themes')).body.data.find((t: { key: string }) => t.key === target!.key).examples).toBe(0);

    // A keyword theme a person removes stays removed, and a manual one stays, when history is analysed again.
    const keywordTheme = r.themes[0] as Match | undefined;
    if (keywordTheme) expect((await api('DELETE', `/api/v1/responses/${r.id}/themes/${keywordTheme.key}`)).status).toBe(200);
    expect((await api('POST', `/api/v1/responses/${r.id}/themes`, { key: other!.key })).status).toBe(200);
    const run = await api('POST', '/api/v1/analysis/runs');
    await waitForRun(run.body.id);
    const again = (await api('GET', `/api/v1/responses/${r.id}`)).body;
    expect(again.themes.find((m: Match) => m.key === other!.key)).toMatchObject({ source: 'manual' });
    if (keywordTheme) expect(again.themes.map((m: Match) => m.key)).not.toContain(keywordTheme.key);

    // Deleting the response takes its tags with it: no longer an example.
    const examples = async () => (await api('GET', '/api/v1/themes')).body.data.find((t: { key: string }) => t.key === other!.key).examples;
    expect(await examples()).toBe(1);
    expect((await api('DELETE', `/api/v1/responses/${r.id}`)).status).toBe(204);
    expect(await examples()).toBe(0);
  });

  it('refuses unknown responses and themes, comments that are missing, viewers and writes without the CSRF token', async () => {
    const r = await comment('Support answered quickly and fixed it.');
    const key = (await api('GET', '/api/v1/themes')).body.data[0].key;
    expect((await api('POST', '/api/v1/responses/no-such-response/themes', { key })).status).toBe(404);
    expect((await api('POST', `/api/v1/responses/${r.id}/themes`, { key: 'no-such-theme' })).status).toBe(404);
    expect((await api('DELETE', `/api/v1/responses/${r.id}/themes/no-such-theme`)).status).toBe(404);
    expect((await api('POST', `/api/v1/responses/${r.id}/themes`, { key: '' })).status).toBe(400);
    const silent = await comment('');
    const noComment = await api('POST', `/api/v1/responses/${silent.id}/themes`, { key });
    expect(noComment.status).toBe(422);
    expect(noComment.body.error.code).toBe('no_comment');
    const viewer = await invitedViewer();
    expect((await viewer('POST', `/api/v1/responses/${r.id}/themes`, { key })).status).toBe(403);
    expect((await viewer('DELETE', `/api/v1/responses/${r.id}/themes/${key}`)).status).toBe(403);
    expect((await viewer('GET', `/api/v1/responses/${r.id}`)).status).toBe(200);
    const owner = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@example.com', password: 'test-demo-password' }) });
    const cookie = (owner.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await client(server.baseUrl, null)('POST', `/api/v1/responses/${r.id}/themes`, { key }, { cookie })).status).toBe(403);
  });

  it('learns a theme from 10 confirmed comments and applies it, with a confidence, to a new similar one', async () => {
    const created = await api('POST', '/api/v1/themes', { label: 'Parking', keywords: ['valet stand'] });
    expect(created.status).toBe(201);
    const parking = created.body.theme.key as string;
    await waitForRun(created.body.run.id);
    const texts = [
      'Could not find a parking space anywhere near the shop.', 'The parking lot was full again.', 'Parking is a nightmare at this location.',
      'Paid parking is far too expensive for a quick visit.', 'There is never any parking when I come after work.', 'Please add more parking spaces for customers.',
      'I drove around for twenty minutes looking for parking.', 'The parking garage was closed on Sunday.', 'Parking attendants were rude and the car park was full.',
      'No disabled parking near the entrance.', 'Parking spaces are too narrow for my car.', 'The car park gate ate my ticket, parking chaos.',
    ];
    const negatives = await api('GET', '/api/v1/responses?survey=sv_support&limit=30');
    for (const n of negatives.body.data.filter((x: { comment: string | null }) => x.comment).slice(0, 8)) {
      expect((await api('DELETE', `/api/v1/responses/${n.id}/themes/${parking}`)).status).toBe(200);
    }
    const runs: string[] = [];
    for (const text of texts) {
      const r = await comment(text, 3);
      const tagged = await api('POST', `/api/v1/responses/${r.id}/themes`, { key: parking });
      expect(tagged.status).toBe(200);
      if (tagged.body.run) runs.push(tagged.body.run.id);
      // The tenth example makes the theme learned, and history is analysed again with it.
      if (runs.length > 0) await waitForRun(runs.at(-1)!);
    }
    expect(runs.length).toBeGreaterThan(0);
    const listed = (await api('GET', '/api/v1/themes')).body.data.find((t: { key: string }) => t.key === parking);
    expect(listed).toMatchObject({ examples: texts.length, learned: true });

    const fresh = await comment('Again no parking left, I had to leave my car two streets away.', 4);
    const learned = fresh.themes.find((m: Match) => m.key === parking);
    expect(learned).toMatchObject({ source: 'learned' });
    expect(learned.confidence).toBeGreaterThan(0.5);
    const unrelated = await comment('The checkout page asked for my card details twice.', 4);
    // Untagged comments train as negatives, and a comment with no evidence for the theme never gets it.
    expect(unrelated.themes.map((m: Match) => m.key)).not.toContain(parking);
  }, 120_000);
});
