import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ensureBuilt } from '../test/browser/helpers';
import { echoWorkerConfig, wranglerBin, wranglerEnv } from './echo';
import { median, type Bench, type BenchRow } from './types';

// The Worker as Cloudflare would receive it: `wrangler deploy --dry-run` builds the upload
// (Cloudflare's size limits count it gzipped; our budget is 1 MiB), and `wrangler check startup`
// imports it in a fresh local workerd under V8's CPU profiler, Cloudflare's own way to measure
// start-up (the global scope) locally. Both are measured for the bare Hono echo Worker too:
// the floor any Hono Worker pays.
const RUNS = 5;
const MiB = 1024 * 1024;
const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

const wrangler = async (args: string[]): Promise<string> => {
  const { stdout, stderr } = await run(wranglerBin, args, { cwd: root, env: wranglerEnv, maxBuffer: 16 * MiB });
  return stdout + stderr;
};

interface Built {
  /** The multipart upload, as `wrangler check startup --worker` takes it. */
  upload: string;
  /** Bytes of the gzipped modules (source maps are not uploaded for size). */
  gzip: number;
  /** wrangler's own "gzip: N KiB" figure, when it printed one. */
  wranglerKiB?: number;
}

async function buildWorker(dir: string, config?: string): Promise<Built> {
  const upload = join(dir, 'worker.bundle');
  const printed = await wrangler(['deploy', '--dry-run', '--outdir', join(dir, 'out'), '--outfile', upload, ...(config ? ['--config', config] : [])]);
  const modules = readdirSync(join(dir, 'out')).filter((f) => /\.(m?js|wasm)$/.test(f));
  const gzip = modules.reduce((n, f) => n + gzipSync(readFileSync(join(dir, 'out', f))).length, 0);
  const kib = /gzip:\s*([\d.]+)\s*KiB/.exec(printed)?.[1];
  return { upload, gzip, ...(kib ? { wranglerKiB: Number(kib) } : {}) };
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  /** µs; timeDeltas[i] is the time from sample i − 1 (or the start) to sample i. */
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Wall time of the profiled start-up request, and the CPU V8 sampled in it (idle excluded), in ms. */
async function startup(upload: string, dir: string, i: number): Promise<{ wall: number; cpu: number }> {
  const file = join(dir, `startup-${i}.cpuprofile`);
  await wrangler(['check', 'startup', '--worker', upload, '--outfile', file]);
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  // A sample stands for the interval up to the next one, as DevTools draws it.
  const cpu = p.samples.reduce((sum, id, k) => sum + (idle.has(id) ? 0 : (p.timeDeltas[k + 1] ?? 0)), 0);
  return { wall: (p.endTime - p.startTime) / 1000, cpu: cpu / 1000 };
}

const bench: Bench = async () => {
  ensureBuilt(); // the upload includes the assets directory, dist/public
  const dir = mkdtempSync(join(tmpdir(), 'chorus-worker-bench-'));
  const echo = echoWorkerConfig();
  try {
    const chorus = await buildWorker(join(dir, 'chorus'));
    const floor = await buildWorker(join(dir, 'echo'), echo.config);
    const times = { chorus: [] as { wall: number; cpu: number }[], echo: [] as { wall: number; cpu: number }[] };
    for (let i = 0; i < RUNS; i++) {
      times.chorus.push(await startup(chorus.upload, dir, i));
      times.echo.push(await startup(floor.upload, dir, RUNS + i));
    }
    const wall = { chorus: median(times.chorus.map((t) => t.wall)), echo: median(times.echo.map((t) => t.wall)) };
    const cpu = { chorus: median(times.chorus.map((t) => t.cpu)), echo: median(times.echo.map((t) => t.cpu)) };
    const group = 'worker';
    const kib = (b: number) => b / 1024;
    const rows: BenchRow[] = [
      {
        group,
        name: 'worker bundle (gzip)',
        value: kib(chorus.gzip),
        unit: 'KiB',
        baseline: { name: 'bare Hono echo Worker', value: kib(floor.gzip) },
        ratio: chorus.gzip / floor.gzip,
        target: '≤ 1024 KiB',
        pass: chorus.gzip <= MiB,
        note: `wrangler deploy --dry-run; zlib default level over the uploaded modules${chorus.wranglerKiB ? ` (wrangler prints ${chorus.wranglerKiB} KiB)` : ''}`,
      },
      {
        group,
        name: `start-up: first request importing the bundle in a fresh workerd (median of ${RUNS})`,
        value: wall.chorus,
        unit: 'ms',
        baseline: { name: 'bare Hono echo Worker', value: wall.echo },
        ratio: wall.chorus / wall.echo,
        target: '< 1000 ms',
        pass: wall.chorus < 1000,
        note: `wrangler check startup: wall time of the profiled request whose handler does \`await import(bundle)\` (global scope run once, plus local dispatch, which the echo shows); V8 sampled ${cpu.chorus.toFixed(1)} ms of CPU in it (echo ${cpu.echo.toFixed(1)} ms) at ~1 ms sampling; target = Workers' 1 s start-up limit; a local CPU, not Cloudflare's`,
      },
    ];
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(echo.dir, { recursive: true, force: true });
  }
};
export default bench;
