import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { client, startServer, type TestServer } from '../http/harness';
import { mailbox } from '../http/mailbox';
import { artifacts, ensureBuilt, hostSite, launch, until, waitForLog, watchErrors } from './helpers';

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
    expect(mine[0]).toMatchObject({ answers: { nps: 9 }, attributes: { channel: 'email' } });
    // The page's own POST recorded it under the contact (a scanner's GET would not have).
    expect((await api('GET', `/api/v1/survey-requests/${request.id}`)).body.status).toBe('answered');
    await page.screenshot({ path: join(artifacts, 'email-score-link.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('one budget: a respondent emailed a survey this week is not asked by the widget on the website', async () => {
    const api = client(server.baseUrl);
    const email = 'emailed.visitor@example.com';
    await api('POST', '/api/v1/survey-requests', { surveyId: 'sv_support', contact: { email } });
    await until('the survey email', async () => box.mails.find((m) => m.to === email));
    const site = await hostSite(server.baseUrl);
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    // The support page shows sv_support at once to anyone else (widget suite).
    const held = waitForLog(page, 'nothing shown: surveyed by email within the contact budget');
    await page.goto(`${site.origin}/support?rid=${encodeURIComponent(email)}`);
    await held;
    await page.waitForTimeout(500);
    expect(await page.locator('chorus-widget').count()).toBe(0);
    // Someone not emailed is asked on the same page.
    const other = await context.newPage();
    await other.goto(`${site.origin}/support?rid=${encodeURIComponent('never.emailed@example.com')}`);
    await other.locator('chorus-widget').waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await context.close();
    await site.close();
  }, 90_000);
});
