import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD, startServer, type TestServer } from '../http/harness';
import { artifacts, adminLogin, ensureAdminBuilt, ensureBuilt, launch, responsesOf, until, waitForLog, watchErrors } from './helpers';

// Surveys that go live as intended (issue 21 part 5 and the builder's focus bug), in real
// Chromium against the Node runtime and its demo data.
let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
const questions = [
  { id: 'nps', kind: 'nps', text: 'How likely are you to recommend us?', required: true },
  { id: 'comment', kind: 'text', text: 'What is the main reason for your score?', required: false },
];

beforeAll(async () => {
  ensureBuilt();
  ensureAdminBuilt();
  [server, browser] = await Promise.all([startServer('node'), launch()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  errors = watchErrors(page);
  await page.goto(`${server.baseUrl}/admin/`);
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('activation', () => {
  it('warns that the demo Checkout survey always shows first, as the widget on the checkout page confirms', async () => {
    const api = client(server.baseUrl);
    // The analyst's new Checkout survey: on order completion, on the checkout pages, top priority.
    const created = await api('POST', '/api/v1/surveys', { name: 'Order completed', touchpointId: 'tp_checkout', priority: 10, questions, targeting: { urls: [{ match: 'startsWith', value: '/demo/checkout' }], events: ['order_completed'] } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    await page.goto(`${server.baseUrl}/admin/#/surveys/${id}`);
    const warning = page.locator('.activation-warnings');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('“Checkout survey” opens on page load');
    expect(await warning.textContent()).toContain('Trigger event never seen');
    await page.screenshot({ path: join(artifacts, 'activation-warning.png') });

    // Activating asks first, naming the conflict; the list shows the warning too.
    const asked = new Promise<string>((ok) => page.once('dialog', (d) => (ok(d.message()), void d.accept())));
    await page.getByRole('button', { name: 'Activate' }).click();
    expect(await asked).toContain('Checkout survey');
    await until('the survey to be active', async () => ((await api('GET', `/api/v1/surveys/${id}`)).body.status === 'active' ? true : undefined));
    await page.goto(`${server.baseUrl}/admin/#/surveys`);
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'Order completed' }) });
    await row.locator('.warning-count').waitFor();
    expect(await row.locator('.warning-count').textContent()).toContain('2 warnings');

    // What the warning says is what the widget does: the page-load survey takes the page.
    const demo = await browser.newPage();
    const shown = waitForLog(demo, 'sv_checkout shows');
    await demo.goto(`${server.baseUrl}/demo/checkout`);
    await shown;
    const refused = waitForLog(demo, 'a survey is already showing');
    await demo.evaluate(() => (window as unknown as { chorus: (...a: string[]) => void }).chorus('track', 'order_completed'));
    await refused;
    await demo.close();
    // …and the widget reported the event, so that warning goes once the page sent it.
    await page.goto(`${server.baseUrl}/admin/#/surveys/${id}`);
    await until('the event warning to go', async () => {
      await page.reload();
      await page.locator('.activation-warnings').waitFor();
      return (await page.locator('.activation-warnings').textContent())!.includes('Trigger event never seen') ? undefined : true;
    });
  });

  it('records nothing from the test preview of a link survey (?preview=1), unlike the link itself', async () => {
    const api = client(server.baseUrl);
    const created = await api('POST', '/api/v1/surveys', { name: 'Link only', touchpointId: 'tp_checkout', status: 'active', questions, targeting: { urls: [{ match: 'exact', value: '/nowhere' }] } });
    const id = created.body.id as string;
    const count = async () => (await responsesOf(server.baseUrl, id)).length;
    const nps = async () => (await api('GET', `/api/v1/metrics/nps?survey=${id}`)).body.total.n as number;
    expect([await count(), await nps()]).toEqual([0, 0]);

    // The builder's share panel offers the test link.
    await page.goto(`${server.baseUrl}/admin/#/surveys/${id}`);
    await page.getByRole('heading', { name: 'Link only' }).waitFor();
    const link = page.getByRole('link', { name: 'Open test preview' });
    expect(await link.getAttribute('href')).toBe(`${server.baseUrl}/s/${id}?preview=1`);

    const preview = await browser.newPage();
    const sent: string[] = [];
    preview.on('request', (r) => r.method() === 'POST' && sent.push(r.url()));
    await preview.goto(`${server.baseUrl}/s/${id}?preview=1&score=3`);
    const widget = preview.locator('chorus-widget');
    await widget.getByRole('note').waitFor();
    expect(await widget.getByRole('note').textContent()).toContain('Preview');
    // The score was taken; the comment step is answered and sent, locally.
    await widget.locator('textarea').fill('Testing the survey before it goes out');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByText('Thank you for your feedback!').waitFor();
    expect(await preview.evaluate(() => localStorage.getItem('chorus:outbox') ?? '[]')).toBe('[]');
    await preview.close();
    expect(sent).toEqual([]);
    expect([await count(), await nps()]).toEqual([0, 0]);

    // Without ?preview=1 the same link stores the detractor: the test above would have seen it.
    const real = await browser.newPage();
    await real.goto(`${server.baseUrl}/s/${id}?score=3`);
    await until('the real detractor', async () => ((await count()) === 1 ? true : undefined));
    await real.close();
    expect(await nps()).toBe(1);
  });

  it('keeps keyboard focus in the builder while the live preview re-renders after each pause in typing', async () => {
    await page.goto(`${server.baseUrl}/admin/#/surveys/sv_renewal`);
    await page.getByRole('heading', { name: 'Renewal survey' }).waitFor();
    await page.locator('.preview-box chorus-widget').waitFor();
    const field = page.getByLabel('Question text').first();
    await field.fill('');
    const words = ['How', ' likely', ' are', ' you', ' to', ' renew', ' with', ' us?'];
    for (const w of words) {
      await page.keyboard.type(w, { delay: 20 });
      // Longer than the preview's 250 ms debounce, so it re-renders between words.
      await page.waitForTimeout(400);
    }
    // A space typed with focus in the preview would have answered it instead.
    await page.keyboard.type(' Space', { delay: 20 });
    await page.waitForTimeout(400);
    expect(await field.inputValue()).toBe('How likely are you to renew with us? Space');
    expect(await page.evaluate(() => document.activeElement?.closest('label')?.textContent?.trim().startsWith('Question text'))).toBe(true);
    // The preview did re-render with the new text.
    expect(await page.locator('.preview-box chorus-widget').getByRole('heading').textContent()).toBe('How likely are you to renew with us? Space');
    expect(errors).toEqual([]);
  });
});
