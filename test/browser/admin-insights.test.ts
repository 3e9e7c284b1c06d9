import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, startServer, type TestServer } from '../http/harness';
import { adminLogin, analysisSettled, artifacts, ensureAdminBuilt, launch, watchErrors } from './helpers';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureAdminBuilt();
  [server, browser] = await Promise.all([startServer('node'), launch()]);
  await analysisSettled(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

it('admin: the overview shows the drivers quadrant and ARR at risk, the Accounts page the API\'s accounts', async () => {
  const api = client(server.baseUrl);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);

  await page.goto(`${server.baseUrl}/admin/#/overview?touchpoint=tp_support`);
  await page.getByRole('heading', { name: 'Key drivers: Support ticket closed' }).waitFor();
  const drivers = (await api('GET', '/api/v1/metrics/drivers?touchpoint=tp_support')).body as { drivers: { kind: string; label: string; quadrant: string | null }[] };
  expect(drivers.drivers.length).toBeGreaterThan(0);
  // One mark per placed driver across the two quadrant charts.
  const placed = drivers.drivers.filter((d) => d.quadrant !== null).length;
  expect(await page.locator('.quadrant g[tabindex="0"]').count()).toBe(placed);
  await page.screenshot({ path: join(artifacts, 'overview-drivers.png'), fullPage: true });

  const accounts = (await api('GET', '/api/v1/accounts?limit=500')).body as { summary: { bands: { red: number; yellow: number; green: number } }; accounts: { account: string }[] };
  expect(accounts.summary.bands.red).toBeGreaterThan(0);
  expect(accounts.summary.bands.yellow).toBeGreaterThan(0);
  expect(accounts.summary.bands.green).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  await page.locator('table.accounts tbody tr').first().waitFor();
  expect(await page.locator('table.accounts tbody tr').count()).toBe(Math.min(200, accounts.accounts.length));
  expect(await page.locator('table.accounts tbody tr th').first().textContent()).toBe(accounts.accounts[0]!.account);
  await page.getByRole('combobox', { name: 'Band' }).selectOption('red');
  await page.getByRole('heading', { name: `${accounts.summary.bands.red} accounts in red` }).waitFor();
  await page.screenshot({ path: join(artifacts, 'accounts.png'), fullPage: true });
  expect(errors).toEqual([]);
});

it('admin: the Digest page shows the API\'s digest and the member\'s own subscription', async () => {
  const api = client(server.baseUrl);
  const digest = (await api('GET', '/api/v1/digest')).body as { week: string; volume: { responses: number }; loops: { detractors: number } };
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Digest' }).click();
  await page.getByRole('heading', { name: 'Weekly digest', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Volume' }).waitFor();
  expect(await page.getByLabel('Week of').inputValue()).toBe(digest.week);
  expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Volume' }) }).textContent()).toContain(`${digest.volume.responses} responses`);
  expect(await page.locator('section', { has: page.getByRole('heading', { name: 'Close the loop' }) }).textContent()).toContain(`${digest.loops.detractors} detractors`);
  // The owner is subscribed by default; unticking is stored for this member.
  const box = page.getByRole('checkbox', { name: /Email me this digest/ });
  expect(await box.isChecked()).toBe(true);
  await page.screenshot({ path: join(artifacts, 'digest-page.png'), fullPage: true });
  await box.uncheck();
  await page.getByText('your choice').waitFor();
  expect(errors).toEqual([]);
});
