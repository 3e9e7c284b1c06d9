import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { API_KEY, startServer, type Runtime, type TestServer } from '../http/harness';
import { artifacts, ensureBuilt, launch, watchErrors } from './helpers';

const root = resolve(import.meta.dirname, '../..');
let browser: Browser;
const servers: Partial<Record<Runtime, TestServer>> = {};

beforeAll(async () => {
  ensureBuilt();
  if (!existsSync(join(root, 'dist/public/api/docs/swagger-ui-bundle.js'))) execFileSync(join(root, 'node_modules/.bin/tsx'), ['scripts/build.ts'], { cwd: root, stdio: 'ignore' });
  [servers.node, servers.workerd, browser] = await Promise.all([startServer('node'), startServer('workerd'), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(servers).map((s) => s?.dispose()));
});

describe.each(['node', 'workerd'] as const)('the API reference at /api/docs on %s', (runtime) => {
  it('lists every operation of /api/openapi.json from same-origin assets, and calls the API with a key', async () => {
    const base = servers[runtime]!.baseUrl;
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    const res = await page.goto(`${base}/api/docs`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    // The tags open one at a time (docExpansion 'none', a table of contents): open each, count
    // its operations, close it again.
    const tags = page.locator('.opblock-tag-section');
    await tags.first().waitFor({ timeout: 30_000 });
    let shown = 0;
    for (let i = 0, n = await tags.count(); i < n; i++) {
      const section = tags.nth(i);
      await section.locator('.opblock-tag').click();
      await section.locator('.opblock').first().waitFor();
      shown += await section.locator('.opblock').count();
      await section.locator('.opblock-tag').click();
    }
    expect(shown).toBe(operations);
    await expect.poll(() => page.locator('.info .title').innerText()).toContain('Chorus API');
    await page.screenshot({ path: join(artifacts, `api-docs-${runtime}.png`) });
    await page.locator('#operations-tag-alerts').click();
    const alerts = page.locator('#operations-alerts-GET_api_v1_alerts');
    await expect.poll(() => alerts.innerText()).toContain('/api/v1/alerts');

    // Authorize with an API key, then "Try it out" against this very server.
    await page.locator('button.authorize').first().click();
    await page.locator('.modal-ux input[type=text]').first().fill(API_KEY);
    await page.locator('.modal-ux .auth-btn-wrapper button.authorize').first().click();
    await page.locator('.modal-ux button.btn-done').first().click();
    await alerts.locator('.opblock-summary').click();
    await alerts.locator('button.try-out__btn').click();
    await alerts.locator('button.execute').click();
    await expect.poll(() => alerts.locator('.live-responses-table tbody .response-col_status').first().innerText(), { timeout: 15_000 }).toContain('200');
    // The live 200 is a documented response with its schema, not Swagger UI's "Undocumented".
    expect(await alerts.locator('.live-responses-table .response-undocumented').count()).toBe(0);
    expect(await alerts.locator('.responses-table tr.response[data-code="200"]').count()).toBeGreaterThan(0);
    await alerts.screenshot({ path: join(artifacts, `api-docs-try-${runtime}.png`) });

    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
