import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, startServer, type TestServer } from '../http/harness';
import { artifacts, adminLogin, ensureAdminBuilt, launch, watchErrors } from './helpers';

// Share links opened in a browser with no session, and every admin page at a phone's size.
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

/** Every page of admin/app.tsx's switch, with the demo's data. */
const routes = ['overview', 'journey', 'surveys', 'surveys/sv_checkout', 'responses', 'responses?id=demo_00001', 'themes', 'alerts', 'accounts', 'digest', 'settings'];

const pageWidth = (page: Page) => page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: innerWidth }));

describe('share links in the browser', () => {
  it('the owner makes a link on the overview; it opens read-only without a session, and stops when revoked', { timeout: 120_000 }, async () => {
    const owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await owner.newPage();
    const errors = watchErrors(page);
    await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/admin/#/overview?touchpoint=tp_checkout&bucket=month`);
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByLabel('Expires after').selectOption('7');
    await page.getByRole('button', { name: 'Create link' }).click();
    const url = (await page.locator('[data-share-url]').textContent())!.trim();
    expect(url).toMatch(/\/admin\/#\/shared\/sh_[0-9a-f]{48}$/);

    // A stranger: a fresh context, no cookie.
    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await stranger.newPage();
    const viewerErrors = watchErrors(viewer);
    await viewer.goto(url);
    const banner = viewer.getByRole('note');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Read-only · shared by .+ · expires /);
    expect(await viewer.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    // Nothing to change: the only buttons disclose (a theme's trend), none edits or exports.
    expect(await viewer.locator('button:visible:not([aria-expanded])').count()).toBe(0);
    expect(await viewer.locator('.export-menu:visible').count()).toBe(0);
    // The figures are the API's for the link's filters.
    const api = client(server.baseUrl);
    // The link fixed the period the overview showed (its preset, as dates): ask the API for that one.
    const token = url.slice(url.lastIndexOf('/') + 1);
    const fixed = (await api('GET', `/api/v1/shared/${token}`)).body.link.filters as { from?: string; to?: string };
    const period = `${fixed.from ? `&from=${fixed.from}` : ''}${fixed.to ? `&to=${fixed.to}` : ''}`;
    const nps = (await api('GET', `/api/v1/metrics/nps?touchpoint=tp_checkout&bucket=month${period}`)).body;
    const tile = viewer.locator('[data-touchpoint="tp_checkout"] [data-metric="nps"]');
    expect(Number(await tile.textContent())).toBe(Math.round(nps.total.nps));
    expect(await viewer.locator('[data-touchpoint="all"]').count()).toBe(0); // one touchpoint, as shared
    // A drill-down link does not lead into the admin.
    await tile.click();
    expect(viewer.url()).toBe(url);

    // Revoked in Settings: the next load refuses it.
    await page.goto(`${server.baseUrl}/admin/#/settings`);
    const row = page.locator('[data-share-link]').first();
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /Revoke/ }).click();
    await row.getByText('revoked').waitFor();
    await viewer.reload();
    await viewer.getByRole('heading', { name: 'This share link does not work' }).waitFor();
    expect(await viewer.getByRole('alert').textContent()).toMatch(/unknown or was revoked/);
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    expect(viewerErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await owner.close();
    await stranger.close();
  });

  it('an expired link is refused with its date', { timeout: 60_000 }, async () => {
    const made = (await client(server.baseUrl)('POST', '/api/v1/share-links', { expiresAt: new Date(Date.now() + 1500).toISOString() })).body;
    await new Promise((r) => setTimeout(r, Date.parse(made.expiresAt) - Date.now() + 300));
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(made.url);
    await page.getByRole('heading', { name: 'This share link does not work' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/expired on \d{4}-\d{2}-\d{2}/);
    await ctx.close();
  });
});

describe('the overview printed', () => {
  it('shows the workspace, the period and the date, and no navigation or controls', { timeout: 120_000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/admin/#/overview?bucket=month`);
    await page.locator('[data-touchpoint="all"] [data-metric="nps"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    const workspace = (await client(server.baseUrl)('GET', '/api/v1/workspace')).body.name;
    expect(await page.locator('.print-meta').textContent()).toContain(`${workspace} · printed `);
    expect(await page.getByText(/^\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}( compared with \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2})?, by month/).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    for (const b of await page.getByRole('button').all()) expect(await b.isVisible()).toBe(false);
    await page.pdf({ path: join(artifacts, 'overview-print-a4.pdf'), format: 'A4' });
    await ctx.close();
  });
});

describe('the admin on a phone (390 × 844)', () => {
  it('no page is wider than the screen; the response detail opens as a sheet in view', { timeout: 240_000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await ctx.newPage();
    await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
    const share = (await client(server.baseUrl)('POST', '/api/v1/share-links', {})).body;
    for (const route of [...routes, `shared/${share.token}`]) {
      await page.goto(`${server.baseUrl}/admin/#/${route}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const w = await pageWidth(page);
      expect(w.scroll, `${route} is ${w.scroll} px wide`).toBeLessThanOrEqual(w.inner);
      if (route === 'overview') {
        await page.screenshot({ path: join(artifacts, 'overview-phone.png'), fullPage: true });
        // The themes table keeps its last column, reachable by scrolling inside its card.
        const impact = page.locator('#themes-h ~ table th', { hasText: 'NPS impact' });
        const card = page.locator('section[aria-labelledby="themes-h"]');
        await card.evaluate((el) => (el.scrollLeft = el.scrollWidth));
        const [cell, box] = [await impact.boundingBox(), await card.boundingBox()];
        expect(cell!.x + cell!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
      }
    }

    // Tapping a response far down the list opens its detail on screen, as a sheet with a close button.
    await page.goto(`${server.baseUrl}/admin/#/responses`);
    const item = page.locator('.responses li a').nth(15);
    await item.scrollIntoViewIfNeeded();
    await item.tap();
    const sheet = page.locator('.inbox-detail');
    await sheet.locator('.detail').waitFor();
    const box = (await sheet.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844 + 1);
    expect(await sheet.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    const close = sheet.locator('.detail-head').getByRole('button', { name: 'Close' });
    expect(await close.isVisible()).toBe(true);
    await close.tap();
    await sheet.locator('.state.empty').waitFor();
    expect(await sheet.evaluate((el) => getComputedStyle(el).position)).not.toBe('fixed');
    await ctx.close();
  });
});
