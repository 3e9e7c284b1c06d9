import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, startServer, type TestServer } from '../http/harness';
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
