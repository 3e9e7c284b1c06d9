import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, client, newResponseId, runtime, startServer, type TestServer } from './harness';
import { mailbox, type Mail } from './mailbox';
import { receiver, until } from './receiver';

// A workspace in Asia/Tokyo (UTC+9, so its weeks are not UTC weeks) gets constructed weeks
// of answers through the public API; GET /api/v1/digest is checked against the figures
// recomputed here from the raw responses read back, with the formulas of docs/METRICS.md.
const DAY = 86_400_000;
const HOUR = 3_600_000;
const TZ_OFFSET = 9 * HOUR;
const now = Date.now();
const today = Math.floor((now + TZ_OFFSET) / DAY);
const thisMonday = today - ((new Date(today * DAY).getUTCDay() + 6) % 7);
const week = thisMonday - 7;
/** Local noon of local day `d` in Tokyo, as an instant. */
const noon = (d: number) => d * DAY + 12 * HOUR - TZ_OFFSET;
const iso = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);

let server: TestServer;
const slack = receiver();
let box: Awaited<ReturnType<typeof mailbox>>;
let api: ReturnType<typeof client>;
let session: (method: string, path: string, body?: unknown) => ReturnType<ReturnType<typeof client>>;
let tp1: string;
let tp2: string;

interface Raw {
  id: string;
  touchpointId: string;
  createdAt: string;
  scores: { nps: number | null; csat: number | null; ces: number | null };
  cpiAnswers: { answer: 'yes' | 'partly' | 'no' }[];
  loop: { status: string | null; updatedAt: string | null };
}

beforeAll(async () => {
  box = await mailbox(runtime);
  server = await startServer(runtime, { env: { ...box.env, CHORUS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }) });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const raw = client(server.baseUrl, null);
  const ws = await raw('POST', '/api/v1/workspaces', { name: 'Digest Co', timezone: 'Asia/Tokyo', allowedOrigins: ['http://localhost:*'] }, { cookie, 'x-csrf-token': csrfToken });
  expect(ws.status).toBe(201);
  session = (method, path, body) => raw(method, path, body, { cookie, 'x-csrf-token': csrfToken, 'x-workspace-id': ws.body.id });
  const key = await session('POST', '/api/v1/api-keys', { name: 'digest', role: 'owner' });
  api = client(server.baseUrl, key.body.key);
  expect((await api('PATCH', '/api/v1/workspace', { settings: { clientRateLimit: 1_000_000, workspaceRateLimit: 10_000_000 } })).status).toBe(200);
  tp1 = (await api('POST', '/api/v1/touchpoints', { name: 'Checkout' })).body.id;
  tp2 = (await api('POST', '/api/v1/touchpoints', { name: 'Support' })).body.id;
  const cpi = (await api('POST', '/api/v1/cpis', { name: 'Pricing is clear', targets: [{ touchpointId: tp1, target: 0.8 }] })).body.id;
  const questions = [
    { id: 'nps', kind: 'nps', text: 'Recommend us?', required: true },
    { id: 'csat', kind: 'csat', text: 'Satisfied?', required: false },
    { id: 'ces', kind: 'ces', text: 'Easy?', required: false },
    { id: 'goal', kind: 'cpi', cpiId: cpi, text: 'Was pricing clear?', required: false },
    { id: 'comment', kind: 'text', text: 'Why?', required: false },
  ];
  const sv1 = (await api('POST', '/api/v1/surveys', { touchpointId: tp1, name: 'Checkout', status: 'active', questions })).body.id;
  const sv2 = (await api('POST', '/api/v1/surveys', { touchpointId: tp2, name: 'Support', status: 'active', questions: questions.slice(0, 1) })).body.id;

  const post = async (survey: string, day: number, i: number, answers: Record<string, unknown>, attributes: Record<string, string | number> = {}) => {
    const res = await raw('POST', `/api/v1/client/${ws.body.publicKey}/responses`, JSON.stringify({ id: newResponseId(), surveyId: survey, answers, attributes, complete: true, answeredAt: noon(day) + i * 60_000 }), { 'content-type': 'text/plain' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  // Checkout: a good week, then a bad one (Monday and Tuesday only), and 10 passives on the
  // Mondays of the three weeks before, for the volume comparison.
  const cycle = <T>(xs: T[], i: number) => xs[i % xs.length]!;
  for (let i = 0; i < 40; i++) {
    const account = { accountId: `dg_acc_${i % 8}`, arr: 1000 * ((i % 8) + 1), renewalDate: '2027-01-15' };
    await post(sv1, week - 7 + (i % 2), i, { nps: cycle([9, 10, 10, 9, 8, 7, 10, 9, 6, 10], i), csat: cycle([5, 4, 5, 5, 3], i), ces: cycle([6, 7, 5, 6], i), goal: cycle(['yes', 'yes', 'partly', 'yes'], i), comment: 'Fast delivery and friendly support, the price was clear' }, account);
    await post(sv1, week + (i % 2), i, { nps: cycle([0, 2, 4, 6, 7, 8, 9, 10, 3, 1], i), csat: cycle([1, 2, 4, 5, 2], i), ces: cycle([2, 3, 5, 1], i), goal: cycle(['no', 'partly', 'no', 'yes'], i), comment: 'The checkout was slow and the price was confusing and expensive' }, account);
  }
  for (const w of [2, 3, 4]) for (let i = 0; i < 10; i++) await post(sv1, week - 7 * w, i, { nps: 8 });
  // Support: 4 answers on each Wednesday of the 8 weeks before the digest's Wednesday, 40 on
  // it; the same shape on yesterday for the anomaly alert rule.
  const support = new Map<number, number>();
  for (const target of [week + 2, today - 1]) {
    support.set(target, 40);
    for (let k = 1; k <= 8; k++) if (!support.has(target - 7 * k)) support.set(target - 7 * k, 4);
  }
  for (const [day, count] of support) for (let i = 0; i < count; i++) await post(sv2, day, i, { nps: 8 });

  // Close the loop on some of the week's detractors.
  const all = await responses();
  const detractors = all.filter((r) => r.touchpointId === tp1 && Date.parse(r.createdAt) >= noon(week) - 12 * HOUR && r.scores.nps !== null && r.scores.nps <= 6);
  for (const r of detractors.slice(0, 5)) expect((await api('PATCH', `/api/v1/responses/${r.id}/loop`, { status: 'closed' })).status).toBe(200);
  for (const r of detractors.slice(5, 8)) expect((await api('PATCH', `/api/v1/responses/${r.id}/loop`, { status: 'in_progress' })).status).toBe(200);
}, 600_000);
afterAll(async () => {
  await server?.dispose();
  await slack.stop();
  await box?.stop();
});

async function responses(): Promise<Raw[]> {
  const out: Raw[] = [];
  let cursor: string | undefined;
  do {
    const page = await api('GET', `/api/v1/responses?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...(page.body.data as Raw[]));
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

// The formulas of docs/METRICS.md, written out again.
const npsOf = (scores: number[]) => {
  const n = scores.length;
  const p = scores.filter((s) => s >= 9).length / n;
  const d = scores.filter((s) => s <= 6).length / n;
  const se = 100 * Math.sqrt((p + d - (p - d) ** 2) / n);
  return { n, nps: 100 * (p - d), se, margin: 1.96 * se };
};
const twoProportion = (x1: number, n1: number, x2: number, n2: number) => {
  const pooled = (x1 + x2) / (n1 + n2);
  const z = (x2 / n2 - x1 / n1) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { delta: 100 * (x2 / n2 - x1 / n1), z, significant: Math.abs(z) > 1.96 };
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const localDayOf = (r: Raw) => Math.floor((Date.parse(r.createdAt) + TZ_OFFSET) / DAY);

describe(`weekly digest on ${runtime}`, () => {
  it('reports the last complete local week with figures that match the raw responses', { timeout: 120_000 }, async () => {
    const res = await api('GET', '/api/v1/digest');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ week: iso(week), weekEnd: iso(week + 6), previousWeek: iso(week - 7), workspace: { timeZone: 'Asia/Tokyo' } });
    expect((await api('GET', `/api/v1/digest?week=${iso(week + 3)}`)).body.week).toBe(iso(week));
    expect((await api('GET', `/api/v1/digest?week=${iso(today)}`)).body.error.code).toBe('week_not_complete');
    // A week long before any data is empty, not an error.
    const early = await api('GET', '/api/v1/digest?week=1971-01-06');
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body).toMatchObject({ week: '1971-01-04', volume: { responses: 0 }, significantChanges: [], anomalies: [] });

    const raw = await responses();
    const inWeek = (w: number) => raw.filter((r) => localDayOf(r) >= w && localDayOf(r) < w + 7);
    const at = (rows: Raw[], tp: string) => rows.filter((r) => r.touchpointId === tp);
    const [before, after] = [at(inWeek(week - 7), tp1), at(inWeek(week), tp1)];
    const nb = npsOf(before.map((r) => r.scores.nps!));
    const na = npsOf(after.map((r) => r.scores.nps!));
    const checkout = d.touchpoints.find((t: { touchpointId: string }) => t.touchpointId === tp1);
    expect(checkout.nps.n).toBe(na.n);
    expect(checkout.nps.nps).toBeCloseTo(na.nps, 9);
    expect(checkout.nps.margin).toBeCloseTo(na.margin, 9);
    const z = (na.nps - nb.nps) / Math.hypot(na.se, nb.se);
    expect(checkout.nps.change.delta).toBeCloseTo(na.nps - nb.nps, 9);
    expect(checkout.nps.change.z).toBeCloseTo(z, 9);
    expect(Math.abs(z)).toBeGreaterThan(1.96);

    const sat = (rows: Raw[]) => [rows.filter((r) => r.scores.csat! >= 4).length, rows.filter((r) => r.scores.csat !== null).length] as const;
    const csat = twoProportion(...sat(before), ...sat(after));
    expect(checkout.csat.csat).toBeCloseTo((100 * sat(after)[0]) / sat(after)[1], 9);
    expect(checkout.csat.change.z).toBeCloseTo(csat.z, 9);
    const easy = (rows: Raw[]) => [rows.filter((r) => r.scores.ces! >= 5).length, rows.filter((r) => r.scores.ces !== null).length] as const;
    expect(checkout.ces.change.z).toBeCloseTo(twoProportion(...easy(before), ...easy(after)).z, 9);
    const attained = (rows: Raw[]) => rows.flatMap((r) => r.cpiAnswers).reduce((s, a) => s + (a.answer === 'yes' ? 1 : a.answer === 'partly' ? 0.5 : 0), 0);
    const cpi = checkout.cpis[0];
    expect(cpi.attainment).toBeCloseTo(attained(after) / after.length, 9);
    expect(cpi.change.z).toBeCloseTo(twoProportion(attained(before), before.length, attained(after), after.length).z, 9);

    // Every significant change listed, and only those.
    const listed = d.significantChanges.filter((c: { touchpointId: string }) => c.touchpointId === tp1).map((c: { metric: string }) => c.metric);
    expect(listed.sort()).toEqual(['ces', 'cpi', 'csat', 'nps']);
    expect(d.cpisBelowTarget).toEqual([expect.objectContaining({ touchpointId: tp1, name: 'Pricing is clear', target: 0.8 })]);

    // Loops: the week's detractors and how their loops stand.
    const detractors = inWeek(week).filter((r) => r.scores.nps !== null && r.scores.nps <= 6);
    const closed = detractors.filter((r) => r.loop.status === 'closed');
    expect(d.loops).toMatchObject({ detractors: detractors.length, closed: 5, inProgress: 3, open: detractors.length - 8 });
    expect(d.loops.medianHoursToClose).toBeCloseTo(median(closed.map((r) => (Date.parse(r.loop.updatedAt!) - Date.parse(r.createdAt)) / HOUR)), 3);

    // Volume against the 4 weeks before.
    const previous = [4, 3, 2, 1].map((w) => inWeek(week - 7 * w).length);
    expect(d.volume.responses).toBe(inWeek(week).length);
    expect(d.volume.previousWeeks.map((w: { responses: number }) => w.responses)).toEqual(previous);
    expect(d.volume.previousMean).toBeCloseTo(previous.reduce((a, b) => a + b) / 4, 9);

    // Anomalies: the Wednesday spike, with its robust z recomputed from daily counts.
    const count = (day: number) => raw.filter((r) => localDayOf(r) === day).length;
    const baseline = Array.from({ length: 8 }, (_, k) => count(week + 2 - 7 * (k + 1)));
    const m = median(baseline);
    const scale = Math.max(1.4826 * median(baseline.map((x) => Math.abs(x - m))), Math.sqrt(m), 1);
    const spike = d.anomalies.find((a: { day: string; metric: string }) => a.day === iso(week + 2) && a.metric === 'volume');
    expect(spike).toMatchObject({ value: count(week + 2), median: m, direction: 'up', flaggedAt: ['low', 'medium', 'high'] });
    expect(spike.z).toBeCloseTo((count(week + 2) - m) / scale, 9);

    // Accounts: the ones red at the week's end that were not red a week before.
    const red = async (to: number) => new Set(((await api('GET', `/api/v1/accounts?band=red&to=${iso(to)}`)).body.accounts as { account: string }[]).map((a) => a.account));
    const [redNow, redBefore] = [await red(week + 6), await red(week - 1)];
    const turned = [...redNow].filter((a) => !redBefore.has(a)).sort();
    expect(turned.length).toBeGreaterThan(0);
    expect(d.accountsTurnedRed.map((a: { account: string }) => a.account).sort()).toEqual(turned);
    // Themes move with verbatims from the week.
    for (const t of d.themes) expect(t.verbatims.length).toBeGreaterThan(0);
  });

  it('emails the digest to opted-in members with a working one-click unsubscribe', { timeout: 120_000 }, async () => {
    const hook = await api('POST', '/api/v1/webhooks', { url: await slack.start(), events: ['digest.weekly'], format: 'slack' });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    const sent = await api('POST', '/api/v1/digest/send');
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ week: iso(week), emailed: [DEMO_EMAIL], failed: [] });
    const mail = await until<Mail>(() => box.mails.find((m) => m.to === DEMO_EMAIL));
    expect(box.logins[0]).toBe(runtime === 'node' ? 'digest:s3cret' : 'Bearer mail-token-123');
    expect(mail.subject).toBe(`Digest Co: weekly digest, week of ${iso(week)}`);
    // The figures in the email are the digest's.
    const d = (await api('GET', '/api/v1/digest')).body;
    const checkout = d.touchpoints.find((t: { touchpointId: string }) => t.touchpointId === tp1);
    expect(mail.text).toContain(`Checkout · NPS: ${checkout.nps.nps.toFixed(0)} (${checkout.nps.change.delta >= 0 ? '+' : '−'}${Math.abs(checkout.nps.change.delta).toFixed(1)} points vs the week before; n ${checkout.nps.n}, ±${checkout.nps.margin.toFixed(1)})`);
    expect(mail.text).toContain(`${d.volume.responses} responses`);
    expect(mail.html).toContain('Unsubscribe');
    // The same digest in the Slack format, to the webhook subscribed to digest.weekly.
    const posted = await until(() => slack.received.find((r) => r.headers['chorus-event'] === 'digest.weekly'));
    const { text } = JSON.parse(posted.body) as { text: string };
    expect(text).toContain(`*Digest Co: weekly digest, week of ${iso(week)}*`);
    expect(text).toContain(`• ${d.volume.responses} responses`);
    // RFC 8058: the one-click headers, and the link works without a login.
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(mail.headers['list-unsubscribe']!)![1]!;
    expect(mail.text).toContain(link);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    const forged = await fetch(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), { method: 'POST' });
    expect(forged.status).toBe(404);
    const one = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(one.status).toBe(200);
    expect((await session('GET', '/api/v1/digest/subscription')).body).toEqual({ subscribed: false, default: false });

    // The next send skips the member; subscribing again brings them back.
    const before = box.mails.length;
    expect((await api('POST', '/api/v1/digest/send')).body.emailed).toEqual([]);
    expect((await session('PUT', '/api/v1/digest/subscription', { subscribed: true })).body).toEqual({ subscribed: true, default: false });
    expect((await api('POST', '/api/v1/digest/send')).body.emailed).toEqual([DEMO_EMAIL]);
    await until(() => (box.mails.length === before + 1 ? true : undefined));
    expect((await api('GET', '/api/v1/digest/subscription')).body.error.code).toBe('not_a_member');
  });

  it('flags an unusual day through an anomaly rule', { timeout: 60_000 }, async () => {
    const rule = (await api('POST', '/api/v1/alert-rules', { kind: 'anomaly', touchpointId: tp2, sensitivity: 'low' })).body;
    expect(rule).toMatchObject({ kind: 'anomaly', sensitivity: 'low' });
    const check = await api('POST', `/api/v1/alert-rules/${rule.id}/check`);
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.day).toBe(iso(today - 1));
    expect(check.body.raised).toEqual([expect.objectContaining({ kind: 'anomaly', conditionKey: `day:${iso(today - 1)}:volume` })]);
    // Checked again, the same day raises nothing new.
    expect((await api('POST', `/api/v1/alert-rules/${rule.id}/check`)).body.raised).toEqual([]);
  });

  it('alerts on a detractor whose account renews within the window', { timeout: 60_000 }, async () => {
    const rule = (await api('POST', '/api/v1/alert-rules', { kind: 'renewal_detractor', touchpointId: tp1, windowDays: 30 })).body;
    expect(rule).toMatchObject({ kind: 'renewal_detractor', windowDays: 30 });
    const ws = (await api('GET', '/api/v1/workspace')).body;
    const survey = (await api('GET', `/api/v1/surveys?touchpoint=${tp1}`)).body.data[0].id;
    const post = async (renewalDate: string, nps: number) => {
      const id = newResponseId();
      const res = await client(server.baseUrl, null)('POST', `/api/v1/client/${ws.publicKey}/responses`, JSON.stringify({ id, surveyId: survey, answers: { nps }, attributes: { accountId: 'dg_renewing', renewalDate }, complete: true }), { 'content-type': 'text/plain' });
      expect(res.status).toBe(200);
      return id;
    };
    const soon = await post(iso(Math.floor(now / DAY) + 10), 2);
    await post(iso(Math.floor(now / DAY) + 100), 1); // renews outside the window
    await post(iso(Math.floor(now / DAY) + 5), 9); // a promoter
    const alerts = await until(async () => {
      const list = (await api('GET', `/api/v1/alerts?rule=${rule.id}`)).body.data;
      return list.length > 0 ? list : undefined;
    });
    await new Promise((r) => setTimeout(r, 1000)); // the other two have been processed by now too
    const all = (await api('GET', `/api/v1/alerts?rule=${rule.id}`)).body.data;
    expect(all).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'renewal_detractor', conditionKey: `response:${soon}`, details: { daysToRenewal: 10, windowDays: 30 } });
  });
});
