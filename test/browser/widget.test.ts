import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { client, startServer, type TestServer } from '../http/harness';
import { answerCheckoutByKeyboard, artifacts, tabIntoWidget, ensureBuilt, focused, hostSite, launch, responsesOf, until, waitForLog, watchErrors, type HostSite } from './helpers';

// The widget end to end in real Chromium, on a customer site of another origin with a
// strict CSP and hostile CSS, against the Node runtime.
let server: TestServer;
let site: HostSite;
let browser: Browser;
const run = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startServer('node'), launch()]);
  site = await hostSite(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.dispose();
});

describe('widget on a hostile host page', () => {
  it('loads nothing but the loader and one cacheable config request when no survey is due', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const requests: string[] = [];
    page.on('request', (r) => r.url().startsWith(server.baseUrl) && requests.push(`${r.method()} ${r.url().slice(server.baseUrl.length)}`));
    const config = page.waitForResponse((r) => r.url().includes('/surveys'));
    const decided = waitForLog(page, 'sv_renewal');
    await page.goto(`${site.origin}/pricing`);
    expect((await config).headers()['cache-control']).toContain('max-age=60');
    await decided;
    await page.waitForTimeout(500);
    expect(requests).toEqual(['GET /widget.js', 'GET /api/v1/client/pk_demo/surveys']);
    expect(await page.locator('chorus-widget').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  let answered: BrowserContext;
  const rid = `kb-${run}`;

  it('is answered with the keyboard alone and the complete response arrives', async () => {
    answered = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await answered.newPage();
    const errors = watchErrors(page);
    const uiLoads: string[] = [];
    page.on('request', (r) => r.url().includes('/widget/ui.') && uiLoads.push(r.url()));
    await page.goto(`${site.origin}/checkout?rid=${rid}`);
    const dialog = page.locator('chorus-widget [role=dialog]');
    await dialog.waitFor();
    const para = await page.locator('#para').boundingBox();

    // Host CSS reached neither the widget's font nor its layout; it floats inside the viewport.
    const box = (await dialog.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    const style = await dialog.evaluate((el) => {
      const h2 = getComputedStyle(el.querySelector('h2')!);
      const radio = getComputedStyle(el.querySelector('[role=radio]')!);
      return { font: h2.fontSize, color: h2.color, radioBg: radio.backgroundColor, family: h2.fontFamily, accent: getComputedStyle(el).getPropertyValue('--a').trim() };
    });
    expect(style).toMatchObject({ font: '16px', color: 'rgb(17, 24, 39)', radioBg: 'rgba(0, 0, 0, 0)', accent: '#0a7' });
    expect(style.family).not.toBe('serif');
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
    const radios = dialog.locator('[role=radiogroup] [role=radio]');
    expect(await radios.count()).toBe(11);
    expect(await radios.first().getAttribute('aria-label')).toBe('0, Not at all likely');
    await page.screenshot({ path: join(artifacts, 'widget-desktop.png') });

    await answerCheckoutByKeyboard(page, 'Checkout was quick & clear <3');
    expect(await page.locator('#para').boundingBox()).toEqual(para); // no layout shift
    await page.keyboard.press('Escape');
    await page.locator('chorus-widget').waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('outside:before'); // focus went back where it was

    const [response] = await until('the complete response', async () => {
      const rows = await responsesOf(server.baseUrl, 'sv_checkout', rid);
      return rows[0]?.status === 'complete' ? rows : undefined;
    });
    expect(response!.answers).toEqual({ nps: 9, csat: 4, goal_pricing_clear: 'partly', comment: 'Checkout was quick & clear <3' });
    expect(response!.attributes).toEqual({ plan: 'pro', seats: 3 });
    expect(uiLoads).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('does not ask a respondent who answered again within the recontact period', async () => {
    const page = await answered.newPage();
    const errors = watchErrors(page);
    const log = waitForLog(page, 'sv_support not shown: recontact period (14 d) not over');
    await page.goto(`${site.origin}/support?rid=${rid}`);
    await log;
    await page.waitForTimeout(300);
    expect(await page.locator('chorus-widget').count()).toBe(0);
    expect(errors).toEqual([]);
    await answered.close();
  });

  it('keeps an answer given offline and delivers it exactly once on a later page load', async () => {
    const context = await browser.newContext();
    const id = `off-${run}`;
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${site.origin}/onboarding?rid=${id}`);
    await tabIntoWidget(page);
    await context.setOffline(true);
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator('chorus-widget').getByText('How easy was it').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('chorus:outbox') ?? '[]').length)).toBe(1);
    await page.close();
    expect(await responsesOf(server.baseUrl, 'sv_onboarding', id)).toEqual([]);

    await context.setOffline(false);
    const next = await context.newPage();
    const nextErrors = watchErrors(next);
    await next.goto(`${site.origin}/pricing?rid=${id}`);
    const rows = await until('the delivered answer', async () => {
      const r = await responsesOf(server.baseUrl, 'sv_onboarding', id);
      return r.length ? r : undefined;
    });
    await next.waitForTimeout(1000);
    expect(await responsesOf(server.baseUrl, 'sv_onboarding', id)).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'partial', answers: { nps: 7 } });
    expect(await next.evaluate(() => localStorage.getItem('chorus:outbox'))).toBe('[]');
    // Offline failures of the page's own requests are expected; the host page saw no other error.
    expect([...errors, ...nextErrors].filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it('opening by itself takes no focus: typing in the host page loses no keystroke, and it announces itself politely', async () => {
    // A survey that opens a second after the page decided, while the person is typing.
    const created = await client(server.baseUrl)('POST', '/api/v1/surveys', {
      touchpointId: 'tp_support', name: `Typing ${run}`, status: 'active', priority: 100,
      questions: [{ id: 'nps', kind: 'nps', text: 'How likely are you to recommend us while typing?' }],
      targeting: { urls: [{ match: 'contains', value: '/typing-test' }], delaySeconds: 1 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${site.origin}/typing-test?rid=typing-${run}`, { waitUntil: 'domcontentloaded' });
    await page.focus('#typed');
    const text = 'where can I download the invoice for my November order please ';
    let typed = '';
    let beforeOpen = -1;
    let afterOpen = 0;
    // Type, one key every 40 ms, until 15 keys after the survey opened.
    for (let i = 0; afterOpen < 15 && i < 500; i++) {
      await page.keyboard.type(text[i % text.length]!);
      typed += text[i % text.length];
      if (afterOpen > 0 || (await page.locator('chorus-widget').count()) > 0) {
        if (afterOpen === 0) beforeOpen = typed.length;
        afterOpen++;
      }
      await page.waitForTimeout(40);
    }
    expect(afterOpen).toBe(15);
    expect(beforeOpen).toBeGreaterThan(1); // it opened while the person was typing
    expect(await page.inputValue('#typed')).toBe(typed);
    const dialog = page.locator('chorus-widget [role=dialog]');
    await dialog.locator('h2', { hasText: 'while typing' }).waitFor();
    expect(await focused(page)).toBe('outside:typed');
    // The live region says what opened, without moving the person there.
    await until('the announcement', async () => ((await dialog.locator('[aria-live=polite]').textContent())?.includes('Survey: How likely') ? true : undefined));
    // Tab moves into it, onto its first question; from there focus follows the steps.
    await page.keyboard.press('Tab');
    await until('focus in the widget', async () => ((await focused(page)).startsWith('radio:0') ? true : undefined));
    await page.keyboard.press('Escape');
    await page.locator('chorus-widget').waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('outside:typed'); // back where the person was
    expect(errors).toEqual([]);
    await context.close();
    await client(server.baseUrl)('PATCH', `/api/v1/surveys/${created.body.id}`, { status: 'closed' });
  });

  it('on a site that is not an allowed origin, shows nothing and says why in one console warning', async () => {
    const api = client(server.baseUrl);
    const allowed = (await api('GET', '/api/v1/workspace')).body.allowedOrigins as string[];
    expect((await api('PATCH', '/api/v1/workspace', { allowedOrigins: ['http://127.0.0.1:*'] })).status).toBe(200);
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on('console', (m) => m.type() === 'warning' && m.text().startsWith('[chorus]') && warnings.push(m.text()));
      const warned = waitForLog(page, 'is not an allowed origin');
      await page.goto(`${site.origin}/checkout?rid=refused-${run}`);
      await warned;
      await page.waitForTimeout(300);
      expect(warnings).toEqual([`[chorus] ${site.origin} is not an allowed origin of this workspace: add it under Settings → Allowed origins in the Chorus admin, and the widget will show its surveys here.`]);
      expect(await page.locator('chorus-widget').count()).toBe(0);
      await context.close();
      // …and Settings lists the site, to allow in one click.
      await until('the refused origin', async () => ((await api('GET', '/api/v1/refused-origins')).body.data.some((r: { origin: string }) => r.origin === site.origin) ? true : undefined));
    } finally {
      await api('PATCH', '/api/v1/workspace', { allowedOrigins: allowed });
    }
  });

  it('fits a phone as a bottom sheet', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${site.origin}/renewal?rid=m-${run}`);
    const dialog = page.locator('chorus-widget [role=dialog]');
    await dialog.waitFor();
    await page.waitForTimeout(400); // let the entrance animation finish before measuring
    const box = (await dialog.boundingBox())!;
    expect(box).toMatchObject({ x: 0, width: 390 });
    expect(Math.round(box.y + box.height)).toBe(844);
    await page.screenshot({ path: join(artifacts, 'widget-mobile.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('pages served by Chorus', () => {
  it('link survey: ?score=9 records a 9 at once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const res = await page.goto(`${server.baseUrl}/s/sv_signup?score=9`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('chorus-widget [role=main]').getByText('How easy was it').waitFor();
    const anon = await page.evaluate(() => JSON.parse(localStorage.getItem('chorus:pk_demo')!).a as string);
    const mine = await until('the link response', async () => (await responsesOf(server.baseUrl, 'sv_signup')).find((r) => r.anonymousId === anon));
    expect(mine).toMatchObject({ status: 'partial', answers: { nps: 9 } });
    await page.screenshot({ path: join(artifacts, 'link-survey.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('link survey: unknown → 404 page, paused → 409, closed → 410', async () => {
    const get = (p: string) => fetch(server.baseUrl + p).then(async (r) => ({ status: r.status, html: await r.text(), type: r.headers.get('content-type') }));
    const unknown = await get('/s/sv_nope');
    expect(unknown).toMatchObject({ status: 404 });
    expect(unknown.type).toContain('text/html');
    expect(unknown.html).toContain('Survey not found');
    const api = client(server.baseUrl);
    expect((await api('PATCH', '/api/v1/surveys/sv_renewal', { status: 'paused' })).status).toBe(200);
    const paused = await get('/s/sv_renewal');
    expect(paused.status).toBe(409);
    expect(paused.html).toContain('This survey is closed');
    expect((await api('PATCH', '/api/v1/surveys/sv_renewal', { status: 'closed' })).status).toBe(200);
    expect((await get('/s/sv_renewal')).status).toBe(410);
  });

  it('the /demo page shows a survey at once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.baseUrl}/demo`);
    await page.locator('chorus-widget [role=dialog]').getByText('How likely are you').waitFor();
    await page.screenshot({ path: join(artifacts, 'demo-page.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
