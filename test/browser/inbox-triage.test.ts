import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, newResponseId, startServer, type TestServer } from '../http/harness';
import { artifacts, adminLogin, analysisSettled, ensureAdminBuilt, launch, seriousViolations, watchErrors } from './helpers';

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

/** Every chip's count as the page shows it, keyed `facet=value`, with the total. */
const chipCounts = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const b of document.querySelectorAll<HTMLElement>('.facets .chip')) out[`${b.dataset.facet}=${b.dataset.value}`] = Number(b.querySelector('.chip-count')!.textContent!.replace(/[^0-9]/g, ''));
    out.total = Number(document.querySelector('.facet-total')!.textContent!.replace(/[^0-9]/g, ''));
    return out;
  });

it('admin: the inbox filters by chips whose counts equal the API’s, kept in the URL, and closes a loop with a member, a reason and a logged trail', async () => {
  const api = client(server.baseUrl);
  const id = newResponseId();
  await client(server.baseUrl, null)('POST', '/api/v1/client/pk_demo/responses', JSON.stringify({ id, surveyId: 'sv_support', answers: { nps: 1, comment: 'Support never called me back, awful' }, complete: true }), { 'content-type': 'text/plain' });
  await analysisSettled(server.baseUrl);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, bypassCSP: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/admin/#/responses`);

  await page.getByRole('group', { name: 'Score' }).getByRole('button', { name: /Detractors/ }).click();
  await page.getByRole('group', { name: 'Comment' }).getByRole('button', { name: /With comment/ }).click();
  await page.getByRole('group', { name: 'Sentiment' }).getByRole('button', { name: /Negative/ }).click();
  await page.waitForFunction(() => /scoreBand=detractor/.test(location.hash) && /hasComment=true/.test(location.hash) && /sentiment=negative/.test(location.hash));
  const expected = (await api('GET', '/api/v1/responses/counts?scoreBand=detractor&hasComment=true&sentiment=negative')).body as {
    total: number;
    facets: Record<string, Record<string, number> | unknown[]>;
  };
  const want: Record<string, number> = { total: expected.total };
  for (const [facet, values] of Object.entries(expected.facets)) if (!Array.isArray(values)) for (const [v, n] of Object.entries(values)) want[`${facet}=${v}`] = n;
  await page.waitForFunction((total) => document.querySelector('.facet-total')?.textContent?.replace(/[^0-9]/g, '') === String(total), expected.total);
  expect(await chipCounts(page)).toEqual(want);
  expect(await page.getByRole('button', { name: /Detractors/ }).getAttribute('aria-pressed')).toBe('true');
  // The list is the filtered one: every response shown is a negative detractor with a comment.
  await page.waitForFunction((n) => document.querySelectorAll('ul.responses li').length === n, Math.min(25, expected.total));
  for (const badge of await page.locator('ul.responses li .score').allTextContents()) expect(Number(badge)).toBeLessThanOrEqual(6);
  expect(await page.locator('ul.responses li .badge.negative').count()).toBe(Math.min(25, expected.total));
  expect(await seriousViolations(page, '.facets')).toEqual([]);

  // Reloading keeps the filters (they are the URL).
  await page.reload();
  await page.waitForFunction((total) => document.querySelector('.facet-total')?.textContent?.replace(/[^0-9]/g, '') === String(total), expected.total);
  await page.locator(`ul.responses li a[href*="id=${id}"]`).click();
  await page.getByRole('heading', { name: 'Close the loop' }).waitFor();
  await page.screenshot({ path: join(artifacts, 'inbox-filters.png') });

  // The loop controls are above the fold at 1440×1000.
  const box = await page.getByRole('group', { name: 'Follow-up status' }).boundingBox();
  expect(box!.y + box!.height).toBeLessThan(1000);
  const owner = ((await api('GET', '/api/v1/members')).body.data as { userId: string }[])[0]!.userId;
  await page.getByRole('combobox', { name: 'Assignee' }).last().selectOption(owner);
  await page.locator('.activity li[data-kind="assigned"]').waitFor();
  await page.getByRole('group', { name: 'Follow-up status' }).getByRole('button', { name: 'Closed' }).click();
  await page.getByRole('combobox', { name: 'Resolution' }).selectOption('other');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Called and apologised');
  await page.getByRole('button', { name: 'Close loop' }).click();
  await page.locator('.activity li[data-kind="status"]').waitFor();
  expect(await page.locator('.activity li[data-kind="status"]').textContent()).toContain('closed: Other — Called and apologised');
  const after = (await api('GET', `/api/v1/responses/${id}`)).body;
  expect(after.loop).toMatchObject({ status: 'closed', assignee: owner, resolution: { reason: 'other', note: 'Called and apologised' } });
  expect(after.activity.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([
    ['assigned', DEMO_EMAIL],
    ['status', DEMO_EMAIL],
  ]);
  // No mail transport and no known email: reply is disabled with the reason.
  expect(await page.getByRole('button', { name: 'Reply by email' }).isDisabled()).toBe(true);
  expect(await page.locator('#reply-why').textContent()).toMatch(/email is not known/);
  expect(errors).toEqual([]);
}, 180_000);
