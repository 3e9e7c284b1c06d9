import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});
afterAll(() => server?.dispose());

const nps = { id: 'nps', kind: 'nps', text: 'Recommend us?' };

describe(`management API on ${runtime}`, () => {
  it('needs a valid API key', async () => {
    for (const key of [null, 'ck_wrong']) {
      const res = await client(server.baseUrl, key)('GET', '/api/v1/touchpoints');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    const malformed = await client(server.baseUrl, null)('GET', '/api/v1/touchpoints', undefined, { authorization: 'Basic abc' });
    expect(malformed.status).toBe(401);
    expect((await client(server.baseUrl, API_KEY)('GET', '/api/v1/workspace')).body.publicKey).toBe('pk_demo');
  });

  it('serves the demo journey in order', async () => {
    const res = await api('GET', '/api/v1/touchpoints');
    expect(res.status).toBe(200);
    expect(res.body.data.slice(0, 5).map((t: { name: string }) => t.name)).toEqual([
      'Sign-up',
      'Onboarding',
      'Support ticket closed',
      'Checkout',
      'Renewal',
    ]);
  });

  it('creates, reads, updates, reorders and deletes touchpoints', async () => {
    const a = await api('POST', '/api/v1/touchpoints', { name: 'Trial ends', description: 'Day 14' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ name: 'Trial ends', description: 'Day 14' });
    const b = await api('POST', '/api/v1/touchpoints', { name: 'Upgrade' });
    expect(b.body.position).toBe(a.body.position + 1);
    expect((await api('GET', `/api/v1/touchpoints/${a.body.id}`)).body.name).toBe('Trial ends');
    const renamed = await api('PATCH', `/api/v1/touchpoints/${a.body.id}`, { name: 'Trial ended' });
    expect(renamed.body.name).toBe('Trial ended');
    expect(renamed.body.description).toBe('Day 14');

    const all = (await api('GET', '/api/v1/touchpoints')).body.data.map((t: { id: string }) => t.id);
    const reversed = [...all].reverse();
    const reordered = await api('PUT', '/api/v1/touchpoints/order', { ids: reversed });
    expect(reordered.body.data.map((t: { id: string }) => t.id)).toEqual(reversed);
    expect((await api('PUT', '/api/v1/touchpoints/order', { ids: reversed.slice(1) })).status).toBe(422);
    await api('PUT', '/api/v1/touchpoints/order', { ids: all });

    expect((await api('DELETE', `/api/v1/touchpoints/${b.body.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/touchpoints/${b.body.id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/v1/touchpoints/${b.body.id}`)).status).toBe(404);
  });

  it('manages CPIs with per-touchpoint targets', async () => {
    const tp = (await api('POST', '/api/v1/touchpoints', { name: 'Delivery' })).body;
    const cpi = await api('POST', '/api/v1/cpis', { name: 'Arrived when promised', targets: [{ touchpointId: tp.id, target: 0.9 }] });
    expect(cpi.status).toBe(201);
    expect(cpi.body.targets).toEqual([{ touchpointId: tp.id, target: 0.9 }]);
    const updated = await api('PATCH', `/api/v1/cpis/${cpi.body.id}`, { targets: [{ touchpointId: tp.id, target: 0.75 }, { touchpointId: 'tp_support', target: 0.5 }] });
    expect(updated.status).toBe(200);
    expect(updated.body.targets).toHaveLength(2);
    expect((await api('GET', '/api/v1/cpis')).body.data.some((c: { id: string }) => c.id === cpi.body.id)).toBe(true);

    const unknown = await api('POST', '/api/v1/cpis', { name: 'X', targets: [{ touchpointId: 'tp_nowhere', target: 0.5 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_touchpoint');
    expect((await api('POST', '/api/v1/cpis', { name: 'X', targets: [{ touchpointId: tp.id, target: 1.5 }] })).status).toBe(400);
    const dup = await api('POST', '/api/v1/cpis', { name: 'X', targets: [{ touchpointId: tp.id, target: 0.5 }, { touchpointId: tp.id, target: 0.6 }] });
    expect(dup.status).toBe(422);

    const survey = await api('POST', '/api/v1/surveys', {
      touchpointId: tp.id,
      name: 'Delivery survey',
      questions: [nps, { id: 'goal', kind: 'cpi', cpiId: cpi.body.id, text: 'On time?' }],
    });
    expect(survey.status).toBe(201);
    expect((await api('DELETE', `/api/v1/cpis/${cpi.body.id}`)).body.error.code).toBe('cpi_in_use');
    expect((await api('DELETE', `/api/v1/touchpoints/${tp.id}`)).body.error.code).toBe('touchpoint_in_use');
  });

  it('creates surveys with every question kind and moves them through their statuses', async () => {
    const questions = [
      { id: 'nps', kind: 'nps', text: 'Recommend?', required: true, lowLabel: 'Never', highLabel: 'Gladly' },
      { id: 'csat', kind: 'csat', text: 'Satisfied?' },
      { id: 'ces', kind: 'ces', text: 'Easy?' },
      { id: 'goal', kind: 'cpi', cpiId: 'cpi_saves_time', text: 'Saved you time?' },
      { id: 'why', kind: 'text', text: 'Why?', maxLength: 500 },
      { id: 'which', kind: 'choice', text: 'Which?', multiple: true, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] },
    ];
    const created = await api('POST', '/api/v1/surveys', {
      touchpointId: 'tp_checkout',
      name: 'Everything',
      questions,
      targeting: { urls: [{ match: 'startsWith', value: '/checkout' }], samplingPercent: 50, delaySeconds: 3 },
      throttling: { displayLimit: 2 },
      translations: { fr: { questions: { nps: { text: 'Nous recommanderiez-vous ?' } }, strings: { submit: 'Envoyer' } } },
    });
    expect(created.status).toBe(201);
    const s = created.body;
    expect(s).toMatchObject({ status: 'draft', throttling: { displayLimit: 2, recontactDays: null }, appearance: { position: 'bottom-right' } });
    expect(s.questions).toHaveLength(6);
    expect(s.targeting).toMatchObject({ samplingPercent: 50, events: [], urls: [{ match: 'startsWith', exclude: false }] });

    const move = (status: string) => api('PATCH', `/api/v1/surveys/${s.id}`, { status });
    expect((await move('paused')).status).toBe(409);
    expect((await move('active')).body.status).toBe('active');
    expect((await api('GET', '/api/v1/surveys?status=active')).body.data.some((x: { id: string }) => x.id === s.id)).toBe(true);
    expect((await move('paused')).body.status).toBe('paused');
    expect((await move('active')).body.status).toBe('active');
    expect((await move('closed')).body.status).toBe('closed');
    const reopen = await move('active');
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'closed', allowed: [] } });

    const edit = await api('PATCH', `/api/v1/surveys/${s.id}`, { name: 'Renamed', appearance: { position: 'center', accentColor: '#ff0066' } });
    expect(edit.body).toMatchObject({ name: 'Renamed', appearance: { position: 'center', accentColor: '#ff0066' } });
  });

  it('rejects invalid surveys with a reason', async () => {
    const bad: [unknown, number, string][] = [
      [{ touchpointId: 'tp_signup', name: 'x', questions: [] }, 400, 'questions'],
      [{ touchpointId: 'tp_signup', name: 'x', questions: [{ id: 'q', kind: 'stars', text: 'x' }] }, 400, 'questions.0.kind'],
      [{ touchpointId: 'tp_signup', name: 'x', questions: [nps, nps] }, 400, 'questions'],
      [{ touchpointId: 'tp_signup', name: 'x', questions: [{ id: 'c', kind: 'choice', text: 'x', options: [] }] }, 400, 'questions.0.options'],
      [{ touchpointId: 'tp_signup', name: 'x', questions: [nps], appearance: { accentColor: 'url(javascript:x)' } }, 400, 'appearance.accentColor'],
      [{ touchpointId: 'tp_signup', name: 'x', questions: [nps], targeting: { samplingPercent: 101 } }, 400, 'targeting.samplingPercent'],
      [{ touchpointId: 'tp_signup', name: 'x', questions: [nps], status: 'paused' }, 422, ''],
      [{ touchpointId: 'tp_nowhere', name: 'x', questions: [nps] }, 422, ''],
      [{ touchpointId: 'tp_signup', name: 'x', questions: [{ id: 'g', kind: 'cpi', cpiId: 'cpi_nope', text: 'x' }] }, 422, ''],
    ];
    for (const [body, status, path] of bad) {
      const res = await api('POST', '/api/v1/surveys', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.message).toEqual(expect.any(String));
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('lists responses with filters and stable cursor pagination', async () => {
    const survey = (
      await api('POST', '/api/v1/surveys', { touchpointId: 'tp_renewal', name: 'Paging', status: 'active', questions: [nps] })
    ).body;
    const pub = client(server.baseUrl, null);
    const ids: string[] = [];
    const t0 = Date.now() - 10 * 86_400_000;
    for (let i = 0; i < 7; i++) {
      const id = newResponseId();
      ids.push(id);
      const res = await pub('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id, surveyId: survey.id, answers: { nps: i + 2 }, answeredAt: t0 + i * 86_400_000 }), {
        'content-type': 'text/plain',
      });
      expect(res.status).toBe(200);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api>> = await api('GET', `/api/v1/responses?survey=${survey.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.data.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const low = await api('GET', `/api/v1/responses?survey=${survey.id}&maxScore=4`);
    expect(low.body.data.map((r: { scores: { nps: number } }) => r.scores.nps).sort()).toEqual([2, 3, 4]);
    const from = new Date(t0 + 5 * 86_400_000).toISOString();
    const recent = await api('GET', `/api/v1/responses?survey=${survey.id}&from=${from}`);
    expect(recent.body.data).toHaveLength(2);
    expect((await api('GET', `/api/v1/responses?survey=${survey.id}&to=2026-13-45`)).status).toBe(400);
    expect((await api('GET', `/api/v1/responses?cursor=garbage!!`)).status).toBe(400);
    expect((await api('GET', `/api/v1/responses?limit=0`)).status).toBe(400);
    expect((await api('GET', `/api/v1/responses?bogus=1`)).status).toBe(400);

    expect((await api('DELETE', `/api/v1/responses/${ids[0]}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/responses/${ids[0]}`)).status).toBe(404);
    expect((await api('DELETE', `/api/v1/responses/${ids[0]}`)).status).toBe(404);
  });

  it('answers unknown routes and wrong content types with the error shape', async () => {
    const res = await api('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const form = await api('POST', '/api/v1/touchpoints', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const broken = await api('POST', '/api/v1/touchpoints', '{"name":', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed_json');
    const huge = await api('POST', '/api/v1/touchpoints', { name: 'x', description: 'y'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
  });
});
