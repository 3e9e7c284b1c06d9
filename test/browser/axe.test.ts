import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, startServer, type TestServer } from '../http/harness';
import { adminLogin, ensureAdminBuilt, hostSite, launch, seriousViolations, tabIntoWidget, type HostSite } from './helpers';

// axe-core in real Chromium on every admin page and on the widget (floating on a host page,
// and inline on a link survey): no serious or critical violation.
let server: TestServer;
let browser: Browser;
let site: HostSite;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ensureAdminBuilt();
  [server, browser] = await Promise.all([startServer('node'), launch()]);
  site = await hostSite(server.baseUrl);
  // axe's script is injected inline: the admin's and the host page's CSPs would refuse it.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.dispose();
});

/** Waits for a page's content (not the loading state) before axe reads it. */
async function open(hash: string, ready: string): Promise<void> {
  await page.goto(`${server.baseUrl}/admin/#/${hash}`);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('accessibility (axe-core)', () => {
  it('the log-in page', async () => {
    await page.goto(`${server.baseUrl}/admin/`);
    await page.getByLabel('Email').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  const pages: [string, string][] = [
    ['overview', '.heatmap td.heat'],
    ['journey', 'h1'],
    ['surveys', 'h1'],
    ['surveys/sv_support', '.share'],
    ['responses', '.responses li'],
    ['responses?survey=sv_support', '.responses li'],
    ['themes', 'h1'],
    ['alerts', 'h1'],
    ['accounts', 'h1'],
    ['settings', '#refused-origins'],
  ];
  it.each(pages)('admin #/%s', async (hash, ready) => {
    if (hash === 'overview') await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
    await open(hash, ready);
    expect(await seriousViolations(page), hash).toEqual([]);
  });

  it('the widget floating on a host page, before and after Tab moves into it', async () => {
    const host = await context.newPage();
    await host.goto(`${site.origin}/checkout?rid=axe`);
    await host.locator('chorus-widget [role=dialog]').waitFor();
    expect(await seriousViolations(host, 'chorus-widget')).toEqual([]);
    await tabIntoWidget(host);
    await host.keyboard.press('Enter');
    await host.locator('chorus-widget').getByText('How satisfied are you').waitFor();
    expect(await seriousViolations(host, 'chorus-widget')).toEqual([]);
    await host.close();
  });

  it('the widget inline on a link survey', async () => {
    const link = await context.newPage();
    await link.goto(`${server.baseUrl}/s/sv_signup`);
    await link.locator('chorus-widget [role=main]').waitFor();
    expect(await seriousViolations(link)).toEqual([]);
    await link.close();
  });
});
