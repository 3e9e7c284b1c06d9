import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { client, startServer, type TestServer } from '../http/harness';
import { mailbox } from '../http/mailbox';
import { artifacts, ensureBuilt, launch, until, watchErrors } from './helpers';

let server: TestServer;
let browser: Browser;
let box: Awaited<ReturnType<typeof mailbox>>;

beforeAll(async () => {
  ensureBuilt();
  box = await mailbox('node');
  [server, browser] = await Promise.all([startServer('node', { env: box.env }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  await box?.stop();
});

describe('a score clicked in a survey email, in a real browser', () => {
  it('records the score, and the page goes on with that same response (no second one)', async () => {
    const api = client(server.baseUrl);
    const email = 'browser.contact@example.com';
    const request = (await api('POST', '/api/v1/survey-requests', { surveyId: 'sv_support', contact: { email } })).body;
    const mail = await until('the survey email', async () => box.mails.find((m) => m.to === email));
    const link = /href="([^"]+score=9)"/.exec(mail.html)![1]!.replace(/&#38;|&amp;/g, '&');

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const posted: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/responses') && posted.push(r.postData() ?? ''));
    await page.goto(link);
    // The score is answered: the widget shows the next question.
    await page.locator('chorus-widget [role=main]').getByText('How satisfied are you').waitFor();
    await until('the widget post', async () => posted.length > 0 || undefined);
    expect(posted.map((b) => JSON.parse(b).id)).toEqual([request.id]);
    const mine = (await api('GET', `/api/v1/responses?survey=sv_support&respondent=${encodeURIComponent(email)}`)).body.data;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([request.id]);
    expect(mine[0]).toMatchObject({ answers: { nps: 9 } });
    await page.screenshot({ path: join(artifacts, 'email-score-link.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
