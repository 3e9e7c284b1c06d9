import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer } from '../test/http/harness';
import { ensureBuilt, hostSite, launch } from '../test/browser/helpers';
import { median, type Bench, type BenchRow } from './types';

// Widget weight and speed in Debian Chromium: gzipped sizes of what the build wrote, and
// the time from the loader script having arrived to the survey being on screen, on a
// cross-origin host page (fresh browser context per run: nothing cached).
const RUNS = 10;
const out = resolve(import.meta.dirname, '../dist/public');

const bench: Bench = async () => {
  ensureBuilt();
  const gz = (f: string) => gzipSync(readFileSync(f), { level: 9 }).length / 1024;
  const ui = readdirSync(join(out, 'widget')).find((f) => f.startsWith('ui.'))!;
  const rows: BenchRow[] = [
    { group: 'widget', name: 'loader widget.js (gzip)', value: gz(join(out, 'widget.js')), unit: 'KB', target: '≤ 3 KB', pass: gz(join(out, 'widget.js')) <= 3 },
    { group: 'widget', name: 'survey UI incl. Preact + CSS (gzip)', value: gz(join(out, 'widget', ui)), unit: 'KB', target: '≤ 10 KB', pass: gz(join(out, 'widget', ui)) <= 10 },
  ];

  const server = await startServer('node');
  const site = await hostSite(server.baseUrl);
  const browser = await launch();
  try {
    const fromLoaded: number[] = [];
    const fromRequest: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.origin}/checkout?rid=bench-${Date.now()}-${i}`);
      await page.waitForSelector('html[data-visible-at]', { timeout: 15_000 });
      // data-visible-at: first animation frame after <chorus-widget> entered the DOM (set by the host page's stub.js).
      const t = await page.evaluate(() => {
        const visible = Number(document.documentElement.dataset.visibleAt);
        const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widget.js')) as PerformanceResourceTiming;
        return { loaded: visible - script.responseEnd, requested: visible - script.startTime };
      });
      fromLoaded.push(t.loaded);
      fromRequest.push(t.requested);
      await context.close();
    }
    rows.push(
      { group: 'widget', name: `widget.js loaded → survey visible (median of ${RUNS})`, value: median(fromLoaded), unit: 'ms', note: 'includes the config request and the UI download' },
      { group: 'widget', name: `widget.js requested → survey visible (median of ${RUNS})`, value: median(fromRequest), unit: 'ms' },
    );
  } finally {
    await browser.close();
    await site.close();
    await server.dispose();
  }
  return rows;
};
export default bench;
