import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../http/harness';
import { answerCheckoutByKeyboard, artifacts, ensureBuilt, hostSite, launch, responsesOf, until, watchErrors, type HostSite } from './helpers';

// The main flow once more against workerd (wrangler dev, D1, static assets with _headers).
let server: TestServer;
let site: HostSite;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startServer('workerd'), launch()]);
  site = await hostSite(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.dispose();
});

it('workerd: serves the widget with its cache rules and a keyboard-answered response arrives complete', async () => {
  const loader = await fetch(`${server.baseUrl}/widget.js`);
  expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
  const uiPath = /widget\/ui\.[0-9a-f]+\.js/.exec(await loader.text())![0];
  expect((await fetch(`${server.baseUrl}/${uiPath}`)).headers.get('cache-control')).toContain('immutable');

  const rid = `wd-${Date.now().toString(36)}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.origin}/checkout?rid=${rid}`);
  await answerCheckoutByKeyboard(page, 'Fast on the edge too');
  await page.screenshot({ path: join(artifacts, 'widget-workerd.png') });
  const [response] = await until('the complete response', async () => {
    const rows = await responsesOf(server.baseUrl, 'sv_checkout', rid);
    return rows[0]?.status === 'complete' ? rows : undefined;
  }, 30_000);
  expect(response!.answers).toEqual({ nps: 9, csat: 4, goal_pricing_clear: 'partly', comment: 'Fast on the edge too' });
  expect(errors).toEqual([]);
  await context.close();

  const link = await fetch(`${server.baseUrl}/s/sv_signup?score=9`);
  expect(link.status).toBe(200);
  expect(link.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect((await fetch(`${server.baseUrl}/demo`)).status).toBe(200);
});
