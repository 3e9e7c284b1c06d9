import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { ensureBuilt } from '../test/browser/helpers';
import { startServer, type Runtime, type TestServer } from '../test/http/harness';
import { capacity } from './capacity';
import { startNodeEcho, startReference, startWorkerdEcho, type Echo } from './echo';
import { CONNECTIONS, paced, post, steadyThenSaturated, STEADY_RATE, type Load } from './load';
import { waitForQuiet } from './quiet';
import { median, type Bench, type BenchRow } from './types';

// Ingestion: autocannon posting widget submissions with comments to Chorus on Node
// (`tsx server/node.ts`, libSQL file) and on workerd (`wrangler dev`, local D1), each started
// as test/http/harness.ts starts it (fresh database, demo seeded, rate limits raised). On
// Node it runs beside the reference server (bench/reference-server.ts: the least a durable
// ingest server does on this stack; the headline ratio) and a bare Hono JSON echo, all three
// under the same load in each of ROUNDS rounds, and the medians are reported. Runtimes run
// one after the other: on two cores, the load generator alone takes one.
//
// `npm run bench -- ingest --node` skips workerd; `npm run bench -- ingest --soak` instead
// paces SOAK_RATE req/s at Chorus on Node for SOAK_SECONDS and reports its RSS before and after;
// `--capacity` measures what a response costs the database (bench/capacity.ts); `--db-thread-ab`
// also loads a second Chorus with CHORUS_DB_THREAD=false in each round, for the same-run comparison.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SOAK_RATE = Number(process.env.BENCH_SOAK_RATE ?? 1000);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const flags = process.argv.slice(2);

/** The machine's load when a figure was taken: it is shared, so every figure carries it. */
const load = () => `load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;

/**
 * Waits until Chorus has analysed the comments of the previous phase (its `/health` backlog
 * gauge), so that the next measurement, of Chorus or of a baseline, does not compete with it.
 */
async function settle(server: TestServer, maxMs = 60_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${server.baseUrl}/health`)).json()) as { analysisBacklog?: number };
    if (health.analysisBacklog === undefined) break; // a runtime without the gauge (workerd)
    if (health.analysisBacklog === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  await waitForQuiet(10_000);
}

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

interface NodeRun {
  steady: Load;
  saturated: Load;
  /** With `--db-thread-ab`: the same two runs on a second Chorus with CHORUS_DB_THREAD=false. */
  inThread?: { steady: Load; saturated: Load };
  reference: Load;
  echo: Load;
  load: string;
}

/** Chorus, the reference and the echo on Node, all running, loaded one after the other in each round. */
async function nodeRounds(): Promise<NodeRun[]> {
  const server = await startServer('node');
  const other = flags.includes('--db-thread-ab') ? await startServer('node', { env: { CHORUS_DB_THREAD: 'false' } }) : undefined;
  const reference = await startReference();
  const nodeEcho = await startNodeEcho();
  const url = `${server.baseUrl}/api/v1/client/pk_demo/responses`;
  const runs: NodeRun[] = [];
  try {
    await settle(server);
    if (other) await settle(other);
    for (let round = 0; round < ROUNDS; round++) {
      const at = load();
      const steady = await paced(url, STEADY_RATE, 'text/plain');
      await settle(server);
      const saturated = await post(url, { contentType: 'text/plain' });
      await settle(server);
      let inThread: NodeRun['inThread'];
      if (other) {
        const otherUrl = `${other.baseUrl}/api/v1/client/pk_demo/responses`;
        const steady = await paced(otherUrl, STEADY_RATE, 'text/plain');
        await settle(other);
        inThread = { steady, saturated: await post(otherUrl, { contentType: 'text/plain' }) };
        await settle(other);
        process.stderr.write(`bench: round ${round + 1}: CHORUS_DB_THREAD=false ${Math.round(inThread.saturated.rps)} req/s p99 ${inThread.saturated.p99} ms (paced p99 ${inThread.steady.p99.toFixed(1)} ms)\n`);
      }
      // The widget's content type for both durable servers; the echo parses JSON.
      const ref = await post(reference.url, { contentType: 'text/plain' });
      const e = await post(nodeEcho.url, { contentType: 'application/json' });
      runs.push({ steady, saturated, ...(inThread ? { inThread } : {}), reference: ref, echo: e, load: at });
      process.stderr.write(`bench: round ${round + 1}: Chorus ${Math.round(saturated.rps)} req/s p99 ${saturated.p99} ms (paced p99 ${steady.p99.toFixed(1)} ms), reference ${Math.round(ref.rps)}, echo ${Math.round(e.rps)}; ${at}\n`);
    }
  } finally {
    await Promise.all([server.dispose(), other?.dispose(), reference.stop(), nodeEcho.stop()]);
  }
  return runs;
}

const failed = (l: Load) => `non-2xx or errors: ${l.failed}`;
const medianLoad = (ls: Load[]): Load => ({
  rps: median(ls.map((l) => l.rps)),
  p50: median(ls.map((l) => l.p50)),
  p99: median(ls.map((l) => l.p99)),
  failed: ls.reduce((n, l) => n + l.failed, 0),
});

/** Latency ratio (× the baseline's); autocannon counts whole milliseconds, so a baseline at 0 ms has none. */
const times = (value: number, base: number, name: string): Pick<BenchRow, 'ratio' | 'note'> =>
  base > 0 ? { ratio: value / base, note: `ratio = × the ${name}’s latency` } : { note: `the ${name} answered in under 1 ms (autocannon’s resolution): no ratio` };

const steadyName = `at ${STEADY_RATE} req/s, evenly paced`;

function nodeRows(runs: NodeRun[]): BenchRow[] {
  const group = 'ingestion (node)';
  const pick = (f: (r: NodeRun) => Load) => medianLoad(runs.map(f));
  const [steady, saturated, ref, e] = [pick((r) => r.steady), pick((r) => r.saturated), pick((r) => r.reference), pick((r) => r.echo)];
  const perRound = runs.map((r) => `${Math.round(r.saturated.rps)}/${Math.round(r.reference.rps)} (${r.load})`).join('; ');
  const ratio = saturated.rps / ref.rps;
  const reference = (value: number) => ({ name: 'reference durable ingest', value });
  const echoBase = (value: number) => ({ name: 'bare Hono echo', value });
  const withThread = (value: number) => ({ name: 'Chorus as configured (database thread)', value });
  const ab = runs.every((r) => r.inThread)
    ? (() => {
        const sat = medianLoad(runs.map((r) => r.inThread!.saturated));
        const st = medianLoad(runs.map((r) => r.inThread!.steady));
        const perRoundAb = runs.map((r) => `${Math.round(r.inThread!.saturated.rps)}/${Math.round(r.saturated.rps)}`).join('; ');
        return [
          { group, name: `CHORUS_DB_THREAD=false, ${CONNECTIONS} connections`, value: sat.rps, unit: 'req/s', baseline: withThread(saturated.rps), ratio: sat.rps / saturated.rps, note: `median of ${runs.length} rounds, per round (false/true): ${perRoundAb}; p50/p99 ${sat.p50}/${sat.p99} ms; ${failed(sat)}` },
          { group, name: `CHORUS_DB_THREAD=false p99 ${steadyName}`, value: st.p99, unit: 'ms', baseline: withThread(steady.p99), ratio: st.p99 / steady.p99, note: `p50 ${st.p50.toFixed(1)} ms, achieved ${Math.round(st.rps)} req/s; ${failed(st)}` },
        ] satisfies BenchRow[];
      })()
    : [];
  return [
    {
      group,
      name: `POST responses, ${CONNECTIONS} connections`,
      value: saturated.rps,
      unit: 'req/s',
      baseline: reference(ref.rps),
      ratio,
      target: '≥ 0.3× reference',
      pass: ratio >= 0.3 && saturated.failed === 0,
      note: `median of ${runs.length} rounds; Chorus/reference req/s per round: ${perRound}; ${failed(saturated)}`,
    },
    { group, name: 'POST responses p50 (saturated)', value: saturated.p50, unit: 'ms', baseline: reference(ref.p50), ...times(saturated.p50, ref.p50, 'reference') },
    { group, name: 'POST responses p99 (saturated)', value: saturated.p99, unit: 'ms', baseline: reference(ref.p99), ...times(saturated.p99, ref.p99, 'reference'), target: '< 25 ms', pass: saturated.p99 < 25 },
    { group, name: `POST responses p50 ${steadyName}`, value: steady.p50, unit: 'ms', note: `achieved ${Math.round(steady.rps)} req/s; ${failed(steady)}` },
    {
      group,
      name: `POST responses p99 ${steadyName}`,
      value: steady.p99,
      unit: 'ms',
      target: '< 10 ms',
      pass: steady.p99 < 10 && steady.failed === 0,
      ...(steady.rps < 0.95 * STEADY_RATE ? { note: `could not sustain ${STEADY_RATE} req/s (reached ${Math.round(steady.rps)}): saturated` } : {}),
    },
    {
      group,
      name: `reference durable ingest, ${CONNECTIONS} connections`,
      value: ref.rps,
      unit: 'req/s',
      baseline: echoBase(e.rps),
      ratio: ref.rps / e.rps,
      note: `bench/reference-server.ts; p50/p99 ${ref.p50}/${ref.p99} ms; ${failed(ref)}`,
    },
    {
      group,
      name: `Chorus against the bare Hono echo`,
      value: saturated.rps,
      unit: 'req/s',
      baseline: echoBase(e.rps),
      ratio: saturated.rps / e.rps,
      note: `echo p50/p99 ${e.p50}/${e.p99} ms; ${failed(e)}`,
    },
    ...ab,
  ];
}

function workerdRows(c: { steady: Load; saturated: Load }, workerdEcho: Load, nodeEcho: number): BenchRow[] {
  const group = 'ingestion (workerd)';
  const baseline = (value: number) => ({ name: 'bare Hono echo under wrangler dev', value });
  const { steady, saturated } = c;
  return [
    { group, name: `POST responses, ${CONNECTIONS} connections`, value: saturated.rps, unit: 'req/s', baseline: baseline(workerdEcho.rps), ratio: saturated.rps / workerdEcho.rps, note: `${failed(saturated)}; ${load()}` },
    { group, name: 'POST responses p50 / p99 (saturated)', value: saturated.p99, unit: 'ms', note: `p50 ${saturated.p50} ms` },
    { group, name: `POST responses p99 ${steadyName}`, value: steady.p99, unit: 'ms', note: `p50 ${steady.p50.toFixed(1)} ms, achieved ${Math.round(steady.rps)} req/s; ${failed(steady)}` },
    {
      group,
      name: `bare Hono echo under wrangler dev, ${CONNECTIONS} connections`,
      value: workerdEcho.rps,
      unit: 'req/s',
      baseline: { name: 'bare Hono echo on Node', value: nodeEcho },
      ratio: workerdEcho.rps / nodeEcho,
      note: `the ceiling of local workerd behind wrangler dev’s proxy, not of Cloudflare’s edge; p50/p99 ${workerdEcho.p50}/${workerdEcho.p99} ms; ${failed(workerdEcho)}`,
    },
  ];
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Memory over a long evenly paced run: RSS after a warm-up and at the end, and the latency over the whole run. */
async function soak(): Promise<BenchRow[]> {
  const server = await startServer('node');
  try {
    const url = `${server.baseUrl}/api/v1/client/pk_demo/responses`;
    await settle(server);
    await paced(url, SOAK_RATE, 'text/plain', 30); // warm-up: caches, JIT, SQLite pages
    await settle(server);
    const pid = server.pid()!;
    const before = rssMiB(pid);
    const at = load();
    const run = await paced(url, SOAK_RATE, 'text/plain', SOAK_SECONDS);
    const end = rssMiB(pid);
    await settle(server);
    const after = rssMiB(pid);
    const group = 'ingestion soak (node)';
    return [
      { group, name: `RSS after ${SOAK_SECONDS} s at ${SOAK_RATE} req/s`, value: after, unit: 'MiB', baseline: { name: 'RSS after a 30 s warm-up', value: before }, ratio: after / before, note: `RSS at the end of the load ${end.toFixed(1)} MiB, after the analysis backlog drained ${after.toFixed(1)} MiB; ${at} at the start, ${load()} at the end` },
      { group, name: `p99 at ${SOAK_RATE} req/s over ${SOAK_SECONDS} s`, value: run.p99, unit: 'ms', note: `p50 ${run.p50.toFixed(1)} ms, achieved ${Math.round(run.rps)} req/s; ${failed(run)}` },
    ];
  } finally {
    await server.dispose();
  }
}

const bench: Bench = async () => {
  if (flags.includes('--soak')) return soak();
  if (flags.includes('--capacity')) return capacity(load());
  const node = nodeRows(await nodeRounds());
  if (flags.includes('--node')) return node;
  ensureBuilt(); // wrangler dev needs dist/public (the assets binding)
  const nodeEcho = await echo(startNodeEcho);
  const workerdEcho = await retried('echo under wrangler dev', () => echo(startWorkerdEcho));
  const workerd = await retried('Chorus under wrangler dev', () => chorus('workerd'));
  return [...node, ...workerdRows(workerd, workerdEcho, nodeEcho.rps)];
};
export default bench;
