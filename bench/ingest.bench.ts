import { ensureBuilt } from '../test/browser/helpers';
import { startServer, type Runtime } from '../test/http/harness';
import { startNodeEcho, startWorkerdEcho, type Echo } from './echo';
import { CONNECTIONS, post, steadyThenSaturated, STEADY_RATE, type Load } from './load';
import { waitForQuiet } from './quiet';
import type { Bench, BenchRow } from './types';

// Ingestion: autocannon posting widget submissions with comments to Chorus on Node
// (`tsx server/node.ts`, libSQL file) and on workerd (`wrangler dev`, local D1), each started
// as test/http/harness.ts starts it (fresh database, demo seeded, rate limits raised), next
// to a bare Hono JSON echo measured in the same run. Runtimes run one after the other: on
// two cores, the load generator alone takes one.

async function chorus(runtime: Runtime): Promise<{ steady: Load; saturated: Load }> {
  const server = await startServer(runtime);
  try {
    // Let the start-up analysis of the demo's seeded comments finish before measuring.
    await waitForQuiet(20_000);
    return await steadyThenSaturated(`${server.baseUrl}/api/v1/client/pk_demo/responses`);
  } finally {
    await server.dispose();
  }
}

async function echo(start: () => Promise<Echo>): Promise<Load> {
  const e = await start();
  try {
    await waitForQuiet(5_000);
    return await post(e.url, { contentType: 'application/json' });
  } finally {
    await e.stop();
  }
}

/** One retry: `wrangler dev` restarts its worker when someone edits a watched file mid-run. */
async function retried<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    process.stderr.write(`bench: ${what} failed, retrying once: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}\n`);
    await waitForQuiet(10_000);
    return fn();
  }
}

const failed = (l: Load) => `non-2xx or errors: ${l.failed}`;

/** Latency ratio (× the echo's); autocannon counts whole milliseconds, so an echo at 0 ms has none. */
const times = (value: number, echo: number): Pick<BenchRow, 'ratio' | 'note'> =>
  echo > 0 ? { ratio: value / echo, note: 'ratio = × the echo’s latency' } : { note: 'the echo answered in under 1 ms (autocannon’s resolution): no ratio' };

function rows(runtime: Runtime, c: { steady: Load; saturated: Load }, echo: Load, note: string): BenchRow[] {
  const group = `ingestion (${runtime})`;
  const baseline = (value: number) => ({ name: 'bare Hono echo on Node', value });
  const { steady, saturated } = c;
  const ratio = saturated.rps / echo.rps;
  const steadyName = `at ${STEADY_RATE} req/s, evenly paced`;
  return [
    { group, name: `POST responses, ${CONNECTIONS} connections`, value: saturated.rps, unit: 'req/s', baseline: baseline(echo.rps), ratio, target: '≥ 0.5× echo', pass: ratio >= 0.5, note: `${note}; ${failed(saturated)}` },
    { group, name: 'POST responses p50 (saturated)', value: saturated.p50, unit: 'ms', baseline: baseline(echo.p50), ...times(saturated.p50, echo.p50) },
    { group, name: 'POST responses p99 (saturated)', value: saturated.p99, unit: 'ms', baseline: baseline(echo.p99), ...times(saturated.p99, echo.p99), target: '< 25 ms', pass: saturated.p99 < 25 },
    { group, name: `POST responses p50 ${steadyName}`, value: steady.p50, unit: 'ms', note: `achieved ${Math.round(steady.rps)} req/s; ${failed(steady)}` },
    {
      group,
      name: `POST responses p99 ${steadyName}`,
      value: steady.p99,
      unit: 'ms',
      target: '< 25 ms',
      pass: steady.p99 < 25,
      // Below the rate asked for, the server was the bottleneck: this is saturated latency too.
      ...(steady.rps < 0.95 * STEADY_RATE ? { note: `could not sustain ${STEADY_RATE} req/s (reached ${Math.round(steady.rps)}): saturated` } : {}),
    },
  ];
}

const bench: Bench = async () => {
  ensureBuilt(); // wrangler dev needs dist/public (the assets binding)
  const node = await chorus('node');
  const nodeEcho = await echo(startNodeEcho);
  const workerdEcho = await retried('echo under wrangler dev', () => echo(startWorkerdEcho));
  const workerd = await retried('Chorus under wrangler dev', () => chorus('workerd'));
  const proxy = workerdEcho.rps / nodeEcho.rps;
  return [
    ...rows('node', node, nodeEcho, `echo p50/p99 ${nodeEcho.p50}/${nodeEcho.p99} ms`),
    ...rows('workerd', workerd, nodeEcho, `baseline is the Node echo of this run; against the same echo under wrangler dev (${Math.round(workerdEcho.rps)} req/s) Chorus reaches ${(workerd.saturated.rps / workerdEcho.rps).toFixed(2)}×`),
    {
      group: 'ingestion (workerd)',
      name: `bare Hono echo under wrangler dev, ${CONNECTIONS} connections`,
      value: workerdEcho.rps,
      unit: 'req/s',
      baseline: { name: 'bare Hono echo on Node', value: nodeEcho.rps },
      ratio: proxy,
      note: `the ceiling of local workerd behind wrangler dev’s proxy, not of Cloudflare’s edge; p50/p99 ${workerdEcho.p50}/${workerdEcho.p99} ms; ${failed(workerdEcho)}`,
    },
  ];
};
export default bench;
