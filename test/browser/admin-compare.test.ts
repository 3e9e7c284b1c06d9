import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { client, DEMO_EMAIL, DEMO_PASSWORD } from '../http/harness';
import { adminLogin, artifacts, demoAdmin, watchErrors } from './helpers';

const demo = demoAdmin();

interface Change {
  delta: number;
  significant: boolean;
}
interface Nps {
  from: string;
  to: string;
  total: { n: number; nps: number | null };
  buckets: { start: string; n: number; nps: number | null; change: Change | null }[];
  comparison?: { from: string; to: string; total: { n: number; nps: number | null }; change: Change | null };
}

/** The overview at `hash`, logged in, once it says which period it shows (`period`: that period as a query). */
async function open(hash: string): Promise<{ page: Page; errors: string[]; period: string }> {
  const server = demo.server();
  const context = await demo.browser().newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await adminLogin(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/admin/#/overview${hash}`);
  const line = page.locator('.scope-line');
  await line.waitFor();
  return { page, errors, period: `from=${await line.getAttribute('data-from')}&to=${await line.getAttribute('data-to')}` };
}

it('admin: every NPS tile shows the API\'s figures for both periods and the tested change', async () => {
  const api = client(demo.server().baseUrl);
  const { page, errors, period } = await open('?range=30d');
  const line = page.locator('.scope-line');
  const from = (await line.getAttribute('data-from'))!;
  const tps = (await api('GET', '/api/v1/touchpoints')).body.data as { id: string; name: string }[];
  await page.locator(`[data-touchpoint="${tps[0]!.id}"] [data-metric=nps-comparison]`).waitFor();
  for (const tp of tps) {
    const m = (await api('GET', `/api/v1/metrics/nps?touchpoint=${tp.id}&${period}&compare=previous`)).body as Nps;
    const card = page.locator(`[data-touchpoint="${tp.id}"]`);
    expect(await card.locator('[data-metric=nps]').textContent()).toBe(m.total.nps!.toFixed(0));
    const cmp = card.locator('[data-metric=nps-comparison]');
    expect(Number(await cmp.getAttribute('data-before'))).toBe(m.comparison!.total.nps);
    const badge = cmp.locator('.change');
    expect(await badge.getAttribute('data-delta')).toBe(m.comparison!.change!.delta.toFixed(1));
    expect(await badge.getAttribute('data-significant')).toBe(String(m.comparison!.change!.significant));
    expect(await badge.textContent()).toContain(m.comparison!.change!.significant ? '(significant)' : '(not significant)');
  }
  expect(await line.getAttribute('data-compare-to')).toBe(new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  await page.screenshot({ path: join(artifacts, 'overview-compare-30d.png'), fullPage: true });
  expect(errors).toEqual([]);
});

it('admin: "What to fix first" ranks by impact and holds the largest significant change, behind "and K more" when not in the top 8', async () => {
  const api = client(demo.server().baseUrl);
  const { page, errors, period } = await open('');
  const q = `${period}&compare=previous`;
  const tps = (await api('GET', '/api/v1/touchpoints')).body.data as { id: string }[];
  // The largest significant fall and rise of any touchpoint's NPS, bucket over bucket.
  let fall = 0;
  let rise = 0;
  for (const tp of tps) {
    const m = (await api('GET', `/api/v1/metrics/nps?touchpoint=${tp.id}&${q}`)).body as Nps;
    for (const b of m.buckets) {
      if (b.change?.significant && b.change.delta < fall) fall = b.change.delta;
      if (b.change?.significant && b.change.delta > rise) rise = b.change.delta;
    }
  }
  expect(fall).toBeLessThan(0);
  const problems = page.getByRole('list', { name: 'Problems, biggest impact first' });
  const improvements = page.getByRole('list', { name: 'Improvements, biggest impact first' });
  await problems.waitFor();
  await page.locator('.cards [data-metric=nps-comparison]').first().waitFor();
  await page.screenshot({ path: join(artifacts, 'overview-desktop.png') });
  await page.screenshot({ path: join(artifacts, 'overview-fix-first.png'), fullPage: true });
  // Nothing is cut silently: "and K more" expands each list to all of it.
  const more = page.getByRole('button', { name: /^and \d+ more$/ });
  while ((await more.count()) > 0) await more.first().click();
  const deltas = (list: typeof problems) => list.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-delta')));
  expect(await deltas(problems)).toContain(fall.toFixed(1));
  if (rise > 0) expect(await deltas(improvements)).toContain(rise.toFixed(1));
  const impacts = await problems.locator('li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-impact'))));
  expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
  expect(errors).toEqual([]);
});

it('admin: a chart exports as a PNG and an SVG, and as a CSV whose numbers are the API\'s', async () => {
  const api = client(demo.server().baseUrl);
  const { page, errors, period } = await open('?range=90d');
  const tp = ((await api('GET', '/api/v1/touchpoints')).body.data as { id: string; name: string }[])[0]!;
  const card = page.locator(`[data-touchpoint="${tp.id}"]`);
  await card.locator('svg[role=group]').waitFor();
  await card.getByText('Export', { exact: true }).click();
  const save = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name }).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  };
  const png = await save('PNG image');
  expect(png.name).toBe(`nps-of-${tp.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png`);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, twice the chart's 420 × 240 viewBox.
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([840, 480]);
  const svg = await save('SVG image');
  expect(svg.bytes.toString()).toContain('<svg');
  expect(svg.bytes.toString()).toMatch(/fill="rgb/);
  const csv = (await save('CSV data')).bytes.toString().trim().split('\r\n').map((r) => r.split(','));
  const header = csv[0]!;
  const m = (await api('GET', `/api/v1/metrics/nps?touchpoint=${tp.id}&${period}&compare=previous`)).body as Nps & { comparison: { buckets: Nps['buckets'] } };
  const current = csv.filter((r) => r[0] === 'current');
  expect(current.map((r) => r[header.indexOf('bucket start')])).toEqual(m.buckets.map((b) => b.start));
  expect(current.map((r) => Number(r[header.indexOf('n')]))).toEqual(m.buckets.map((b) => b.n));
  expect(current.map((r) => (r[header.indexOf('nps')] === '' ? null : Number(r[header.indexOf('nps')])))).toEqual(m.buckets.map((b) => b.nps));
  expect(csv.filter((r) => r[0] === 'comparison').map((r) => Number(r[header.indexOf('n')]))).toEqual(m.comparison.buckets.map((b) => b.n));
  await page.screenshot({ path: join(artifacts, 'overview-export.png') });
  expect(errors).toEqual([]);
});

it('admin: an invalid segment shows one message naming it, no figures and no endless loading', async () => {
  const { page, errors } = await open('?range=30d');
  await page.locator('[data-metric=nps]').first().waitFor();
  const metricCalls: string[] = [];
  page.on('request', (r) => r.url().includes('/api/v1/metrics/') && metricCalls.push(r.url()));
  // From a filled page to a malformed segment: the old figures must go.
  await page.evaluate(() => (location.hash = '#/overview?range=30d&attribute=plan'));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await page.getByRole('alert').count()).toBe(1);
  expect(await alert.textContent()).toContain('“plan”');
  expect(await page.locator('[data-metric=nps]').count()).toBe(0);
  expect(await page.locator('.loading').count()).toBe(0);
  expect(metricCalls).toEqual([]);
  // The filter bar refuses it before sending, and says why.
  expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
  // A filter only the API can judge (a period that ends before it starts): one message too.
  await page.evaluate(() => (location.hash = '#/overview?range=custom&from=2026-03-01&to=2026-02-01'));
  await page.getByRole('alert').filter({ hasText: 'is after' }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.getByRole('alert').count()).toBe(1);
  expect(await page.locator('[data-metric=nps]').count()).toBe(0);
  expect(await page.locator('.loading').count()).toBe(0);
  await page.screenshot({ path: join(artifacts, 'overview-invalid-segment.png') });
  // The 400s the page asked for are the console's only errors.
  expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
});
