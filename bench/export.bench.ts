import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seed } from '../scripts/seed';
import { freePort } from '../test/http/harness';
import type { Bench, BenchRow } from './types';

// Exports every response of the 1,000,000-response bench database (the one metrics.bench.ts
// seeds and caches under data/bench/) through GET /api/v1/responses/export of a real server
// process, once as CSV and once as JSON Lines, each on a fresh process, and reports the
// server's peak RSS (VmHWM in /proc/<pid>/status) and the time to stream the whole body.
// The server runs on a copy of the cached file: startup applies migrations, and the cache
// must stay as metrics.bench.ts left it.
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const DAYS = 365;
const TOUCHPOINTS = 5;
const WS = 'ws_seed';
const KEY = 'ck_seed_0123456789abcdef0123456789abcdef';
const TARGET_MB = 200;
const root = resolve(import.meta.dirname, '..');


/** A /proc/<pid>/status field in MiB (VmRSS, VmHWM …). */
const statusMb = (pid: number, field: string): number => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function startServer(dbFile: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  // node itself with the tsx loader (not the tsx wrapper), so the pid measured is the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${dbFile}`, CHORUS_SEED: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error('the server exited during startup');
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start in 120 s');
}

async function exportOnce(dbFile: string, format: 'csv' | 'jsonl') {
  const { child, base } = await startServer(dbFile);
  const pid = child.pid!;
  try {
    const idleMb = statusMb(pid, 'VmRSS');
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/responses/export?format=${format}`, { headers: { authorization: `Bearer ${KEY}` } });
    if (res.status !== 200 || !res.body) throw new Error(`export ${format}: HTTP ${res.status} ${await res.text()}`);
    let bytes = 0;
    let newlines = 0;
    const reader = res.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const chunk = next.value;
      bytes += chunk.byteLength;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
    }
    const seconds = (performance.now() - started) / 1000;
    return { idleMb, peakMb: statusMb(pid, 'VmHWM'), seconds, bytes, newlines };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const bench: Bench = async () => {
  const cached = join(root, `data/bench/metrics-${RESPONSES}-${DAYS}-${TOUCHPOINTS}.db`);
  if (!existsSync(cached)) {
    const ms = await seed({ db: `file:${cached}`, responses: RESPONSES, days: DAYS, touchpoints: TOUCHPOINTS, workspace: WS, apiKey: KEY, now: Date.now() });
    writeFileSync(`${cached}.json`, JSON.stringify({ seedMs: ms, at: new Date().toISOString() }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'chorus-export-bench-'));
  const dbFile = join(dir, 'export.db');
  const rows: BenchRow[] = [];
  try {
    copyFileSync(cached, dbFile);
    if (existsSync(`${cached}-wal`)) copyFileSync(`${cached}-wal`, `${dbFile}-wal`);
    for (const format of ['csv', 'jsonl'] as const) {
      const r = await exportOnce(dbFile, format);
      // JSON Lines has one line per response; CSV adds its header (quoted comments may hold more).
      const complete = format === 'jsonl' ? r.newlines === RESPONSES : r.newlines >= RESPONSES + 1;
      const size = `${(r.bytes / 2 ** 20).toFixed(0)} MiB, ${r.newlines.toLocaleString('en')} lines, server idle RSS ${r.idleMb.toFixed(0)} MB`;
      rows.push({
        group: 'export',
        name: `export ${RESPONSES.toLocaleString('en')} responses as ${format}: server peak RSS`,
        value: r.peakMb,
        unit: 'MB',
        target: `< ${TARGET_MB} MB`,
        pass: r.peakMb < TARGET_MB && complete,
        note: complete ? size : `INCOMPLETE: ${size}`,
      });
      rows.push({ group: 'export', name: `export ${RESPONSES.toLocaleString('en')} responses as ${format}: time`, value: r.seconds, unit: 's', note: `${((RESPONSES / r.seconds) | 0).toLocaleString('en')} responses/s` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};

export default bench;
