import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import delighted from 'delighted';
import { API_KEY, client, runtime, startServer, type TestServer } from './harness';
import { mailbox } from './mailbox';

let server: TestServer;
let box: Awaited<ReturnType<typeof mailbox>>;
let api: ReturnType<typeof client>;
let started: number;

beforeAll(async () => {
  box = await mailbox(runtime);
  server = await startServer(runtime, { env: box.env });
  api = client(server.baseUrl);
  // Every demo response was given before this second: `since` below sees only this suite's.
  await new Promise((r) => setTimeout(r, 1100));
  started = Math.floor(Date.now() / 1000);
}, 120_000);
afterAll(async () => {
  await server?.dispose();
  await box?.stop();
});

/** Delighted's own client, pointed at Chorus by its documented options. */
const connect = (key = API_KEY) => {
  const url = new URL(server.baseUrl);
  return delighted(key, { host: url.hostname, port: Number(url.port), scheme: 'http', base: '/api/delighted/v1' });
};

const basic = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    if (runtime === 'workerd') await fetch(`${server.baseUrl}/__scheduled`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe(`Delighted-compatible API on ${runtime}, driven by Delighted's Node client`, () => {
  it('creates people and emails them the default email survey; lists people page by page; deletes pending requests', async () => {
    const d = connect();
    const email = `kim.${runtime}@example.com`;
    const kim = await d.person.create({ email, name: 'Kim', properties: { plan: 'pro', accountId: 'acc_7' } });
    expect(kim).toMatchObject({ email, name: 'Kim', phone_number: null });
    expect(typeof kim.id).toBe('string');
    expect(typeof kim.survey_scheduled_at).toBe('number');
    // The demo workspace's email survey is its Support ticket closed survey.
    const mails = await until(async () => box.mails.filter((m) => m.to === email), (m) => m.length > 0);
    expect(mails[0]!.html).toContain('/s/sv_support?t=');
    expect((await api('GET', `/api/v1/contacts/${email}`)).body.attributes).toEqual({ plan: 'pro', accountId: 'acc_7' });

    const quiet = await d.person.create({ email: `lee.${runtime}@example.com`, send: false });
    expect(quiet.survey_scheduled_at).toBeNull();
    expect((await api('GET', `/api/v1/survey-requests?contact=lee.${runtime}@example.com`)).body.data).toEqual([]);

    const later = `max.${runtime}@example.com`;
    await d.person.create({ email: later, delay: 3600 });
    expect(await d.surveyRequest.deletePending({ person_email: later })).toEqual({ ok: true });
    expect((await api('GET', `/api/v1/survey-requests?contact=${later}`)).body.data.map((r: { status: string }) => r.status)).toEqual(['cancelled']);

    // Two per page: the client follows the Link headers to the end.
    const seen: string[] = [];
    await d.person.list({ per_page: 2 }).autoPagingEach((p) => void seen.push(String(p.email)));
    expect(seen).toEqual(expect.arrayContaining([email, `lee.${runtime}@example.com`, later]));
    expect(new Set(seen).size).toBe(seen.length);
  }, 90_000);

  it('creates and lists survey responses; metrics count them as Delighted did', async () => {
    const d = connect();
    const people = await Promise.all(['ned', 'ola', 'pia'].map((n) => d.person.create({ email: `${n}.${runtime}@example.com`, name: n, send: false })));
    const created = [];
    for (const [i, score] of [10, 8, 3].entries()) created.push(await d.surveyResponse.create({ person: people[i]!.id, score, comment: score === 3 ? 'Slow support' : null, person_properties: { plan: 'team' } }));
    expect(created[2]).toMatchObject({ person: people[2]!.id, survey_type: 'nps', score: 3, comment: 'Slow support', person_properties: { plan: 'team' }, notes: [], tags: [] });
    expect(typeof created[2]!.created_at).toBe('number');

    const listed = await d.surveyResponse.all({ since: started, per_page: 100, 'expand[]': 'person' });
    expect(listed.map((r) => r.id)).toEqual(created.map((r) => r.id)); // oldest first
    expect(listed[0]!.person).toMatchObject({ id: people[0]!.id, email: `ned.${runtime}@example.com` });
    expect((await d.surveyResponse.all({ since: started, per_page: 2, page: 2 })).map((r) => r.id)).toEqual([created[2]!.id]);
    // The same response through Chorus's own API: a complete answer to the support survey.
    expect((await api('GET', `/api/v1/responses/${created[2]!.id}`)).body).toMatchObject({ surveyId: 'sv_support', status: 'complete', respondentId: `pia.${runtime}@example.com` });

    expect(JSON.parse(JSON.stringify(await d.metrics.retrieve({ since: started })))).toEqual({
      nps: 0,
      promoter_count: 1,
      promoter_percent: 33.33,
      passive_count: 1,
      passive_percent: 33.33,
      detractor_count: 1,
      detractor_percent: 33.33,
      response_count: 3,
    });
  }, 60_000);

  it('unsubscribes people, lists unsubscribes and bounces, and then emails them nothing', async () => {
    const d = connect();
    const email = `quin.${runtime}@example.com`;
    expect(JSON.parse(JSON.stringify(await d.unsubscribe.create({ person_email: email })))).toEqual({ ok: true });
    expect((await d.unsubscribe.all()).find((u) => u.email === email)).toMatchObject({ email, unsubscribed_at: expect.any(Number) });
    await d.person.create({ email });
    const [request] = (await until(async () => (await api('GET', `/api/v1/survey-requests?contact=${email}`)).body.data, (r: { status: string }[]) => r[0]?.status !== 'pending')) as { status: string; skipReason: string }[];
    expect(request).toMatchObject({ status: 'skipped', skipReason: 'unsubscribed' });

    const bounced = `rae.${runtime}@example.com`;
    await api('POST', '/api/v1/bounces', { email: bounced });
    expect((await d.bounce.all()).find((b) => b.email === bounced)).toMatchObject({ email: bounced, bounced_at: expect.any(Number) });
    expect(box.mails.filter((m) => m.to === email || m.to === bounced)).toEqual([]);
  }, 60_000);

  it('adds people to the autopilot, lists them with their next survey and removes them', async () => {
    const d = connect();
    const config = JSON.parse(JSON.stringify(await d.autopilotConfiguration.retrieve('email')));
    expect(config).toMatchObject({ platform_id: 'email', frequency: 90 * 86_400 });
    const email = `sam.${runtime}@example.com`;
    const added = await d.autopilotMembership.forEmail().create({ person_email: email, person_name: 'Sam', properties: { plan: 'pro' } });
    expect(added).toMatchObject({ ok: true, person: { email, name: 'Sam' }, properties: { plan: 'pro' } });
    // Enrolling turns the email survey's autopilot on, at Delighted's default.
    expect(JSON.parse(JSON.stringify(await d.autopilotConfiguration.retrieve('email')))).toMatchObject({ active: true, frequency: 90 * 86_400 });
    const others = ['tia', 'uma'].map((n) => `${n}.${runtime}@example.com`);
    for (const o of others) await d.autopilotMembership.forEmail().create({ person_email: o });
    const listed: Record<string, unknown>[] = [];
    await d.autopilotMembership.forEmail().list({ per_page: 2 }).autoPagingEach((m) => void listed.push(m));
    expect(listed.map((m) => (m.person as { email: string }).email)).toEqual(expect.arrayContaining([email, ...others]));
    const sam = listed.find((m) => (m.person as { email: string }).email === email)!;
    expect(sam).toMatchObject({ next_survey_request: { properties: { plan: 'pro' }, survey_scheduled_at: expect.any(Number) }, created_at: expect.any(Number) });
    // The first survey goes out at once, as an ordinary survey request.
    await until(async () => box.mails.filter((m) => m.to === email), (m) => m.length > 0);
    expect(box.mails.filter((m) => m.to === email)[0]!.html).toContain('/s/sv_support?t=');

    const removed = await d.autopilotMembership.forEmail().delete({ person_email: email });
    expect(removed).toMatchObject({ ok: true, person: { email } });
    // By person_id, in a form-encoded body as Delighted's curl docs send it.
    const uma = await api('GET', `/api/v1/contacts/${others[1]}`);
    const byId = await fetch(`${server.baseUrl}/api/delighted/v1/autopilot/email/memberships`, { method: 'DELETE', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: `person_id=${uma.body.id}` });
    expect(byId.status).toBe(202);
    const left: string[] = [];
    await d.autopilotMembership.forEmail().list().autoPagingEach((m) => void left.push((m.person as { email: string }).email));
    expect(left).toContain(others[0]);
    expect(left).not.toContain(email);
    expect(left).not.toContain(others[1]);
    expect((await fetch(`${server.baseUrl}/api/delighted/v1/autopilot/sms`, { headers: { authorization: basic } })).status).toBe(400);
  }, 60_000);

  it('takes form-encoded bodies, as in Delighted\'s curl examples', async () => {
    const email = `vic.${runtime}@example.com`;
    const res = await fetch(`${server.baseUrl}/api/delighted/v1/people`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, name: 'Vic', delay: '3600', 'properties[plan]': 'Pro', 'properties[accountId]': 'acc_3' }).toString(),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ email, name: 'Vic', survey_scheduled_at: expect.any(Number) });
    expect((await api('GET', `/api/v1/contacts/${email}`)).body.attributes).toEqual({ plan: 'Pro', accountId: 'acc_3' });
    expect((await api('GET', `/api/v1/survey-requests?contact=${email}`)).body.data.map((r: { status: string }) => r.status)).toEqual(['pending']);
    const bad = await fetch(`${server.baseUrl}/api/delighted/v1/people`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=nope' });
    expect(bad.status).toBe(400);
    const unsub = await fetch(`${server.baseUrl}/api/delighted/v1/unsubscribes`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: `person_email=${encodeURIComponent(email)}` });
    expect(await unsub.json()).toEqual({ ok: true });
    expect((await api('GET', `/api/v1/contacts/${email}`)).body.unsubscribedAt).not.toBeNull();
  });

  it('refuses a wrong key the Delighted way (401, an AuthenticationError in the client)', async () => {
    const err = await connect('ck_wrong').metrics.retrieve().then(
      () => null,
      (e: { type: string }) => e,
    );
    expect(err?.type).toBe('AuthenticationError');
    expect((await fetch(`${server.baseUrl}/api/delighted/v1/metrics`, { headers: { authorization: `Bearer ${API_KEY}` } })).status).toBe(401);
  });
});
