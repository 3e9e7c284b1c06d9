import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, newResponseId, startServer, type TestServer } from '../http/harness';
import { adminLogin, artifacts, ensureAdminBuilt, launch, watchErrors } from './helpers';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureAdminBuilt();
  [server, browser] = await Promise.all([startServer('node'), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

it('admin: the overview compares segments side by side, each bar linking to its responses', async () => {
  const api = client(server.baseUrl);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/admin/#/overview`);
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Compare segments' }) });
  await card.locator('svg.interval-bars').waitFor();
  // The demo's segment keys are plan and region; the chart shows the API's groups, one bar each.
  const plan = (await api('GET', '/api/v1/metrics/breakdown?metric=nps&by=plan')).body as { groups: { value: string; n: number }[] };
  expect(await card.locator('svg.interval-bars .bar').count()).toBe(plan.groups.length);
  for (const g of plan.groups) expect(await card.locator('svg.interval-bars').textContent()).toContain(g.value);

  await card.getByRole('combobox', { name: 'By' }).selectOption('region');
  await card.getByRole('combobox', { name: 'Metric' }).selectOption('cpi');
  const region = (await api('GET', '/api/v1/metrics/breakdown?metric=cpi&by=region')).body as { groups: { value: string; n: number }[] };
  await page.waitForFunction((n) => document.querySelectorAll('svg.interval-bars .bar').length === n && document.querySelector('svg.interval-bars')?.getAttribute('aria-label')?.includes('region'), region.groups.length);
  await page.screenshot({ path: join(artifacts, 'overview-breakdown.png'), fullPage: true });

  // A bar opens the responses of that segment value.
  const value = region.groups.find((g) => !g.value.startsWith('('))!.value;
  await card.locator(`svg.interval-bars a[aria-label^="${value}:"]`).click();
  await page.getByRole('heading', { name: 'Responses', level: 1 }).waitFor();
  expect(decodeURIComponent(page.url())).toContain(`attribute=region:${value}`);
  expect(errors).toEqual([]);
});

it('admin: the inbox marks the words a search matched, stemmed and prefixed', async () => {
  const run = `zq${Date.now().toString(36)}`;
  const id = newResponseId();
  const comment = `They refunded me after the checkout crashed, ${run}`;
  const posted = await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id, surveyId: 'sv_support', answers: { nps: 3, comment }, complete: true }), { 'content-type': 'text/plain' });
  expect(posted.status).toBe(200);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/admin/#/responses`);
  await page.getByRole('searchbox', { name: 'Search comments' }).fill(`refund check* ${run}`);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const item = page.locator('ul.responses li', { hasText: run });
  // The new response also heads the unfiltered list shown before the search answers: wait for the search's list.
  await page.waitForFunction(() => document.querySelectorAll('ul.responses li').length === 1 && document.querySelector('ul.responses li mark.match') !== null);
  expect(await page.locator('ul.responses li').count()).toBe(1);
  expect(await item.locator('mark.match').allTextContents()).toEqual(['refunded', 'checkout', run]);
  // Marked as text: the comment reads exactly as written.
  expect(await item.locator('.r-comment').textContent()).toBe(comment);
  await page.screenshot({ path: join(artifacts, 'inbox-search.png'), fullPage: true });
  expect(errors).toEqual([]);
});
