import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, newResponseId, startServer, type TestServer } from '../http/harness';
import { adminLogin, artifacts, ensureAdminBuilt, launch, until, watchErrors } from './helpers';

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

it('admin: an editor adds a detractor rule at a touchpoint and sees its alert', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('dialog', (d) => void d.accept());
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  await page.getByText('No rules yet.').waitFor();

  await page.getByRole('combobox', { name: /^Alert when/ }).selectOption('detractor');
  await page.getByRole('combobox', { name: /^At touchpoint/ }).selectOption({ label: 'Checkout' });
  await page.getByLabel('Name (optional)').fill('Checkout detractors');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('cell', { name: /Checkout detractors/ }).waitFor();

  const post = client(server.baseUrl, null);
  await post('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id: newResponseId(), surveyId: 'sv_checkout', answers: { nps: 2 } }), { 'content-type': 'text/plain' });
  await until('the alert', async () => ((await client(server.baseUrl)('GET', '/api/v1/alerts')).body.data.length ? true : undefined));
  await page.reload();
  await page.getByText('Detractor (NPS 2/10) at Checkout').waitFor();
  await page.screenshot({ path: join(artifacts, 'admin-alerts.png'), fullPage: true });

  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Resume' }).waitFor();
  expect((await client(server.baseUrl)('GET', '/api/v1/alert-rules')).body.data[0].active).toBe(false);
  expect(errors).toEqual([]);
  await context.close();
});
