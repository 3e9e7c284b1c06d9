import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, runtime, startServer, type TestServer } from './harness';
import { mailbox, type Mail } from './mailbox';

let server: TestServer;
let box: Awaited<ReturnType<typeof mailbox>>;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  box = await mailbox(runtime);
  server = await startServer(runtime, { env: { ...box.env, CHORUS_PUBLIC_URL: 'http://chorus.test' } });
  api = client(server.baseUrl);
}, 300_000);
afterAll(async () => {
  await server?.dispose();
  await box?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Node's timer sends by itself; workerd's cron is triggered as wrangler dev allows. */
const tick = async () => {
  if (runtime === 'workerd') await fetch(`${server.baseUrl}/__scheduled`);
};
async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await tick();
    await sleep(250);
  }
}
const mailsTo = (email: string): Mail[] => box.mails.filter((m) => m.to === email);
type Req = { id: string; status: string; skipReason: string | null; sendAt: string; sentAt: string | null };
const requestsOf = async (email: string): Promise<Req[]> => (await api('GET', `/api/v1/survey-requests?contact=${email}`)).body.data;

/** An active one-question survey of a new touchpoint. */
async function survey(name: string, throttling: Record<string, unknown>) {
  const tp = (await api('POST', '/api/v1/touchpoints', { name: `${name} ${runtime}` })).body;
  const s = await api('POST', '/api/v1/surveys', { touchpointId: tp.id, name, status: 'active', questions: [{ id: 'nps', kind: 'nps', text: `${name}: how likely are you to recommend us?` }], throttling });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  return s.body.id as string;
}

describe(`autopilot (recurring email surveys) on ${runtime}`, () => {
  it('asks each member again once the period has passed, not before', async () => {
    const id = await survey('Quarterly pulse', { contactBudgetDays: 0 });
    expect((await api('GET', `/api/v1/autopilot/${id}`)).status).toBe(404);
    // Three seconds: fractions of a day are allowed so the period can pass in a test.
    const period = 3000;
    const put = await api('PUT', `/api/v1/autopilot/${id}`, { frequencyDays: period / 86_400_000 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ surveyId: id, active: true });

    const often = `often.${runtime}@example.com`;
    const enrolled = await api('POST', `/api/v1/autopilot/${id}/members`, { contact: { email: often, name: 'Oft' }, properties: { plan: 'pro' } });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    expect(enrolled.body).toMatchObject({ surveyId: id, email: often, properties: { plan: 'pro' } });
    const firstId = enrolled.body.nextRequestId as string;
    // The first turn was due at once: it goes out right after the enrolment.
    await until(() => mailsTo(often), (m) => m.length >= 1);
    // Enrolling again changes the properties, not the rhythm.
    const before = (await api('GET', `/api/v1/autopilot/${id}/members?contact=${often}`)).body.data[0];
    expect(before.nextRequestId).not.toBe(firstId);
    const again = await api('POST', `/api/v1/autopilot/${id}/members`, { contact: { email: often }, properties: { plan: 'team' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: enrolled.body.id, nextRequestId: before.nextRequestId, nextSurveyAt: before.nextSurveyAt, properties: { plan: 'team' } });

    const two = await until(() => mailsTo(often), (m) => m.length >= 2);
    expect(two).toHaveLength(2);
    expect(two[0]!.subject).toBe('Quarterly pulse: how likely are you to recommend us?');
    const sent = (await requestsOf(often)).filter((r) => r.status === 'sent').sort((a, b) => a.sendAt.localeCompare(b.sendAt));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent[0]!.id).toBe(firstId); // the id the membership announced
    // Not before: the second turn came due one period after the first, and went out after that.
    expect(Date.parse(sent[1]!.sendAt) - Date.parse(sent[0]!.sendAt)).toBeGreaterThanOrEqual(period);
    expect(Date.parse(sent[1]!.sentAt!)).toBeGreaterThanOrEqual(Date.parse(sent[1]!.sendAt));
    const member = (await api('GET', `/api/v1/autopilot/${id}/members?contact=${often}`)).body.data[0];
    expect(Date.parse(member.nextSurveyAt)).toBeGreaterThan(Date.parse(sent[sent.length - 1]!.sendAt));

    // Out of the autopilot: no more turns.
    expect((await api('DELETE', `/api/v1/autopilot/${id}/members/${often}`)).status).toBe(204);
    expect((await api('DELETE', `/api/v1/autopilot/${id}/members/${often}`)).status).toBe(404);
    expect((await api('GET', `/api/v1/autopilot/${id}/members`)).body.data).toEqual([]);
  }, 90_000);

  it('at the 90-day default, a member is asked once however often the scheduler runs', async () => {
    const id = await survey('Yearly pulse', { contactBudgetDays: 0 });
    const csv = `email,name,plan\nrare.${runtime}@example.com,Rae,pro\nnope,X,pro\n`;
    const imported = await api('POST', `/api/v1/autopilot/${id}/members/import`, csv, { 'content-type': 'text/csv' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ created: 1, rejected: [{ line: 3 }] });
    expect((await api('GET', `/api/v1/autopilot/${id}`)).body).toMatchObject({ active: true, frequencyDays: 90 });
    const email = `rare.${runtime}@example.com`;
    await until(() => mailsTo(email), (m) => m.length >= 1);
    for (let i = 0; i < 6; i++) {
      await tick();
      await sleep(1000);
    }
    expect(mailsTo(email)).toHaveLength(1);
    const [member] = (await api('GET', `/api/v1/autopilot/${id}/members`)).body.data;
    expect(Date.parse(member.nextSurveyAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
  }, 60_000);

  it('keeps the fatigue budget: a turn within it is skipped as throttled, with the reason kept', async () => {
    // No budget override: the workspace's 30 days apply to this survey's own earlier email.
    const id = await survey('Eager pulse', {});
    await api('PUT', `/api/v1/autopilot/${id}`, { frequencyDays: 2 / 86_400 });
    const email = `tired.${runtime}@example.com`;
    expect((await api('POST', `/api/v1/autopilot/${id}/members`, { contact: { email } })).status).toBe(201);
    const reqs = await until(() => requestsOf(email), (r) => r.some((x) => x.status === 'skipped'));
    expect(reqs.find((r) => r.status === 'skipped')).toMatchObject({ skipReason: 'throttled' });
    expect(reqs.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(mailsTo(email)).toHaveLength(1);
    // A stopped autopilot makes no more turns.
    expect((await api('PUT', `/api/v1/autopilot/${id}`, { active: false })).body.active).toBe(false);
  }, 60_000);

  it('refuses bad input and unknown surveys', async () => {
    expect((await api('PUT', '/api/v1/autopilot/sv_nope', { active: true })).status).toBe(404);
    expect((await api('POST', '/api/v1/autopilot/sv_nope/members', { contact: { email: 'x@example.com' } })).status).toBe(404);
    expect((await api('PUT', '/api/v1/autopilot/sv_support', { frequencyDays: 0 })).status).toBe(400);
    expect((await api('POST', '/api/v1/autopilot/sv_support/members', { contact: { email: 'not-an-email' } })).status).toBe(400);
  });
});
