import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { browserBundle } from '../scripts/esbuild-options';
import { ensureBuilt, launch } from '../test/browser/helpers';
import { startServer } from '../test/http/harness';
import { waitForQuiet } from './quiet';
import { median, type Bench, type BenchRow } from './types';
import { widgetHost, type Embed, type WidgetHost } from './widget-host';

// Widget weight and speed in Debian Chromium: gzipped sizes of what the build wrote, and the
// time from the script having arrived to the embed being on screen on a cross-origin host
// page, in a fresh browser context per run (nothing cached), next to a bare Preact "hello"
// built with the same esbuild options. Runs alternate between the two.
const RUNS = 20;
const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist/public');
const gzipKB = (body: string | Buffer) => gzipSync(body, { level: 9 }).length / 1024;

/** The hello, bundled as scripts/build.ts bundles the widget (the same options, IIFE). */
async function buildHello(): Promise<string> {
  const result = await build({
    ...browserBundle,
    format: 'iife',
    entryPoints: [join(root, 'bench/hello-widget.tsx')],
  });
  return result.outputFiles![0]!.text;
}

interface Timing {
  /** Script response fully received → first frame showing the embed. */
  loaded: number;
  /** Script request started → first frame showing the embed. */
  requested: number;
}

async function once(browser: Browser, host: WidgetHost, embed: Embed, run: number): Promise<Timing> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // A new respondent each run, so recontact rules never hide the survey.
    await page.goto(host.url('/checkout', embed, `bench-${Date.now()}-${run}`));
    await page.waitForSelector('html[data-visible-at]', { timeout: 15_000 });
    return await page.evaluate((file) => {
      const visible = Number(document.documentElement.dataset.visibleAt);
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith(file)) as PerformanceResourceTiming;
      return { loaded: visible - script.responseEnd, requested: visible - script.startTime };
    }, embed === 'chorus' ? '/widget.js' : '/hello.js');
  } finally {
    await context.close();
  }
}

const bench: Bench = async () => {
  ensureBuilt();
  const hello = await buildHello();
  const ui = readdirSync(join(out, 'widget')).find((f) => /^ui\.[0-9a-f]+\.js$/.test(f))!;
  const loaderKB = gzipKB(readFileSync(join(out, 'widget.js')));
  const uiKB = gzipKB(readFileSync(join(out, 'widget', ui)));
  const helloKB = gzipKB(hello);
  const group = 'widget';
  const rows: BenchRow[] = [
    { group, name: 'loader widget.js (gzip -9)', value: loaderKB, unit: 'KB', target: '≤ 3 KB', pass: loaderKB <= 3, note: 'what every host page pays for' },
    { group, name: 'survey UI incl. Preact + CSS (gzip -9)', value: uiKB, unit: 'KB', baseline: { name: 'Preact hello', value: helloKB }, ratio: uiKB / helloKB, target: '≤ 10 KB', pass: uiKB <= 10, note: 'loaded only when a survey is due' },
  ];

  const server = await startServer('node');
  const host = await widgetHost(`${server.baseUrl}/widget.js`, hello);
  let browser: Browser | undefined;
  try {
    await waitForQuiet(20_000); // the demo's seeded comments are analysed at start-up
    browser = await launch();
    const times: Record<Embed, Timing[]> = { chorus: [], hello: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const embed of (i % 2 ? ['hello', 'chorus'] : ['chorus', 'hello']) as Embed[]) times[embed].push(await once(browser, host, embed, i));
    }
    const m = (embed: Embed, k: keyof Timing) => median(times[embed].map((t) => t[k]));
    const row = (k: keyof Timing, name: string, note: string): BenchRow => ({
      group,
      name: `${name} (median of ${RUNS})`,
      value: m('chorus', k),
      unit: 'ms',
      baseline: { name: 'Preact hello', value: m('hello', k) },
      ratio: m('chorus', k) / m('hello', k),
      note,
    });
    rows.push(
      row('loaded', 'widget.js loaded → survey visible', 'cold context per run; includes the survey config request and the UI download, which the hello does not have; ratio = × the hello’s time; frame-aligned (~16 ms steps)'),
      row('requested', 'widget.js requested → survey visible', 'adds the loader download itself'),
    );
  } finally {
    await browser?.close();
    await host.close();
    await server.dispose();
  }
  return rows;
};
export default bench;
