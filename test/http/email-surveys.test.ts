import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';
import { mailbox, type Mail } from './mailbox';

// Links in the emails are built from CHORUS_PUBLIC_URL; the tests follow them on the real port.
const PUBLIC = 'http://chorus.test';
let server: TestServer;
let box: Awaited<ReturnType<typeof mailbox>>;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  box = await mailbox(runtime);
  server = await startServer(runtime, { env: { ...box.env, CHORUS_PUBLIC_URL: PUBLIC } });
  api = client(server.baseUrl);
}, 120_000);
afterAll(async () => {
  await server?.dispose();
  await box?.stop();
});

const local = (url: string) => url.replace(PUBLIC, server.baseUrl);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Lets due requests be sent: Node's timer runs by itself; workerd's cron is triggered as wrangler dev allows. */
const tick = async () => {
  if (runtime === 'workerd') await fetch(`${server.baseUrl}/__scheduled`);
};

async function mailsTo(email: string, count = 1, timeoutMs = 30_000): Promise<Mail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = box.mails.filter((m) => m.to === email);
    if (got.length >= count || Date.now() > deadline) return got;
    await tick();
    await sleep(250);
  }
}

async function requestSettled(id: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await api('GET', `/api/v1/survey-requests/${id}`);
    if (r.body.status !== 'pending' || Date.now() > deadline) return r.body;
    await tick();
    await sleep(250);
  }
}

const scoreLinks = (m: Mail) => [...m.html.matchAll(/href="([^"]+score=\d+)"/g)].map((x) => x[1]!.replace(/&#38;|&amp;/g, '&'));

describe(`contacts on ${runtime}`, () => {
  it('creates, updates by email, lists, gets and deletes contacts', async () => {
    const created = await api('POST', '/api/v1/contacts', { email: 'Ana@Example.com', name: 'Ana', attributes: { plan: 'pro', arr: 1200 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ana@example.com', name: 'Ana', attributes: { plan: 'pro', arr: 1200 }, unsubscribedAt: null, suppressed: null });
    const updated = await api('POST', '/api/v1/contacts', { email: 'ana@example.com', attributes: { plan: 'enterprise', accountId: 'acc_1', arr: null } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, name: 'Ana', attributes: { plan: 'enterprise', accountId: 'acc_1' } });
    expect(updated.body.attributes).not.toHaveProperty('arr');
    expect((await api('GET', '/api/v1/contacts/ana@example.com')).body.id).toBe(created.body.id);
    expect((await api('GET', `/api/v1/contacts/${created.body.id}`)).body.email).toBe('ana@example.com');
    expect((await api('GET', '/api/v1/contacts?limit=1000')).body.data.map((c: { email: string }) => c.email)).toContain('ana@example.com');
    expect((await api('POST', '/api/v1/contacts', { email: 'not-an-email' })).status).toBe(400);
    expect((await api('DELETE', `/api/v1/contacts/${created.body.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/contacts/${created.body.id}`)).status).toBe(404);
  });

  it('imports contacts from CSV, attributes typed, bad rows reported by line', async () => {
    const csv = 'email,name,plan,accountId,arr\nbo@example.com,Bo,pro,acc_9,5400\nnope,X,pro,acc_9,1\n"cy@example.com","Cy, Jr.",free,acc_8,0\n';
    const res = await api('POST', '/api/v1/contacts/import', csv, { 'content-type': 'text/csv' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, rejected: [{ line: 3 }] });
    expect((await api('GET', '/api/v1/contacts/cy@example.com')).body).toMatchObject({ name: 'Cy, Jr.', attributes: { plan: 'free', accountId: 'acc_8', arr: 0 } });
    const again = await api('POST', '/api/v1/contacts/import', 'email,plan\nbo@example.com,enterprise\n', { 'content-type': 'text/csv' });
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
    expect((await api('GET', '/api/v1/contacts/bo@example.com')).body.attributes).toMatchObject({ plan: 'enterprise', arr: 5400 });
    expect((await api('POST', '/api/v1/contacts/import', 'name\nx\n', { 'content-type': 'text/csv' })).status).toBe(422);
  });
});

describe(`email surveys on ${runtime}`, () => {
  it('emails a contact the first question as score buttons; one click records the score once', async () => {
    const email = `dee.${runtime}@example.com`;
    const req = await api('POST', '/api/v1/survey-requests', { touchpointId: 'tp_support', contact: { email, name: 'Dee', attributes: { plan: 'pro' } }, properties: { ticketId: 'T-42' } });
    expect(req.status, JSON.stringify(req.body)).toBe(202);
    expect(req.body).toMatchObject({ surveyId: 'sv_support', status: 'pending' });
    expect(req.body).not.toHaveProperty('token');
    const [mail] = await mailsTo(email);
    expect(mail, 'the survey email').toBeDefined();
    expect(mail!.subject).toBe('How likely are you to recommend us to a friend or colleague?');
    expect(mail!.text).toContain('Hi Dee,');
    const links = scoreLinks(mail!);
    expect(links).toHaveLength(11); // 0–10
    expect(links[9]).toMatch(new RegExp(`^${PUBLIC}/s/sv_support\\?t=[^&]+&score=9$`));
    expect(mail!.headers['list-unsubscribe']).toMatch(new RegExp(`^<${PUBLIC}/email/unsubscribe\\?token=`));
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect((await api('GET', `/api/v1/survey-requests/${req.body.id}`)).body).toMatchObject({ status: 'sent' });

    // A mail scanner's GET (no script runs) records nothing: the page only shows the score as chosen.
    const page = await fetch(local(links[9]!));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`data-response="${req.body.id}"`);
    expect(html).toContain('data-score="9"');
    expect((await api('GET', `/api/v1/responses/${req.body.id}`)).status).toBe(404);
    expect((await api('GET', `/api/v1/survey-requests/${req.body.id}`)).body).toMatchObject({ status: 'sent' });
    // The page's POST (its script, or the <noscript> button) records the score under the contact.
    const post = html.match(/data-post="([^"]+)"/)![1]!.replace(/&#38;/g, '&');
    expect(html).toContain(`<form class="notice" method="post" action="${html.match(/data-post="([^"]+)"/)![1]}">`);
    const recorded = await fetch(`${server.baseUrl}${post}`, { method: 'POST', headers: { accept: 'application/json' } });
    expect(await recorded.json()).toEqual({ responseId: req.body.id, score: 9 });
    const stored = await api('GET', `/api/v1/responses/${req.body.id}`);
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body).toMatchObject({ surveyId: 'sv_support', respondentId: email, answers: { nps: 9 }, attributes: { plan: 'pro', ticketId: 'T-42', channel: 'email' } });
    expect((await api('GET', `/api/v1/survey-requests/${req.body.id}`)).body).toMatchObject({ status: 'answered' });

    // The same POST again counts nothing twice; a later click on another score replaces it (last click wins).
    const nps = async () => (await api('GET', '/api/v1/metrics/nps?survey=sv_support')).body;
    const before = JSON.stringify(await nps());
    expect((await fetch(`${server.baseUrl}${post}`, { method: 'POST' })).status).toBe(200); // the <noscript> form's thank-you page
    expect(JSON.stringify(await nps())).toBe(before);
    const otherPage = await (await fetch(local(links[2]!))).text();
    expect(otherPage).toContain('data-score="2"');
    expect((await api('GET', `/api/v1/responses/${req.body.id}`)).body.answers).toEqual({ nps: 9 }); // the GET alone changes nothing
    const other = otherPage.match(/data-post="([^"]+)"/)![1]!.replace(/&#38;/g, '&');
    expect(await (await fetch(`${server.baseUrl}${other}`, { method: 'POST', headers: { accept: 'application/json' } })).json()).toMatchObject({ score: 2 });
    expect((await api('GET', `/api/v1/responses/${req.body.id}`)).body.answers).toEqual({ nps: 2 });
    expect(JSON.stringify(await nps())).not.toBe(before);
    // Back to 9, as the widget on that page sends it next.
    await fetch(`${server.baseUrl}${post}`, { method: 'POST' });
    expect(JSON.stringify(await nps())).toBe(before);
    // The page completes that response: the widget posts the rest under the same id.
    const rest = await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id: req.body.id, surveyId: 'sv_support', answers: { nps: 9, comment: 'Quick fix, thanks' }, complete: true }), { 'content-type': 'text/plain' });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect((await api('GET', `/api/v1/responses/${req.body.id}`)).body).toMatchObject({ status: 'complete', respondentId: email, answers: { nps: 9, comment: 'Quick fix, thanks' } });
    // A forged token records nothing.
    expect(await (await fetch(`${server.baseUrl}/s/sv_support?score=0&t=st_forged`)).text()).not.toContain('data-response');
    expect((await fetch(`${server.baseUrl}/email/score?survey=sv_support&t=st_forged&score=0`, { method: 'POST' })).status).toBe(404);
  }, 90_000);

  it('sends one reminder after the survey’s reminder period when unanswered, and only one', async () => {
    const tp = (await api('POST', '/api/v1/touchpoints', { name: `Renewal reminder ${runtime}` })).body;
    const survey = await api('POST', '/api/v1/surveys', {
      touchpointId: tp.id,
      name: 'CSAT with reminder',
      status: 'active',
      questions: [{ id: 'csat', kind: 'csat', text: 'How satisfied are you with your renewal?' }],
      // About two seconds: fractions of a day are allowed so this can be tested.
      throttling: { reminderDays: 2 / 86_400, contactBudgetDays: 0 },
    });
    expect(survey.status, JSON.stringify(survey.body)).toBe(201);
    const email = `eve.${runtime}@example.com`;
    const req = await api('POST', '/api/v1/survey-requests', { surveyId: survey.body.id, contact: { email } });
    expect(req.status).toBe(202);
    const [first] = await mailsTo(email);
    expect(scoreLinks(first!)).toHaveLength(5); // CSAT 1–5
    const both = await mailsTo(email, 2);
    expect(both).toHaveLength(2);
    expect(both[1]!.subject).toBe('Reminder: How satisfied are you with your renewal?');
    expect(scoreLinks(both[1]!)).toEqual(scoreLinks(first!));
    expect((await api('GET', `/api/v1/survey-requests/${req.body.id}`)).body.remindedAt).not.toBeNull();
    // Well past another reminder period: still two.
    for (let i = 0; i < 8; i++) {
      await tick();
      await sleep(1000);
    }
    expect(box.mails.filter((m) => m.to === email)).toHaveLength(2);
  }, 90_000);

  it('emails no one who unsubscribed, bounced, was emailed or answered within the budget; each skip says why', async () => {
    const send = async (email: string, extra: Record<string, unknown> = {}) => {
      const r = await api('POST', '/api/v1/survey-requests', { surveyId: 'sv_support', contact: { email }, ...extra });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      return r.body.id as string;
    };
    // Unsubscribed through the email's own one-click header (RFC 8058 POST).
    const fay = `fay.${runtime}@example.com`;
    await send(fay);
    const [mail] = await mailsTo(fay);
    const unsubscribeUrl = local(mail!.headers['list-unsubscribe']!.slice(1, -1));
    expect((await fetch(unsubscribeUrl)).status).toBe(200); // opening only asks
    expect((await api('GET', `/api/v1/contacts/${fay}`)).body.unsubscribedAt).toBeNull();
    const oneClick = await fetch(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect((await api('GET', `/api/v1/contacts/${fay}`)).body.unsubscribedAt).not.toBeNull();
    const unsubscribed = await send(fay, { delaySeconds: 0 });

    const gus = `gus.${runtime}@example.com`;
    expect((await api('POST', '/api/v1/bounces', { email: gus, type: 'bounce' })).body.suppressed).toBe('bounce');
    const bounced = await send(gus);

    // Emailed a week ago? Here: emailed a moment ago, with the workspace's 30-day budget.
    const hal = `hal.${runtime}@example.com`;
    await send(hal);
    await mailsTo(hal);
    const throttled = await send(hal);

    // Answered the website widget as an identified respondent.
    const ivy = `ivy.${runtime}@example.com`;
    const widget = await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id: newResponseId(), surveyId: 'sv_checkout', answers: { nps: 8 }, respondentId: ivy }), { 'content-type': 'text/plain' });
    expect(widget.status).toBe(200);
    const recently = await send(ivy);

    const reasons = Object.fromEntries(await Promise.all([unsubscribed, bounced, throttled, recently].map(async (id) => [id, await requestSettled(id)])));
    expect(reasons[unsubscribed]).toMatchObject({ status: 'skipped', skipReason: 'unsubscribed' });
    expect(reasons[bounced]).toMatchObject({ status: 'skipped', skipReason: 'bounced' });
    expect(reasons[throttled]).toMatchObject({ status: 'skipped', skipReason: 'throttled' });
    expect(reasons[recently]).toMatchObject({ status: 'skipped', skipReason: 'recently_surveyed' });
    const skipped = (await api('GET', '/api/v1/survey-requests?status=skipped&limit=1000')).body.data.map((r: { id: string }) => r.id);
    expect(skipped).toEqual(expect.arrayContaining([unsubscribed, bounced, throttled, recently]));
    expect((await api('GET', `/api/v1/survey-requests?contact=${hal}`)).body.data.map((r: { skipReason: string | null }) => r.skipReason).sort()).toEqual(['throttled', null].sort());
    expect(box.mails.filter((m) => [fay, gus, hal, ivy].includes(m.to))).toHaveLength(2); // fay's and hal's first
  }, 120_000);

  it('one budget across channels: the widget asks nothing of an identified respondent emailed within it', async () => {
    const email = `kay.${runtime}@example.com`;
    const r = await api('POST', '/api/v1/survey-requests', { surveyId: 'sv_support', contact: { email } });
    expect(r.status).toBe(202);
    await mailsTo(email);
    const widget = client(server.baseUrl, null);
    const surveys = (who?: string) => widget('GET', `/api/v1/client/pk_demo/surveys${who ? `?respondent=${encodeURIComponent(who)}` : ''}`);
    const held = await surveys(email.toUpperCase());
    expect(held.status).toBe(200);
    // Emailed a moment ago, with the workspace's 30-day budget: quiet for about 30 days.
    expect(held.body.quietUntil - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(held.body.surveys.length).toBeGreaterThan(0); // shown on request (`show`) still: only unsolicited asks wait
    expect((await surveys(`nobody.${runtime}@example.com`)).body.quietUntil).toBeNull();
    const anonymous = await surveys();
    expect(anonymous.body).not.toHaveProperty('quietUntil');
    expect(anonymous.headers.get('cache-control')).toContain('public');
  });

  it('cancels a pending request; refuses a survey that is not active', async () => {
    const r = await api('POST', '/api/v1/survey-requests', { surveyId: 'sv_support', contact: { email: `jo.${runtime}@example.com` }, delaySeconds: 3600 });
    expect((await api('DELETE', `/api/v1/survey-requests/${r.body.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/survey-requests/${r.body.id}`)).body.status).toBe('cancelled');
    expect((await api('DELETE', `/api/v1/survey-requests/${r.body.id}`)).status).toBe(409);
    const tp = (await api('POST', '/api/v1/touchpoints', { name: `Draft only ${runtime}` })).body;
    expect((await api('POST', '/api/v1/survey-requests', { touchpointId: tp.id, contact: { email: 'x@example.com' } })).status).toBe(404);
    expect((await api('POST', '/api/v1/survey-requests', { surveyId: 'sv_support', touchpointId: tp.id, contact: { email: 'x@example.com' } })).status).toBe(400);
  });
});
