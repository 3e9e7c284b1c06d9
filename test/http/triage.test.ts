import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';
import { mailbox } from './mailbox';
import { until } from './receiver';

let server: TestServer;
let box: Awaited<ReturnType<typeof mailbox>>;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  box = await mailbox(runtime);
  server = await startServer(runtime, { env: box.env });
  api = client(server.baseUrl);
});
afterAll(async () => {
  await server?.dispose();
  await box?.stop();
});

const post = (body: unknown) => client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });
const comments = ['Terrible support, nobody answered for days', 'The checkout was fine', 'Love it, fast and friendly help', null];

/** Every response the list returns for `query`, following the cursor. */
async function recount(query: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { data: unknown[]; nextCursor: string | null } } = await api('GET', `/api/v1/responses?limit=500&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    n += page.body.data.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return n;
}

describe(`inbox filters and counts on ${runtime}`, () => {
  it('filters by comment, score band, sentiment, loop status and assignee, and counts each value under the other filters as a recount does', async () => {
    const batch = `b${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const id = newResponseId();
      ids.push(id);
      const comment = comments[i % comments.length];
      const res = await post({ id, surveyId: 'sv_support', answers: { nps: (i * 7) % 11, ...(comment ? { comment } : {}) }, attributes: { batch }, complete: true });
      expect(res.status).toBe(200);
    }
    const scope = `attribute=${encodeURIComponent(`batch:${batch}`)}`;
    // Sentiment comes from the analysis that follows ingestion: wait until every comment has one.
    await until(async () => {
      const page = await api('GET', `/api/v1/responses?limit=500&${scope}&hasComment=true`);
      return page.body.data.length === 18 && page.body.data.every((r: { sentiment: unknown }) => r.sentiment !== null) ? true : undefined;
    }, 60_000);

    const members = (await api('GET', '/api/v1/members')).body.data as { userId: string }[];
    const owner = members[0]!.userId;
    // Assign two detractors and close one of them, so every facet has values to count.
    expect((await api('PATCH', `/api/v1/responses/${ids[1]}/loop`, { assignee: owner })).status).toBe(200);
    expect((await api('PATCH', `/api/v1/responses/${ids[3]}/loop`, { assignee: owner, status: 'closed', resolution: { reason: 'resolved' } })).status).toBe(200);

    const selections = ['', 'hasComment=true', 'hasComment=true&scoreBand=detractor', 'scoreBand=detractor&sentiment=negative', `assignee=${owner}`, 'loopStatus=open&hasComment=false', 'assignee=none&scoreBand=passive'];
    const facetValues: Record<string, string[]> = {
      hasComment: ['true', 'false'],
      scoreBand: ['detractor', 'passive', 'promoter'],
      sentiment: ['negative', 'neutral', 'positive'],
      loopStatus: ['open', 'in_progress', 'closed'],
      assignee: [owner, 'none'],
    };
    for (const sel of selections) {
      const chosen = new URLSearchParams(sel);
      const counts = await api('GET', `/api/v1/responses/counts?${scope}${sel ? `&${sel}` : ''}`);
      expect(counts.status).toBe(200);
      expect(counts.body.total).toBe(await recount(`${scope}${sel ? `&${sel}` : ''}`));
      for (const [facet, values] of Object.entries(facetValues)) {
        // A facet is counted under every filter but its own.
        const others = new URLSearchParams(chosen);
        others.delete(facet);
        for (const value of values) {
          others.set(facet, value);
          const got = facet === 'assignee' ? (counts.body.facets.assignee.find((a: { assignee: string }) => a.assignee === value)?.count ?? 0) : counts.body.facets[facet][value];
          expect({ sel, facet, value, count: got }).toEqual({ sel, facet, value, count: await recount(`${scope}&${others}`) });
        }
      }
    }
    // The figures themselves, from what was posted: 24 responses, 18 with a comment; NPS (i*7)%11.
    const all = (await api('GET', `/api/v1/responses/counts?${scope}`)).body;
    expect(all.total).toBe(24);
    expect(all.facets.hasComment).toEqual({ true: 18, false: 6 });
    const nps = ids.map((_, i) => (i * 7) % 11);
    expect(all.facets.scoreBand).toEqual({ detractor: nps.filter((s) => s <= 6).length, passive: nps.filter((s) => s === 7 || s === 8).length, promoter: nps.filter((s) => s >= 9).length });
    expect(all.facets.assignee).toContainEqual({ assignee: owner, count: 2 });

    for (const bad of ['scoreBand=bad', 'hasComment=yes', 'sentiment=angry', 'loopStatus=done']) {
      expect((await api('GET', `/api/v1/responses?${bad}`)).status).toBe(400);
      expect((await api('GET', `/api/v1/responses/counts?${bad}`)).status).toBe(400);
    }
  }, 180_000);
});

describe(`close-the-loop assignees, resolutions and activity on ${runtime}`, () => {
  it('assigns members only, closes with a reason, and logs who did what and when', async () => {
    const id = newResponseId();
    await post({ id, surveyId: 'sv_support', answers: { nps: 3, comment: 'Slow refunds' }, complete: true });
    const owner = ((await api('GET', '/api/v1/members')).body.data as { userId: string }[])[0]!.userId;

    const stranger = await api('PATCH', `/api/v1/responses/${id}/loop`, { assignee: 'usr_not_a_member' });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.code).toBe('unknown_member');
    expect((await api('PATCH', `/api/v1/responses/${id}/loop`, { status: 'closed', resolution: { reason: 'other' } })).status).toBe(400);
    expect((await api('PATCH', `/api/v1/responses/${id}/loop`, { status: 'in_progress', resolution: { reason: 'resolved' } })).status).toBe(400);
    expect((await api('PATCH', `/api/v1/responses/${id}/loop`, { status: 'closed', resolution: { reason: 'because' } })).status).toBe(400);

    expect((await api('PATCH', `/api/v1/responses/${id}/loop`, { assignee: owner })).body.loop).toMatchObject({ status: 'open', assignee: owner, resolution: null });
    expect((await api('PATCH', `/api/v1/responses/${id}/loop`, { status: 'in_progress' })).status).toBe(200);
    expect((await api('POST', `/api/v1/responses/${id}/notes`, { text: 'Called them back' })).status).toBe(201);
    const closed = await api('PATCH', `/api/v1/responses/${id}/loop`, { status: 'closed', resolution: { reason: 'other', note: 'Goodwill voucher' } });
    expect(closed.body.loop).toMatchObject({ status: 'closed', resolution: { reason: 'other', note: 'Goodwill voucher' } });

    const detail = (await api('GET', `/api/v1/responses/${id}`)).body;
    expect(detail.activity.map((e: { kind: string; status: string | null; assignee: string | null; resolution: string | null; text: string | null }) => [e.kind, e.status, e.assignee, e.resolution, e.text])).toEqual([
      ['assigned', null, owner, null, null],
      ['status', 'in_progress', null, null, null],
      ['note', null, null, null, 'Called them back'],
      ['status', 'closed', null, 'other', 'Goodwill voucher'],
    ]);
    for (const e of detail.activity) {
      expect(e.actor).toMatch(/^API key /);
      expect(Date.parse(e.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    }
    // Reopening forgets the resolution and is logged too.
    const reopened = await api('PATCH', `/api/v1/responses/${id}/loop`, { status: 'open' });
    expect(reopened.body.loop.resolution).toBeNull();
    expect((await api('GET', `/api/v1/responses/${id}`)).body.activity.at(-1)).toMatchObject({ kind: 'status', status: 'open' });
  });
});

describe(`replying from the inbox on ${runtime}`, () => {
  it('emails a respondent whose address is known through the mail transport, logs it, and refuses otherwise', async () => {
    const known = newResponseId();
    const unknown = newResponseId();
    await post({ id: known, surveyId: 'sv_support', answers: { nps: 2, comment: 'Never again' }, attributes: { email: 'pat@customer.test' }, complete: true });
    await post({ id: unknown, surveyId: 'sv_support', answers: { nps: 2 }, complete: true });
    expect((await api('GET', `/api/v1/responses/${known}`)).body.reply).toEqual({ available: true, to: 'pat@customer.test', reason: null });
    const none = (await api('GET', `/api/v1/responses/${unknown}`)).body.reply;
    expect(none).toMatchObject({ available: false, to: null });
    expect(none.reason).toMatch(/email is not known/);

    const sent = await api('POST', `/api/v1/responses/${known}/reply`, { subject: 'Sorry about your refund', text: 'Hi Pat,\nwe have fixed it.' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'reply', to: 'pat@customer.test', subject: 'Sorry about your refund' });
    const mail = await until(() => box.mails.find((m) => m.to === 'pat@customer.test'));
    expect(mail.subject).toBe('Sorry about your refund');
    expect(mail.text).toContain('we have fixed it.');
    expect((await api('GET', `/api/v1/responses/${known}`)).body.activity.at(-1)).toMatchObject({ kind: 'reply', to: 'pat@customer.test', text: 'Hi Pat,\nwe have fixed it.' });

    const refused = await api('POST', `/api/v1/responses/${unknown}/reply`, { subject: 'Hello', text: 'Hi' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('no_email');
    expect((await api('POST', `/api/v1/responses/${known}/reply`, { subject: '', text: 'Hi' })).status).toBe(400);
    expect((await api('POST', '/api/v1/responses/nope_nope/reply', { subject: 'Hi', text: 'Hi' })).status).toBe(404);
  });

  it('explains that mail is not configured, and refuses with 409', async () => {
    const bare = await startServer(runtime);
    try {
      const a = client(bare.baseUrl);
      const id = newResponseId();
      await client(bare.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id, surveyId: 'sv_support', answers: { nps: 1 }, attributes: { email: 'sam@customer.test' } }), { 'content-type': 'text/plain' });
      const reply = (await a('GET', `/api/v1/responses/${id}`)).body.reply;
      expect(reply).toMatchObject({ available: false, to: 'sam@customer.test' });
      expect(reply.reason).toMatch(/Mail is not configured/);
      const res = await a('POST', `/api/v1/responses/${id}/reply`, { subject: 'Hi', text: 'Hi' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('mail_not_configured');
    } finally {
      await bare.dispose();
    }
  }, 240_000);

  it('filters by a CPI answered, and by its answer, as a cell of the CPI heatmap links', async () => {
    const base = 'touchpoint=tp_support&cpi=cpi_saves_time';
    const page = await api('GET', `/api/v1/responses?limit=500&${base}`);
    expect(page.status).toBe(200);
    expect(page.body.data.length).toBeGreaterThan(0);
    for (const r of page.body.data as { touchpointId: string; cpiAnswers: { cpiId: string }[] }[]) {
      expect(r.touchpointId).toBe('tp_support');
      expect(r.cpiAnswers.map((a) => a.cpiId)).toContain('cpi_saves_time');
    }
    const no = await api('GET', `/api/v1/responses?limit=500&${base}&cpiAnswer=no`);
    for (const r of no.body.data as { cpiAnswers: { cpiId: string; answer: string }[] }[]) expect(r.cpiAnswers.find((a) => a.cpiId === 'cpi_saves_time')?.answer).toBe('no');
    const [all, yes, partly, none] = await Promise.all([recount(base), recount(`${base}&cpiAnswer=yes`), recount(`${base}&cpiAnswer=partly`), recount(`${base}&cpiAnswer=no`)]);
    expect(yes + partly + none).toBe(all);
    expect(all).toBeLessThan(await recount('touchpoint=tp_support') + 1);
    expect((await api('GET', '/api/v1/responses?cpi=cpi_saves_time&cpiAnswer=maybe')).status).toBe(400);
  });
});
