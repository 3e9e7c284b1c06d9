import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { client, startServer, type TestServer } from '../http/harness';

const root = resolve(import.meta.dirname, '../..');
export const artifacts = join(root, 'test-artifacts');

/** Debian's Chromium; nothing here may download a browser. */
export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

const newest = (dir: string): number =>
  Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));

/** `npm run test:browser` builds first; a bare `vitest run --project browser` builds here when the widget is stale. */
export function ensureBuilt(): void {
  mkdirSync(artifacts, { recursive: true });
  const out = join(root, 'dist/public/widget.js');
  if (existsSync(out) && statSync(out).mtimeMs >= newest(join(root, 'widget'))) return;
  execFileSync(join(root, 'node_modules/.bin/tsx'), ['scripts/build.ts'], { cwd: root, stdio: 'ignore' });
}

// Everything a careless or hostile stylesheet can do to an embedded widget.
const hostileCss = `
* { all: unset; font-size: 40px !important; color: red !important; font-family: serif !important; line-height: 3 !important; letter-spacing: 4px !important }
:root { --a: red; --b: lime; --t: blue; --r: 99px; --ac: red; font-size: 40px }
/* the documented theming hook, not an attack */
:root { --chorus-accent: #0a7 }
html { font-size: 40px !important }
div { display: none !important }
button { background: lime !important; border: 5px solid red !important; padding: 30px !important }
chorus-widget { transform: scale(3); opacity: .1; display: none }
p, h1, button { display: block }
`;

// The queue stub from docs/WIDGET.md, in a file because the page's CSP forbids inline script.
const stub = `
window.chorus=window.chorus||function(){(chorus.q=chorus.q||[]).push(arguments)};
chorus('debug');
var rid = new URLSearchParams(location.search).get('rid');
if (rid) chorus('identify', rid, { plan: 'pro', seats: 3, bad: { nested: true } });
document.addEventListener('DOMContentLoaded', function () { document.getElementById('before').focus(); });
new MutationObserver(function (_, o) {
  if (!document.querySelector('chorus-widget')) return;
  o.disconnect();
  requestAnimationFrame(function () { document.documentElement.setAttribute('data-visible-at', String(performance.now())); });
}).observe(document, { childList: true, subtree: true });
`;

export interface HostSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * A customer's site on another origin (localhost vs the API's 127.0.0.1) with a strict CSP
 * and hostile CSS. Every path serves the same page, so URL targeting decides what shows
 * (`/typing…` pages add a text input after the button).
 */
export async function hostSite(api: string): Promise<HostSite> {
  const csp = `default-src 'self'; script-src 'self' ${api}; connect-src ${api}; style-src 'self'`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/hostile.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(hostileCss);
    if (path === '/stub.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(stub);
    if (path === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    res.end(`<!doctype html><html><head><meta name="viewport" content="width=device-width,initial-scale=1"><title>Host</title><link rel="stylesheet" href="/hostile.css"><script src="/stub.js"></script>
<script async src="${api}/widget.js" data-key="pk_demo"></script></head>
<body><h1>Host page</h1><p id="para">Some content the widget must not move.</p><button id="before">Focused before</button>${path.startsWith('/typing') ? '<label>Search <input id="typed"></label>' : ''}</body></html>`);
  });
  await new Promise<void>((ok) => server.listen(0, 'localhost', ok));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export const waitForLog = (page: Page, text: string) => page.waitForEvent('console', { predicate: (m) => m.text().includes(text), timeout: 15_000 });

export interface ResponseDto {
  id: string;
  status: string;
  answers: Record<string, unknown>;
  respondentId: string | null;
  anonymousId: string | null;
  attributes: Record<string, unknown> | null;
}

/** Responses of one survey through the management API (newest first). */
export async function responsesOf(api: string, survey: string, respondent?: string): Promise<ResponseDto[]> {
  const q = new URLSearchParams({ survey, limit: '500', ...(respondent ? { respondent } : {}) });
  const res = await client(api)('GET', `/api/v1/responses?${q}`);
  return res.body.data as ResponseDto[];
}

export async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Waits until the Node server has analysed every comment it holds (the demo's are analysed on
 * worker threads after start-up), so figures read from the page and from the API agree.
 */
export const analysisSettled = (api: string) =>
  until('the comment analysis backlog to empty', async () => {
    const health = (await client(api, null)('GET', '/health')).body as { analysisBacklog?: number };
    return health.analysisBacklog === undefined || health.analysisBacklog === 0 ? true : undefined;
  }, 60_000);

/** The text of the focused element inside the widget's shadow root. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const host = document.querySelector('chorus-widget');
    const el = host?.shadowRoot?.activeElement;
    return el ? `${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent}` : `outside:${document.activeElement?.id}`;
  });

/**
 * A survey the page's targeting opened leaves focus where it was; Tab from the last control
 * of the page moves into it, onto its first question.
 */
export async function tabIntoWidget(page: Page, from = '#before'): Promise<void> {
  await page.locator('chorus-widget [role=dialog]').waitFor();
  await page.focus(from);
  await page.keyboard.press('Tab');
  if ((await focused(page)) === 'outside:typed') await page.keyboard.press('Tab');
  await until('focus in the widget', async () => ((await focused(page)).startsWith('radio:0') ? true : undefined));
}

/**
 * Answers the demo checkout survey (nps, csat, cpi, comment) with the keyboard alone:
 * Tab moves into it, arrow keys move within a scale, Enter/Space choose, Tab reaches the
 * send button.
 */
export async function answerCheckoutByKeyboard(page: Page, comment: string): Promise<void> {
  const dialog = page.locator('chorus-widget [role=dialog]');
  await dialog.waitFor();
  await tabIntoWidget(page);
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter'); // NPS 9
  await dialog.getByText('How satisfied are you').waitFor();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space'); // CSAT 4
  await dialog.getByText('Pricing is clear?').waitFor();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter'); // CPI "partly"
  await dialog.locator('textarea').waitFor();
  await page.keyboard.type(comment);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await dialog.getByText('Thank you').waitFor();
}

/** Like `ensureBuilt`, for the admin app: rebuilds when admin/ changed since the last build. */
export function ensureAdminBuilt(): void {
  ensureBuilt();
  const out = join(root, 'dist/public/admin/index.html');
  if (existsSync(out) && statSync(out).mtimeMs >= Math.max(newest(join(root, 'admin')), newest(join(root, 'widget')))) return;
  execFileSync(join(root, 'node_modules/.bin/tsx'), ['scripts/build.ts'], { cwd: root, stdio: 'ignore' });
}

/** Logs into the admin app at `${api}/admin/` with the given credentials. */
export async function adminLogin(page: Page, api: string, email: string, password: string): Promise<void> {
  await page.goto(`${api}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * The serious and critical axe-core violations on the page (or inside `selector`, shadow
 * roots included), one line each: rule, count and the first few targets. The page's context
 * needs `bypassCSP: true` for axe's script to be injected.
 */
export async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (selector) => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, selector);
}

/**
 * For one test file: a Node server with the demo data (its comments analysed, so figures are
 * settled) and a browser, started before the tests and closed after them.
 */
export function demoAdmin(): { server: () => TestServer; browser: () => Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureAdminBuilt();
    [server, browser] = await Promise.all([startServer('node'), launch()]);
    await analysisSettled(server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });
  return { server: () => server!, browser: () => browser! };
}
