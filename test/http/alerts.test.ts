import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';
import { receiver, until, verifies } from './receiver';

let server: TestServer;
let api: ReturnType<typeof client>;
const hook = receiver();
let url: string;
let secret: string;

beforeAll(async () => {
  url = await hook.start();
  // The receiver is on loopback, which webhooks may only reach when a self-hoster allows it.
  server = await startServer(runtime, { env: { CHORUS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  api = client(server.baseUrl);
  const created = await api('POST', '/api/v1/webhooks', { url, events: ['alert.triggered'] });
  expect(created.status).toBe(201);
  secret = created.body.secret;
});
afterAll(async () => {
  await server?.dispose();
  await hook.stop();
});

const post = (body: unknown) => client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });
const alertsOf = (ruleId: string) => hook.received.filter((r) => r.headers['chorus-event'] === 'alert.triggered' && JSON.parse(r.body).data?.alert?.ruleId === ruleId);

/** Posts `count` responses answered on `day` (Wednesday of a local week), in parallel batches. */
async function answer(surveyId: string, weekStart: string, count: number, answers: (i: number) => Record<string, unknown>): Promise<string[]> {
  // Wednesday noon UTC lies inside the local week whatever the zone's offset (−12 h … +14 h).
  const at = Date.parse(`${weekStart}T12:00:00Z`) + 2 * 86_400_000;
  const ids: string[] = [];
  for (let i = 0; i < count; i += 20) {
    const batch = Array.from({ length: Math.min(20, count - i) }, (_, j) => ({ id: newResponseId(), surveyId, answers: answers(i + j), complete: true, answeredAt: at + (i + j) * 1000 }));
    const results = await Promise.all(batch.map(post));
    for (const r of results) expect(r.status).toBe(200);
    ids.push(...batch.map((b) => b.id));
  }
  return ids;
}

/** A touchpoint and an active survey of its own, so demo data never blurs the weeks compared. */
async function lab(name: string, cpiId: string) {
  const tp = await api('POST', '/api/v1/touchpoints', { name });
  const survey = await api('POST', '/api/v1/surveys', {
    touchpointId: tp.body.id,
    name: `${name} survey`,
    status: 'active',
    questions: [
      { id: 'nps', kind: 'nps', text: 'How likely are you to recommend us?' },
      { id: 'goal', kind: 'cpi', cpiId, text: 'Was the pricing clear?' },
      { id: 'comment', kind: 'text', text: 'Why?' },
    ],
  });
  expect(survey.status).toBe(201);
  // The metrics API names the local weeks: the last one is under way, the two before are complete.
  const weeks = (await api('GET', `/api/v1/metrics/nps?bucket=week&touchpoint=${tp.body.id}`)).body.buckets.map((b: { start: string }) => b.start);
  return { touchpointId: tp.body.id as string, surveyId: survey.body.id as string, previousWeek: weeks.at(-3) as string, week: weeks.at(-2) as string };
}

describe(`alerts on ${runtime}`, () => {
  it('validates rules, scopes writes to editors and lets viewers read', async () => {
    const bad = [
      [{ kind: 'nps_dip', touchpointId: 'tp_checkout' }, 400],
      [{ kind: 'nps_drop' }, 400],
      [{ kind: 'nps_drop', touchpointId: 'tp_checkout', cpiId: 'cpi_pricing_clear' }, 400],
      [{ kind: 'nps_drop', touchpointId: 'tp_nowhere' }, 422],
      [{ kind: 'cpi_drop', touchpointId: 'tp_checkout', cpiId: 'cpi_nowhere' }, 422],
      [{ kind: 'theme_spike', touchpointId: 'tp_checkout', themeKey: 'no-such-theme' }, 422],
    ] as const;
    for (const [body, status] of bad) {
      const res = await api('POST', '/api/v1/alert-rules', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
    const rule = await api('POST', '/api/v1/alert-rules', { kind: 'cpi_drop', touchpointId: 'tp_checkout', cpiId: 'cpi_pricing_clear', name: 'Pricing clarity' });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ kind: 'cpi_drop', touchpointId: 'tp_checkout', cpiId: 'cpi_pricing_clear', themeKey: null, active: true, name: 'Pricing clarity' });
    expect((await api('PATCH', `/api/v1/alert-rules/${rule.body.id}`, { kind: 'nps_drop' })).status).toBe(400);
    expect((await api('PATCH', `/api/v1/alert-rules/${rule.body.id}`, { active: false })).body.active).toBe(false);
    expect((await api('GET', '/api/v1/alert-rules/alr_missing')).status).toBe(404);
    expect((await api('GET', '/api/v1/alerts?kind=bogus')).status).toBe(400);
    expect((await api('GET', '/api/v1/alerts?cursor=not-a-cursor')).body.error.code).toBe('invalid_cursor');

    const viewerKey = (await api('POST', '/api/v1/api-keys', { name: 'CCO dashboard', role: 'viewer' })).body.key as string;
    const viewer = client(server.baseUrl, viewerKey);
    expect((await viewer('GET', '/api/v1/alert-rules')).body.data.map((r: { id: string }) => r.id)).toContain(rule.body.id);
    expect((await viewer('GET', '/api/v1/alerts')).status).toBe(200);
    expect((await viewer('POST', '/api/v1/alert-rules', { kind: 'detractor', touchpointId: 'tp_checkout' })).status).toBe(403);
    expect((await viewer('POST', `/api/v1/alert-rules/${rule.body.id}/check`)).status).toBe(403);
    expect((await viewer('DELETE', `/api/v1/alert-rules/${rule.body.id}`)).status).toBe(403);
    expect((await api('DELETE', `/api/v1/alert-rules/${rule.body.id}`)).status).toBe(204);
  });

  it('alerts once per detractor at the rule’s touchpoint, as a signed alert.triggered webhook', async () => {
    const rule = (await api('POST', '/api/v1/alert-rules', { kind: 'detractor', touchpointId: 'tp_checkout', name: 'Checkout detractors' })).body;
    expect((await api('POST', `/api/v1/alert-rules/${rule.id}/check`)).status).toBe(409);
    const id = newResponseId();
    await post({ id, surveyId: 'sv_checkout', answers: { nps: 3 } });
    // Completing the response (and replaying it) is the same detractor: no second alert.
    await post({ id, surveyId: 'sv_checkout', answers: { comment: 'Charged twice!' }, complete: true });
    await post({ id, surveyId: 'sv_checkout', answers: { comment: 'Charged twice!' }, complete: true });
    await post({ id: newResponseId(), surveyId: 'sv_checkout', answers: { nps: 10 } });
    await post({ id: newResponseId(), surveyId: 'sv_support', answers: { nps: 1 } });

    const [delivery] = await until(() => (alertsOf(rule.id).length >= 1 ? alertsOf(rule.id) : undefined));
    expect(verifies(delivery!, secret)).toBe(true);
    const body = JSON.parse(delivery!.body);
    expect(body).toMatchObject({
      event: 'alert.triggered',
      workspaceId: 'ws_demo',
      data: {
        alert: { ruleId: rule.id, kind: 'detractor', touchpointId: 'tp_checkout', conditionKey: `response:${id}`, message: 'Detractor (NPS 3/10) at Checkout', details: { responseId: id, nps: 3 } },
        response: { id, scores: { nps: 3 } },
      },
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(alertsOf(rule.id)).toHaveLength(1);
    const listed = await api('GET', `/api/v1/alerts?rule=${rule.id}`);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: body.data.alert.id, kind: 'detractor' })]);
    expect((await api('GET', `/api/v1/alerts/${body.data.alert.id}`)).body.conditionKey).toBe(`response:${id}`);

    // An inactive rule stays quiet.
    await api('PATCH', `/api/v1/alert-rules/${rule.id}`, { active: false });
    await post({ id: newResponseId(), surveyId: 'sv_checkout', answers: { nps: 0 } });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await api('GET', `/api/v1/alerts?rule=${rule.id}`)).body.data).toHaveLength(1);
  });

  it('alerts on a significant week-over-week NPS and CPI drop, once per week, even when checked concurrently', async () => {
    const l = await lab('Alerts lab', 'cpi_pricing_clear');
    await answer(l.surveyId, l.previousWeek, 40, (i) => ({ nps: 9 + (i % 2), goal: 'yes' }));
    await answer(l.surveyId, l.week, 40, (i) => ({ nps: i % 4 === 0 ? 7 : 3, goal: i % 5 === 0 ? 'yes' : 'no' }));

    // Switched off, a rule can be tried out: it reports what it sees and raises nothing.
    const nps = (await api('POST', '/api/v1/alert-rules', { kind: 'nps_drop', touchpointId: l.touchpointId, active: false })).body;
    const dry = await api('POST', `/api/v1/alert-rules/${nps.id}/check`);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, previousWeek: l.previousWeek, week: l.week, raised: [] });
    expect(dry.body.observations).toEqual([
      expect.objectContaining({ before: expect.objectContaining({ nps: 100, n: 40 }), after: expect.objectContaining({ nps: -75, n: 40 }), triggered: true, change: expect.objectContaining({ delta: -175, significant: true }) }),
    ]);

    await api('PATCH', `/api/v1/alert-rules/${nps.id}`, { active: true });
    const checks = await Promise.all(Array.from({ length: 4 }, () => api('POST', `/api/v1/alert-rules/${nps.id}/check`)));
    for (const c of checks) expect(c.status).toBe(200);
    // Node's timer may get there first; either way the condition raises one alert between them.
    expect(checks.flatMap((c) => c.body.raised).length).toBeLessThanOrEqual(1);
    const listed = (await api('GET', `/api/v1/alerts?rule=${nps.id}`)).body.data;
    expect(listed).toEqual([expect.objectContaining({ kind: 'nps_drop', conditionKey: `week:${l.week}`, message: expect.stringMatching(/^NPS dropped significantly at Alerts lab, week of /) })]);
    const [delivery] = await until(() => (alertsOf(nps.id).length >= 1 ? alertsOf(nps.id) : undefined));
    expect(verifies(delivery!, secret)).toBe(true);
    expect(JSON.parse(delivery!.body).data.alert).toMatchObject({ id: listed[0].id, details: { week: l.week, previousWeek: l.previousWeek } });

    const cpi = (await api('POST', '/api/v1/alert-rules', { kind: 'cpi_drop', touchpointId: l.touchpointId })).body;
    const checked = await api('POST', `/api/v1/alert-rules/${cpi.id}/check`);
    expect(checked.body.observations).toEqual([
      expect.objectContaining({ subject: { cpiId: 'cpi_pricing_clear', name: 'Pricing is clear' }, before: expect.objectContaining({ attainment: 1, answered: 40 }), after: expect.objectContaining({ attainment: 0.2 }), triggered: true }),
    ]);
    expect((await api('POST', `/api/v1/alert-rules/${cpi.id}/check`)).body.raised).toEqual([]);
    expect((await api('GET', `/api/v1/alerts?touchpoint=${l.touchpointId}&kind=cpi_drop`)).body.data).toEqual([
      expect.objectContaining({ ruleId: cpi.id, conditionKey: `week:${l.week}:cpi:cpi_pricing_clear`, message: expect.stringContaining('“Pricing is clear” attainment dropped significantly') }),
    ]);
  });

  it('stays quiet when the change is within chance', async () => {
    const l = await lab('Steady lab', 'cpi_pricing_clear');
    // NPS 25 → 0 and attainment 66 % → 83 % on 35 answers a week: well within the margins.
    await answer(l.surveyId, l.previousWeek, 35, (i) => ({ nps: [10, 9, 8, 3][i % 4], goal: i % 3 ? 'yes' : 'no' }));
    await answer(l.surveyId, l.week, 35, (i) => ({ nps: [10, 9, 6, 3][i % 4], goal: i % 3 ? 'yes' : 'partly' }));
    for (const kind of ['nps_drop', 'cpi_drop']) {
      const rule = (await api('POST', '/api/v1/alert-rules', { kind, touchpointId: l.touchpointId })).body;
      const checked = await api('POST', `/api/v1/alert-rules/${rule.id}/check`);
      expect(checked.body.observations.length, kind).toBeGreaterThan(0);
      expect(checked.body.observations.every((o: { triggered: boolean; change: { significant: boolean } }) => !o.triggered && !o.change.significant), kind).toBe(true);
      expect(checked.body.raised).toEqual([]);
    }
  });

  it('alerts when a theme’s share of comments spikes', async () => {
    const theme = (await api('GET', '/api/v1/themes')).body.effective[0] as { key: string; keywords: string[] };
    const l = await lab('Theme lab', 'cpi_pricing_clear');
    const quiet = await answer(l.surveyId, l.previousWeek, 40, () => ({ nps: 8, comment: 'Fine, nothing to add.' }));
    const loud = await answer(l.surveyId, l.week, 40, () => ({ nps: 4, comment: `Again the ${theme.keywords[0]}. Really disappointing.` }));
    for (const id of [quiet.at(-1)!, loud.at(-1)!]) await until(async () => ((await api('GET', `/api/v1/responses/${id}`)).body.analyzedAt ? true : undefined), 30_000);
    const rule = (await api('POST', '/api/v1/alert-rules', { kind: 'theme_spike', touchpointId: l.touchpointId, themeKey: theme.key })).body;
    const checked = await until(async () => {
      const c = await api('POST', `/api/v1/alert-rules/${rule.id}/check`);
      return c.body.observations?.[0]?.triggered ? c : undefined;
    }, 30_000);
    expect(checked.body.observations).toEqual([
      expect.objectContaining({ subject: expect.objectContaining({ themeKey: theme.key }), before: expect.objectContaining({ mentions: 0, comments: 40 }), after: expect.objectContaining({ mentions: 40, comments: 40 }) }),
    ]);
    expect((await api('GET', `/api/v1/alerts?rule=${rule.id}`)).body.data).toEqual([expect.objectContaining({ kind: 'theme_spike', conditionKey: `week:${l.week}:theme:${theme.key}` })]);
  });

  it('evaluates due rules on its own: the Node timer, or the Workers cron trigger', async () => {
    const l = await lab('Scheduled lab', 'cpi_pricing_clear');
    await answer(l.surveyId, l.previousWeek, 40, () => ({ nps: 10 }));
    await answer(l.surveyId, l.week, 40, () => ({ nps: 2 }));
    const rule = (await api('POST', '/api/v1/alert-rules', { kind: 'nps_drop', touchpointId: l.touchpointId })).body;
    const alerted = await until(async () => {
      if (runtime === 'workerd') await fetch(`${server.baseUrl}/__scheduled?cron=*+*+*+*+*`);
      const list = await api('GET', `/api/v1/alerts?rule=${rule.id}`);
      return list.body.data.length ? list.body.data : undefined;
    }, 20_000);
    expect(alerted).toEqual([expect.objectContaining({ kind: 'nps_drop', conditionKey: `week:${l.week}` })]);
    const got = await api('GET', `/api/v1/alert-rules/${rule.id}`);
    expect(Date.parse(got.body.nextCheckAt)).toBeGreaterThan(Date.now() + 30 * 60_000);
    await until(() => (alertsOf(rule.id).length >= 1 ? true : undefined));
  });

  it('pages through alerts with a cursor, newest first', async () => {
    const all = (await api('GET', '/api/v1/alerts?limit=500')).body.data as { id: string; createdAt: string }[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await api('GET', `/api/v1/alerts?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((a) => a.id));
    expect([...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))).toEqual(all);
  });
});
