import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, newResponseId, startServer, type TestServer } from '../http/harness';
import { adminLogin, artifacts, ensureAdminBuilt, launch, watchErrors } from './helpers';

// The Themes page as an analyst reads it, and a person tagging a comment with a theme in the
// inbox and seeing it counted, in real Chromium against the Node runtime and the demo data.
let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
const run = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  ensureAdminBuilt();
  [server, browser] = await Promise.all([startServer('node'), launch()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  errors = watchErrors(page);
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

/** The "N mentions" of a theme's row on the Themes page. */
async function mentionsOnPage(label: string): Promise<number> {
  await page.goto(`${server.baseUrl}/admin/#/themes`);
  const row = page.locator('.theme-table tbody tr', { has: page.getByRole('button', { name: label, exact: true }) });
  const text = (await row.locator('td.num .small').first().textContent()) ?? '';
  return Number(/(\d+) mention/.exec(text)?.[1]);
}

describe('themes in the admin', () => {
  it('shows categories of themes with share, trend, sentiment, NPS impact and verbatims, and opens a theme in a side panel', async () => {
    await page.goto(`${server.baseUrl}/admin/#/themes`);
    await page.locator('section.category .theme-table tbody tr').first().waitFor();
    expect(await page.locator('section.category').count()).toBeGreaterThan(0);
    expect(await page.locator('.theme-table svg.sparkline').count()).toBeGreaterThan(3);
    await page.locator('.verbatims li').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(artifacts, 'themes-page.png') });
    const first = page.locator('.theme-table button.theme-name').first();
    const label = (await first.textContent())!;
    await first.click();
    const panel = page.getByRole('complementary', { name: label });
    await panel.waitFor();
    expect(await panel.getByLabel('Category').count()).toBe(1);
    expect(await panel.getByRole('link', { name: /See the \d+ responses? mentioning it/ }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'themes-panel.png') });
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it('moves themes to a category from the side panel, and the page groups them under it', async () => {
    await page.goto(`${server.baseUrl}/admin/#/themes`);
    for (const i of [0, 1]) {
      const name = page.locator('.theme-table button.theme-name').nth(i);
      const label = (await name.textContent())!;
      await name.click();
      const panel = page.getByRole('complementary', { name: label });
      await panel.getByLabel('Category').fill(`Team ${run}`);
      await panel.getByRole('button', { name: 'Save theme' }).click();
      // The panel shows the theme's category above its name once saved.
      await page.getByRole('complementary', { name: label }).getByText(`Team ${run}`, { exact: true }).waitFor();
      await page.getByText('Re-analysis complete').waitFor({ timeout: 45_000 });
      await page.getByRole('complementary').getByRole('button', { name: 'Close' }).click();
    }
    const section = page.getByRole('region', { name: new RegExp(`^Team ${run}`) });
    await section.locator('tbody tr').nth(1).waitFor();
    expect(await section.locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(artifacts, 'themes-categories.png') });
  });

  it('tags a comment with a theme in the inbox, and the theme counts it', async () => {
    const api = client(server.baseUrl);
    const id = newResponseId();
    const comment = `Nowhere to leave the car near the shop, ${run}.`;
    const posted = await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id, surveyId: 'sv_support', answers: { nps: 4, comment }, complete: true }), { 'content-type': 'text/plain' });
    expect(posted.status).toBe(200);
    let analysed: { themes: { key: string }[] } | undefined;
    for (let i = 0; i < 50 && !analysed; i++) {
      const r = await api('GET', `/api/v1/responses/${id}`);
      if (r.body.analyzedAt) analysed = r.body;
      else await new Promise((ok) => setTimeout(ok, 100));
    }
    const themes = (await api('GET', '/api/v1/themes')).body.data as { key: string; label: string; hidden: boolean; mergedInto: string | null; category: string | null }[];
    const theme = themes.find((t) => !t.hidden && !t.mergedInto && !analysed!.themes.some((m) => m.key === t.key))!;
    const before = await mentionsOnPage(theme.label);

    await page.goto(`${server.baseUrl}/admin/#/responses?q=${run}&id=${id}`);
    await page.locator('article.detail p.comment', { hasText: comment }).waitFor();
    await page.getByLabel('Add a theme').selectOption(theme.key);
    await page.getByRole('button', { name: 'Add theme' }).click();
    const chip = page.locator('.theme-chip', { hasText: theme.label });
    await chip.waitFor();
    expect(await chip.textContent()).toContain('added by a person');
    expect(await mentionsOnPage(theme.label)).toBe(before + 1);

    // And the inbox filtered by the theme finds the comment.
    await page.goto(`${server.baseUrl}/admin/#/responses?theme=${theme.key}&q=${run}`);
    await page.locator('.responses li', { hasText: comment }).waitFor();

    // Removing it takes it out of the count again.
    await page.goto(`${server.baseUrl}/admin/#/responses?q=${run}&id=${id}`);
    await page.getByRole('button', { name: `Remove theme ${theme.label}` }).click();
    await page.locator('.theme-chip', { hasText: theme.label }).waitFor({ state: 'detached' });
    expect(await mentionsOnPage(theme.label)).toBe(before);
    expect(errors).toEqual([]);
  });
});
