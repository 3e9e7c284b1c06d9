import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, startServer, type TestServer } from '../http/harness';
import { adminLogin, ensureAdminBuilt, launch, responsesOf, until, watchErrors } from './helpers';

// Score-band logic in the real widget UI (link-survey page mode), and in the builder's preview.
let server: TestServer;
let browser: Browser;
let surveyId: string;

const bands = [
  { score: 3, prompt: 'What disappointed you?', end: 'Sorry — we will do better.' },
  { score: 8, prompt: 'What would make it a 10?', end: 'Thanks, we are on it.' },
  { score: 10, prompt: 'What did you love?', end: 'Glad you love it!' },
];

beforeAll(async () => {
  ensureAdminBuilt();
  [server, browser] = await Promise.all([startServer('node'), launch()]);
  const api = client(server.baseUrl);
  const touchpointId = (await api('POST', '/api/v1/touchpoints', { name: 'Band logic (browser)' })).body.id;
  const survey = await api('POST', '/api/v1/surveys', {
    touchpointId,
    name: 'Band logic',
    status: 'active',
    questions: [
      { id: 'nps', kind: 'nps', text: 'How likely are you to recommend us?', required: true },
      {
        id: 'comment',
        kind: 'text',
        text: 'Why?',
        prompts: [
          { id: 'd', showIf: { question: 'nps', max: 6 }, text: bands[0]!.prompt },
          { id: 'p', showIf: { question: 'nps', min: 7, max: 8 }, text: bands[1]!.prompt },
          { id: 'l', showIf: { question: 'nps', min: 9 }, text: bands[2]!.prompt },
        ],
      },
    ],
    endings: [
      { id: 'd', showIf: { question: 'nps', max: 6 }, text: bands[0]!.end },
      { id: 'p', showIf: { question: 'nps', min: 7, max: 8 }, text: bands[1]!.end },
      { id: 'l', showIf: { question: 'nps', min: 9 }, text: bands[2]!.end, linkUrl: 'https://example.com/review', linkLabel: 'Write a review' },
    ],
  });
  expect(survey.status).toBe(201);
  surveyId = survey.body.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('score-band logic', () => {
  it.each(bands)('the widget asks the follow-up of score $score and ends on its end screen', async ({ score, prompt, end }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.baseUrl}/s/${surveyId}`);
    const widget = page.locator('chorus-widget [role=main]');
    await widget.getByRole('radio', { name: String(score), exact: false }).first().click();
    await widget.getByRole('heading', { name: prompt }).waitFor();
    await widget.locator('textarea').fill(`band ${score}`);
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByRole('heading', { name: end }).waitFor();
    expect(await widget.getByRole('link', { name: 'Write a review' }).count()).toBe(score === 10 ? 1 : 0);
    const anon = await page.evaluate(() => JSON.parse(localStorage.getItem('chorus:pk_demo')!).a as string);
    const mine = await until('the response', async () => (await responsesOf(server.baseUrl, surveyId)).find((r) => r.anonymousId === anon && r.status === 'complete'));
    expect(mine.answers).toEqual({ nps: score, comment: `band ${score}` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a link survey with ?score= starts in that band', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/s/${surveyId}?score=3`);
    const widget = page.locator('chorus-widget [role=main]');
    await widget.getByRole('heading', { name: bands[0]!.prompt }).waitFor();
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByRole('heading', { name: bands[0]!.end }).waitFor();
    await context.close();
  });

  it('the builder edits a condition and the preview follows', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/admin/#/surveys/${surveyId}`);
    const preview = page.locator('.preview-box chorus-widget');
    await preview.getByRole('radio', { name: '8' }).click();
    await preview.getByRole('heading', { name: bands[1]!.prompt }).waitFor();
    // Widen the detractor wording to 0–8: the preview, restarted, asks it for an 8.
    await page.getByLabel('Band wording 1 when: score to').fill('8');
    await page.getByRole('button', { name: 'Restart preview' }).click();
    await preview.getByRole('radio', { name: '8' }).click();
    await preview.getByRole('heading', { name: bands[0]!.prompt }).waitFor();
    await context.close();
  });
});
