import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/http/harness';

// The bare Hono echo baselines, started and stopped by the ingestion benchmark.
const root = resolve(import.meta.dirname, '..');
export const wranglerBin = join(root, 'node_modules/.bin/wrangler');
/** Quiet, local-only wrangler: no telemetry, no colours, no dotenv tips. */
export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', DOTENV_CONFIG_QUIET: 'true' };

export interface Echo {
  url: string;
  stop(): Promise<void>;
}


/**
 * A wrangler.toml for bench/echo-worker.ts in a temp folder, so neither the app's bindings
 * nor its .dev.vars apply. Used by `wrangler dev` and `wrangler deploy --dry-run` alike.
 */
export function echoWorkerConfig(): { config: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-echo-worker-'));
  const config = join(dir, 'wrangler.toml');
  writeFileSync(config, `name = "echo"\nmain = ${JSON.stringify(join(root, 'bench/echo-worker.ts'))}\ncompatibility_date = "2026-04-20"\n`);
  return { config, dir };
}

async function untilAnswers(url: string, child: ChildProcess, log: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`echo exited: ${log()}`);
    try {
      // Any answer means it listens (the reference server rejects the empty body with a 400).
      const res = await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`echo did not answer in ${ms / 1000} s: ${log()}`);
}

/** Stops a child started with `detached: true` and everything it started (wrangler's workerd). */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  const timeout = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timeout);
}

/** The bare Hono echo on the same Node adapter as the app (bench/echo-server.ts). */
export const startNodeEcho = (): Promise<Echo> => startNodeBaseline('bench/echo-server.ts', '/echo');

/** The minimal durable ingest server (bench/reference-server.ts), the ceiling Chorus is measured against. */
export const startReference = (): Promise<Echo> => startNodeBaseline('bench/reference-server.ts', '/responses');

async function startNodeBaseline(script: string, path: string): Promise<Echo> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script)], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}${path}`;
  await untilAnswers(url, child, () => log);
  return { url, stop: () => stopGroup(child) };
}

/** The bare Hono echo as a Worker under `wrangler dev`: the same local proxy and workerd as the app. */
export async function startWorkerdEcho(): Promise<Echo> {
  const { config, dir } = echoWorkerConfig();
  const port = await freePort();
  const args = ['dev', '--config', config, '--port', String(port), '--ip', '127.0.0.1', '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false', '--persist-to', join(dir, 'state')];
  const child = spawn(wranglerBin, args, { cwd: dir, env: wranglerEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/echo`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilAnswers(url, child, () => log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
